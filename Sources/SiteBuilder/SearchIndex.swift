import Foundation
import NewsModel
import Templates

/// The search index: an inverted index split by token into shards, so a query downloads only the
/// shards its tokens live in, the length tables of the stories it ranks, and one small fragment per
/// result it shows.
///
/// Files (version 6, deterministic):
/// - `search/meta.json`: `{"avgdl": A, "docs": N, "lengthsPerFile": L, "shards": S, "version": 6}`,
///   A the average length.
/// - `search/index-K.bin`: the postings of every token whose `SearchTokenizer.shardHash` modulo S
///   is K, in the compact binary form of `SearchIndexFormat`: for a pair of characters, each
///   document's positions (so a query's terms can be verified exactly), for a single character its
///   count, and the filter lists `@r:<region slug>` and `@t:<topic slug>`.
/// - `search/lengths-K.bin`: the length class of documents `K × L` to `K × L + L − 1` (fewer in
///   the last), which ranking weighs a match by, and their headline lengths, which tell a pair's
///   position in the headline from one in the body; in a table of their own so that an edit
///   changing a story's length changes no shard entry it does not otherwise change, and so that
///   no pair's entry repeats the headline's length.
/// - `search/docs/N.json`: what a result shows: `{"d": date, "h": every headline part, "k": kicker,
///   "r": region, "t": title, "u": url, "x": text}`.
///
/// Documents are numbered oldest first (the site's order reversed), so a higher number is a newer
/// story, and stories added with the newest date take new numbers at the end: an update leaves
/// every other document's number, fragment and postings as they were.
public struct SearchIndex: Sendable {
    /// One searchable story.
    public struct Document: Sendable {
        /// Site-relative URL.
        public var url: String
        /// Headline parts, title first.
        public var title: String
        /// The kicker, shown above the title in results.
        public var kicker: String?
        /// Every headline part (column, kicker, title, subtitle): searched with headline weight.
        public var headline: [String]
        /// `YYYY-MM-DD` or empty.
        public var date: String
        /// Most specific region name, or empty.
        public var region: String
        /// Slugs of every region of the story (for the region filter).
        public var regionSlugs: [String]
        /// Slugs of the story's topics (for the topic filter).
        public var topicSlugs: [String]
        /// Body text.
        public var text: String { String(decoding: textUTF8, as: UTF8.self) }
        /// `text` as valid UTF-8 bytes: a rendered body's plain text is read without making a string.
        var textUTF8: [UInt8]

        /// Creates a document.
        public init(url: String, title: String, kicker: String?, headline: [String], date: String, region: String,
                    regionSlugs: [String], topicSlugs: [String], text: String) {
            self.init(url: url, title: title, kicker: kicker, headline: headline, date: date, region: region,
                      regionSlugs: regionSlugs, topicSlugs: topicSlugs, textUTF8: Array(text.utf8))
        }

        /// Creates a document whose text is given as bytes, which must be valid UTF-8.
        init(url: String, title: String, kicker: String?, headline: [String], date: String, region: String,
             regionSlugs: [String], topicSlugs: [String], textUTF8: [UInt8]) {
            self.url = url
            self.title = title
            self.kicker = kicker
            self.headline = headline
            self.date = date
            self.region = region
            self.regionSlugs = regionSlugs
            self.topicSlugs = topicSlugs
            self.textUTF8 = textUTF8
        }

        /// The length ranking uses: the headline parts and the body in Unicode scalars, with one
        /// separator after each part. Counted before normalising (NFKC changes the length of hardly
        /// any character of news text, and only ranking depends on it), so the text is normalised once.
        var searchLength: Int {
            headline.reduce(headline.count) { $0 + TextMetrics.scalarCount($1) } + textUTF8.withUnsafeBufferPointer { TextMetrics.scalarCount(utf8: $0) }
        }

        /// The filter tokens of the story: `@r:` and each region slug, `@t:` and each topic slug, sorted.
        var filterTokens: [String] {
            Set(regionSlugs.map { "@r:" + $0 } + topicSlugs.map { "@t:" + $0 }).sorted()
        }

        /// The normalised searchable scalars: headline parts, a line break, then the body; and the
        /// headline's length (its line break included).
        func searchable(_ normalizer: inout SearchTokenizer.Normalizer) -> (scalars: [Unicode.Scalar], headlineLength: Int) {
            var scalars = normalizedHeadline(&normalizer)
            let headlineLength = scalars.count
            textUTF8.withUnsafeBufferPointer { normalizer.append(utf8: $0, to: &scalars) }
            return (scalars, headlineLength)
        }

        /// The headline's length as `searchable` counts it: where the body's positions begin.
        var searchHeadlineLength: Int {
            var normalizer = SearchTokenizer.Normalizer()
            return normalizedHeadline(&normalizer).count
        }

        /// The headline parts normalised, a line break after each.
        private func normalizedHeadline(_ normalizer: inout SearchTokenizer.Normalizer) -> [Unicode.Scalar] {
            var scalars: [Unicode.Scalar] = []
            normalizer.append(headline.joined(separator: "\n"), to: &scalars)
            scalars.append("\n")
            return scalars
        }
    }

    /// The bytes of postings `write` holds in memory before moving them to a temporary file.
    ///
    /// The heap the lists take is two to three times their bytes, all of it fresh memory the
    /// system zeroes as it is first touched; what a move frees is used again by the next lists.
    /// At 64 MiB a 10,000-article render to memory peaked at 346 MB and spent 0.74 s in the kernel;
    /// at 12 MiB, 193 MB and 0.29 s (wall −14 %, ten alternating pairs). At 100,000 articles the
    /// shards read back more pieces (0.36–0.40 s against 0.13–0.17 s) for a lower peak (650 against
    /// 741 MB), the whole build's time within noise.
    public static let postingsBudget = 12 << 20

    /// Documents per shard aimed at; the shard count grows with the site, as a power of two.
    static let documentsPerShard = 8
    static let maxShards = 4096
    /// A result's text is cut here: enough for a snippet, bounded for very long pages.
    static let fragmentTextLimit = 20_000
    /// Documents per length table: a query whose results span the archive reads every table, 4 KiB
    /// each; an edit rewrites one.
    static let lengthsPerFile = 4096

    /// The number of length tables for `documents` documents.
    static func lengthFileCount(documents: Int) -> Int { (documents + lengthsPerFile - 1) / lengthsPerFile }

    /// The number of files of an index of `documents` documents: the meta, the shards, the fragments
    /// and the length tables, numbered in that order.
    static func fileCount(documents: Int) -> Int {
        1 + shardCount(documents: documents) + documents + lengthFileCount(documents: documents)
    }

    /// The number, as `write` numbers the files, of length table `table` of an index of `documents` documents.
    static func lengthFileNumber(_ table: Int, documents: Int) -> Int {
        1 + shardCount(documents: documents) + documents + table
    }

    /// The position in the site order (newest first) of document `number` of `documents`: they are
    /// numbered oldest first.
    static func story(ofDocument number: Int, documents: Int) -> Int { documents - 1 - number }

    /// The number of shards for `documents` documents.
    static func shardCount(documents: Int) -> Int {
        var count = 1
        while count < maxShards, count * documentsPerShard < documents { count *= 2 }
        return count
    }

    /// What `write` made besides the files: each document's length and filter tokens, by number.
    public struct Written: Sendable {
        /// How many files were emitted.
        public var files: Int
        /// `Document.searchLength` of each document.
        public var lengths: [Int]
        /// `Document.searchHeadlineLength` of each document.
        public var headlineLengths: [Int]
        /// `Document.filterTokens` of each document.
        public var filters: [[String]]
    }

    /// `write(count:document:stop:emit:)` for documents at hand; returns how many files were
    /// emitted, or `nil` when given up.
    public static func write(_ documents: [Document], stop: () -> Bool = { false },
                             emit: @Sendable (_ number: Int, _ path: String, _ contents: Data) throws -> Void) throws -> Int? {
        try write(count: documents.count, document: { documents[$0] }, stop: stop, emit: emit)?.files
    }

    /// Makes the index files and hands each to `emit` as soon as it is made — `search/meta.json`
    /// (number 0), the shards (1 … S), the fragments (S + 1 … S + N) and the length tables (after
    /// them), from several threads at once — so the encoded index is never held whole.
    ///
    /// Documents are asked for a batch at a time, so only one batch of texts is held at once: each
    /// is analysed on its own (normalised, tokenised and its entries encoded, on every core) and its
    /// fragment emitted; then the batch's entries are gathered per token in document order, one
    /// partition of the tokens per core. Tokens are handled as integers (`TokenKey`) until the
    /// shards are written, once every document is in.
    /// - Parameters:
    ///   - count: the number of documents.
    ///   - document: document `number`; called from several threads at once.
    ///   - stop: checked between batches of documents; when it says so, the work is given up
    ///     (a preview puts a newer edit first).
    ///   - memoryBudget: the bytes of postings held before they are moved to a temporary file
    ///     (`PostingSpill`), so that an archive of any size is indexed in bounded memory.
    /// - Returns: the files emitted and each document's length and filters, or `nil` when given up.
    public static func write(count: Int, document: @Sendable (Int) throws -> Document, stop: () -> Bool = { false },
                             memoryBudget: Int = postingsBudget,
                             emit: @Sendable (_ number: Int, _ path: String, _ contents: Data) throws -> Void) throws -> Written? {
        var timer = PhaseTimer()
        let shardCount = shardCount(documents: count)
        var lengths: [Int] = []
        var headlineLengths: [Int] = []
        var documentFilters: [[String]] = []
        lengths.reserveCapacity(count)
        headlineLengths.reserveCapacity(count)
        documentFilters.reserveCapacity(count)

        let partitions = max(1, Parallel.defaultWorkers)
        let gathered = (0..<partitions).map { _ in PartitionTable() }
        typealias Analysed = Slots<(entries: DocumentEntries, length: Int, headlineLength: Int, filters: [String], fragment: Data)>
        /// Adds one partition's share of a batch's entries to its table, in document order.
        @Sendable func gather(_ batch: (start: Int, analysed: Analysed), partition: Int) {
            let table = gathered[partition]
            for offset in 0..<batch.analysed.count {
                table.add(batch.analysed.value(offset).entries, document: batch.start + offset, partition: partition, of: partitions)
            }
        }
        /// Emits a batch's fragments, one after the other. They all go to one folder, and two
        /// threads creating files in one folder take turns at its lock: the one waiting spun
        /// there, about 4 % of a whole build's CPU time when each document's task emitted its own.
        @Sendable func emitFragments(_ batch: (start: Int, analysed: Analysed)) throws {
            for offset in 0..<batch.analysed.count {
                let number = batch.start + offset
                try emit(1 + shardCount + number, fragmentPath(number), batch.analysed.value(offset).fragment)
            }
        }
        var spill: PostingSpill?
        let batchSize = 512
        // The batch analysed before this one: its entries are gathered and its fragments emitted
        // while this one is analysed, as tasks among its documents, so no core waits for them
        // between batches.
        var previous: (start: Int, analysed: Analysed)?
        for batchStart in stride(from: 0, to: count, by: batchSize) {
            if stop() { return nil }
            let batch = batchStart..<min(count, batchStart + batchSize)
            let analysed = Analysed(count: batch.count)
            let pending = previous
            let pendingTasks = pending == nil ? 0 : 1 + partitions
            // One task at a time: a document takes a fraction of a millisecond, so the last ones
            // of a batch end nearly together. Each partition's table is changed by one task only.
            try Parallel.forEach(pendingTasks + batch.count, chunk: 1) { task in
                if let pending, task < pendingTasks {
                    return task == 0 ? try emitFragments(pending) : gather(pending, partition: task - 1)
                }
                let offset = task - pendingTasks
                let number = batch.lowerBound + offset
                let made = try document(number)
                let length = made.searchLength
                var normalizer = SearchTokenizer.Normalizer()
                let (scalars, headline) = made.searchable(&normalizer)
                var entries = DocumentEntries(scalars: scalars, headlineLength: headline)
                entries.arrange(partitions: partitions)
                analysed.set(offset, (entries, length, headline, made.filterTokens, fragmentJSON(made)))
            }
            for offset in 0..<batch.count {
                lengths.append(analysed.value(offset).length)
                headlineLengths.append(analysed.value(offset).headlineLength)
                documentFilters.append(analysed.value(offset).filters)
            }
            previous = (batch.lowerBound, analysed)
            if gathered.reduce(0, { $0 + $1.heldBytes }) > memoryBudget {
                let file = try spill ?? PostingSpill()
                spill = file
                try Parallel.forEach(partitions) { try gathered[$0].spill(to: file) }
            }
        }
        if let last = previous {
            try Parallel.forEach(1 + partitions) { task in task == 0 ? try emitFragments(last) : gather(last, partition: task - 1) }
        }

        timer.mark("    search: analyse, gather, fragments")
        // Filters: a few tokens, each on many documents.
        var filters: [String: Postings] = [:]
        for (number, tokens) in documentFilters.enumerated() {
            for token in tokens {
                filters[token, default: Postings(kind: .filter)].add(document: number, entry: [])
            }
        }

        // Every token's UTF-8 bytes and shard.
        var byShard = Array(repeating: [(token: [UInt8], postings: Postings)](), count: shardCount)
        func place(_ token: [UInt8], _ postings: Postings) {
            byShard[Int(SearchTokenizer.shardHash(utf8: token) % UInt32(shardCount))].append((token, postings))
        }
        for partition in gathered {
            for (key, postings) in partition.takePostings() { place(key.utf8, postings) }
        }
        for (token, postings) in filters { place(Array(token.utf8), postings) }

        timer.mark("    search: place tokens")
        try emit(0, metaPath, metaJSON(lengths: lengths, shards: shardCount))
        for table in 0..<lengthFileCount(documents: count) {
            try emit(lengthFileNumber(table, documents: count), lengthsPath(table),
                     lengthTable(table, lengths: lengths, headlineLengths: headlineLengths))
        }
        let shards = ShardQueue(byShard)
        byShard = []
        let spilled = spill
        try Parallel.forEach(shardCount) { number in
            let tokens = shards.take(number)
            var bytes = SearchIndexFormat.magic
            bytes.reserveCapacity(tokens.reduce(16) { $0 + $1.token.count + $1.postings.byteCount + 12 })
            SearchIndexFormat.appendVarint(tokens.count, to: &bytes)
            for (token, entry) in tokens.sorted(by: { $0.token.lexicographicallyPrecedes($1.token) }) {
                SearchIndexFormat.appendVarint(token.count, to: &bytes)
                bytes += token
                bytes.append(entry.kind.rawValue)
                SearchIndexFormat.appendVarint(entry.count, to: &bytes)
                SearchIndexFormat.appendVarint(entry.byteCount, to: &bytes)
                // What went to the temporary file first, in the order it went; then what stayed.
                for chunk in entry.chunks { try spilled?.read(chunk, into: &bytes) }
                bytes += entry.bytes
            }
            try emit(1 + number, shardPath(number), Data(bytes))
        }
        timer.mark("    search: shards")
        return Written(files: fileCount(documents: count), lengths: lengths, headlineLengths: headlineLengths, filters: documentFilters)
    }

    /// The path of the index's description.
    static let metaPath = "search/meta.json"

    /// The path of shard `number`.
    static func shardPath(_ number: Int) -> String { .concatenating(shardPaths.prefix, String(number), shardPaths.suffix) }

    /// The path of document `number`'s fragment.
    static func fragmentPath(_ number: Int) -> String { .concatenating(fragmentPaths.prefix, String(number), fragmentPaths.suffix) }

    /// The path of length table `number`.
    static func lengthsPath(_ number: Int) -> String { .concatenating(lengthsPaths.prefix, String(number), lengthsPaths.suffix) }

    /// Length table `table` of documents of these lengths and headline lengths (by number).
    static func lengthTable(_ table: Int, lengths: [Int], headlineLengths: [Int]) -> Data {
        let documents = (table * lengthsPerFile)..<min(lengths.count, (table + 1) * lengthsPerFile)
        return Data(SearchIndexFormat.lengthTable(lengths[documents], headlineLengths: headlineLengths[documents]))
    }

    /// What comes before and after the number in a shard's path, a fragment's and a length table's.
    private static let shardPaths = (prefix: "search/index-", suffix: ".bin")
    private static let fragmentPaths = (prefix: "search/docs/", suffix: ".json")
    private static let lengthsPaths = (prefix: "search/lengths-", suffix: ".bin")

    /// The kind of path of file `number` of an index of `documents` documents, and the number in it.
    private static func pathParts(ofFile number: Int, documents: Int) -> (parts: (prefix: String, suffix: String), index: Int) {
        let shards = shardCount(documents: documents)
        if number <= shards { return (shardPaths, number - 1) }
        if number <= shards + documents { return (fragmentPaths, number - 1 - shards) }
        return (lengthsPaths, number - 1 - shards - documents)
    }

    /// Whether `path` is `path(ofFile: number, documents: documents)`, told from its bytes without
    /// making that path (a rebuild checks every file of the index it keeps: 12,000 at 10,000 stories).
    static func isPath(_ path: String, ofFile number: Int, documents: Int) -> Bool {
        if number == 0 { return path == metaPath }
        let (parts, index) = pathParts(ofFile: number, documents: documents)
        let (prefix, suffix) = (parts.prefix, parts.suffix)
        return path.withUTF8InPlace { bytes in
            let (head, tail) = (prefix.utf8.count, suffix.utf8.count)
            guard bytes.count > head + tail,
                  prefix.withUTF8InPlace({ memcmp(bytes.baseAddress!, $0.baseAddress!, head) }) == 0,
                  suffix.withUTF8InPlace({ memcmp(bytes.baseAddress! + bytes.count - tail, $0.baseAddress!, tail) }) == 0 else { return false }
            // The digits of `index`, from the last, with no leading zero.
            var remaining = index
            var position = bytes.count - tail
            repeat {
                position -= 1
                guard position >= head, bytes[position] == UInt8(ascii: "0") + UInt8(remaining % 10) else { return false }
                remaining /= 10
            } while remaining > 0
            return position == head
        }
    }

    /// The path of file `number` as `write` numbers them, for an index of `documents` documents.
    static func path(ofFile number: Int, documents: Int) -> String {
        if number == 0 { return metaPath }
        let (parts, index) = pathParts(ofFile: number, documents: documents)
        return .concatenating(parts.prefix, String(index), parts.suffix)
    }

    /// `search/meta.json` for documents of these lengths: the average length is what ranking
    /// measures each document's length against.
    static func metaJSON(lengths: [Int], shards: Int) -> Data {
        let averageLength = max(1, lengths.reduce(0, +) / max(1, lengths.count))
        return Data(("{\"avgdl\":\(averageLength),\"docs\":\(lengths.count),\"lengthsPerFile\":\(lengthsPerFile)," +
                     "\"shards\":\(shards),\"version\":6}").utf8)
    }

    /// The shards' tokens, each handed to one writer and then let go.
    private final class ShardQueue: @unchecked Sendable {
        private var shards: [[(token: [UInt8], postings: Postings)]]
        private let lock = NSLock()

        init(_ shards: [[(token: [UInt8], postings: Postings)]]) { self.shards = shards }

        /// Shard `number`'s tokens; the queue keeps none of them afterwards.
        func take(_ number: Int) -> [(token: [UInt8], postings: Postings)] {
            lock.lock()
            defer { lock.unlock() }
            var taken: [(token: [UInt8], postings: Postings)] = []
            swap(&taken, &shards[number])
            return taken
        }
    }

    /// A token as an integer: a single character is its scalar value; a pair of characters sets bit
    /// 42 above the two values, 21 bits each (every Unicode scalar fits in 21 bits).
    struct TokenKey: Hashable, Comparable {
        var raw: UInt64

        init(raw: UInt64) { self.raw = raw }
        init(single scalar: Unicode.Scalar) { raw = UInt64(scalar.value) }
        init(_ first: Unicode.Scalar, _ second: Unicode.Scalar) {
            raw = 1 << 42 | UInt64(first.value) << 21 | UInt64(second.value)
        }

        var isPair: Bool { raw >> 42 != 0 }

        /// The token's text as UTF-8.
        var utf8: [UInt8] {
            var text = String.UnicodeScalarView()
            if isPair {
                text.append(Unicode.Scalar(UInt32(raw >> 21 & 0x1F_FFFF))!)
                text.append(Unicode.Scalar(UInt32(raw & 0x1F_FFFF))!)
            } else {
                text.append(Unicode.Scalar(UInt32(raw))!)
            }
            return Array(String(text).utf8)
        }

        /// Which of `count` partitions gathers this token: a multiplicative hash, so neighbouring
        /// characters spread evenly, scaled to the count by a multiplication, not a division (asked
        /// twice for every token of every document).
        @inline(__always)
        func partition(of count: Int) -> Int {
            let hash = (raw &* 0x9E37_79B9_7F4A_7C15) >> 32
            return Int(truncatingIfNeeded: (hash &* UInt64(truncatingIfNeeded: count)) >> 32)
        }

        static func < (left: TokenKey, right: TokenKey) -> Bool { left.raw < right.raw }
    }

    /// A token's entries so far: its kind, entry count, last document and bytes (those moved to the
    /// temporary file first, then those in memory).
    struct Postings {
        var kind: SearchIndexFormat.Kind
        var count = 0
        var lastDocument = 0
        var chunks: [PostingSpill.Chunk] = []
        var bytes: [UInt8] = []

        /// The length of the entries, wherever they are.
        var byteCount: Int { chunks.reduce(bytes.count) { $0 + $1.length } }

        init(kind: SearchIndexFormat.Kind) { self.kind = kind }

        /// Appends a document's entry: its number as a difference from the previous one, then `entry`.
        mutating func add<Entry: Collection<UInt8>>(document: Int, entry: Entry) {
            SearchIndexFormat.appendVarint(document - lastDocument, to: &bytes)
            bytes.append(contentsOf: entry)
            lastDocument = document
            count += 1
        }
    }

    /// The fragment of a result, `search/docs/N.json`: an object with sorted keys (`k` left out when
    /// the story has no kicker), its text cut to `fragmentTextLimit` characters.
    static func fragmentJSON(_ document: Document) -> Data {
        var json: [UInt8] = []
        json.reserveCapacity(document.textUTF8.count + 512)
        func key(_ name: String) {
            json += Array((json.isEmpty ? "{\"" : ",\"").utf8) + Array(name.utf8) + [UInt8(ascii: "\""), UInt8(ascii: ":")]
        }
        func field(_ name: String, _ value: String) {
            key(name)
            JSONText.appendString(value, to: &json)
        }
        field("d", document.date)
        field("h", document.headline.joined(separator: "\n"))
        if let kicker = document.kicker { field("k", kicker) }
        field("r", document.region)
        field("t", document.title)
        field("u", document.url)
        // A text of no more UTF-8 bytes than the limit has no more characters either.
        if document.textUTF8.count <= fragmentTextLimit {
            key("x")
            document.textUTF8.withUnsafeBufferPointer { JSONText.appendString(utf8: $0, to: &json) }
        } else {
            field("x", String(document.text.prefix(fragmentTextLimit)))
        }
        json.append(UInt8(ascii: "}"))
        return Data(json)
    }

    /// What a result shows, in `search/docs/N.json`.
    struct Fragment: Codable {
        var d: String
        var h: String
        var k: String?
        var r: String
        var t: String
        var u: String
        var x: String
    }
}
