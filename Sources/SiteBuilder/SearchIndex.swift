import Foundation
import NewsModel

/// The search index: an inverted index split by token into shards, so a query downloads only the
/// shards its tokens live in, plus one small fragment per result it shows.
///
/// Files (version 3, deterministic):
/// - `search/meta.json`: `{"avgdl": A, "docs": N, "shards": S, "version": 3}`.
/// - `search/index-K.bin`: the postings of every token whose `SearchTokenizer.shardHash` modulo S
///   is K, in the compact binary form of `SearchIndexFormat`: for a pair of characters, each
///   document's positions (so a query's terms can be verified exactly), for a single character its
///   count, and the filter lists `@r:<region slug>` and `@t:<topic slug>`.
/// - `search/docs/N.json`: what a result shows: `{"d": date, "h": every headline part, "k": kicker,
///   "r": region, "t": title, "u": url, "x": text}`.
///
/// Documents are numbered in the site's order, newest first, so a lower number is a newer story.
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
        public var text: String

        /// Creates a document.
        public init(url: String, title: String, kicker: String?, headline: [String], date: String, region: String,
                    regionSlugs: [String], topicSlugs: [String], text: String) {
            self.url = url
            self.title = title
            self.kicker = kicker
            self.headline = headline
            self.date = date
            self.region = region
            self.regionSlugs = regionSlugs
            self.topicSlugs = topicSlugs
            self.text = text
        }

        /// The normalised searchable scalars: headline parts, a line break, then the body; and the
        /// headline's length (its line break included).
        func searchable(_ normalizer: inout SearchTokenizer.Normalizer) -> (scalars: [Unicode.Scalar], headlineLength: Int) {
            var scalars: [Unicode.Scalar] = []
            normalizer.append(headline.joined(separator: "\n"), to: &scalars)
            scalars.append("\n")
            let headlineLength = scalars.count
            normalizer.append(text, to: &scalars)
            return (scalars, headlineLength)
        }
    }

    /// Documents per shard aimed at; the shard count grows with the site, as a power of two.
    static let documentsPerShard = 8
    static let maxShards = 4096
    /// A result's text is cut here: enough for a snippet, bounded for very long pages.
    static let fragmentTextLimit = 20_000

    /// The number of shards for `documents` documents.
    static func shardCount(documents: Int) -> Int {
        var count = 1
        while count < maxShards, count * documentsPerShard < documents { count *= 2 }
        return count
    }

    /// The index files, as site-relative paths and contents.
    ///
    /// Tokens are handled as integers (`TokenKey`) until the shards are written: each document is
    /// analysed on its own (normalised, tokenised and its entries encoded, on every core), then the
    /// entries are gathered per token in document order, one partition of the tokens per core.
    public static func files(for documents: [Document]) -> [(path: String, contents: Data)] {
        var timer = PhaseTimer()
        let shardCount = shardCount(documents: documents.count)
        // Lengths first: an entry stores its document's length relative to the average.
        let lengths = ConcurrentMap.map(Array(documents.indices)) { index -> Int in
            var normalizer = SearchTokenizer.Normalizer()
            return documents[index].searchable(&normalizer).scalars.count
        }
        let averageLength = max(1, lengths.reduce(0, +) / max(1, lengths.count))

        let partitions = max(1, Parallel.defaultWorkers)
        let gathered = (0..<partitions).map { _ in PartitionTable() }
        // Documents are analysed a batch at a time, so only one batch of entries is held at once.
        let batchSize = 512
        for batchStart in stride(from: 0, to: documents.count, by: batchSize) {
            let batch = Array(batchStart..<min(documents.count, batchStart + batchSize))
            let analysed = ConcurrentMap.map(batch) { number -> DocumentEntries in
                var normalizer = SearchTokenizer.Normalizer()
                let (scalars, headline) = documents[number].searchable(&normalizer)
                let lengthTenths = max(1, (scalars.count * 10 + averageLength / 2) / averageLength)
                return DocumentEntries(scalars: scalars, headlineLength: headline, lengthTenths: lengthTenths)
            }
            // Each partition's table is changed in place by one worker (never copied).
            try? Parallel.forEach(partitions) { partition in
                let table = gathered[partition]
                for (offset, entries) in analysed.enumerated() {
                    table.add(entries, document: batch[offset], partition: partition, of: partitions)
                }
            }
        }

        timer.mark("    search: analyse and gather")
        // Filters: a few tokens, each on many documents.
        var filters: [String: Postings] = [:]
        for (number, document) in documents.enumerated() {
            for token in Set(document.regionSlugs.map { "@r:" + $0 } + document.topicSlugs.map { "@t:" + $0 }).sorted() {
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
        var files: [(String, Data)] = []
        files.append(("search/meta.json", Data("{\"avgdl\":\(averageLength),\"docs\":\(documents.count),\"shards\":\(shardCount),\"version\":3}".utf8)))
        files += ConcurrentMap.map(Array(byShard.enumerated())) { number, tokens -> (String, Data) in
            var bytes = SearchIndexFormat.magic
            bytes.reserveCapacity(tokens.reduce(16) { $0 + $1.token.count + $1.postings.bytes.count + 12 })
            SearchIndexFormat.appendVarint(tokens.count, to: &bytes)
            for (token, entry) in tokens.sorted(by: { $0.token.lexicographicallyPrecedes($1.token) }) {
                SearchIndexFormat.appendVarint(token.count, to: &bytes)
                bytes += token
                bytes.append(entry.kind.rawValue)
                SearchIndexFormat.appendVarint(entry.count, to: &bytes)
                SearchIndexFormat.appendVarint(entry.bytes.count, to: &bytes)
                bytes += entry.bytes
            }
            return ("search/index-\(number).bin", Data(bytes))
        }
        timer.mark("    search: shards")
        defer { timer.mark("    search: fragments") }
        files += ConcurrentMap.map(Array(documents.enumerated())) { number, document -> (String, Data) in
            ("search/docs/\(number).json", fragmentJSON(document))
        }
        return files
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

        /// Which of `count` partitions gathers this token (a multiplicative hash, so neighbouring
        /// characters spread evenly).
        func partition(of count: Int) -> Int {
            Int((raw &* 0x9E37_79B9_7F4A_7C15) >> 33) % count
        }

        static func < (left: TokenKey, right: TokenKey) -> Bool { left.raw < right.raw }
    }

    /// The tokens of one partition and their entries, filled by one worker at a time. Tokens are
    /// numbered as they come, through an open-addressing table on the key (the hottest loop of the
    /// index: one lookup per token of every document).
    final class PartitionTable: @unchecked Sendable {
        private var slots = [UInt64](repeating: 0, count: 1 << 12)
        private var slotIDs = [Int32](repeating: 0, count: 1 << 12)
        private var keys: [TokenKey] = []
        private var counts: [Int32] = []
        private var lastDocuments: [Int32] = []
        private var lists: [[UInt8]] = []

        /// The number of a token, added when new. Keys are never 0 (no token is the NUL character).
        private func id(of key: TokenKey) -> Int {
            if keys.count * 2 >= slots.count { grow() }
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: (key.raw &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while true {
                let found = slots[slot]
                if found == key.raw { return Int(slotIDs[slot]) }
                if found == 0 {
                    let id = keys.count
                    slots[slot] = key.raw
                    slotIDs[slot] = Int32(id)
                    keys.append(key)
                    counts.append(0)
                    lastDocuments.append(0)
                    lists.append([])
                    return id
                }
                slot = (slot + 1) & mask
            }
        }

        private func grow() {
            let size = slots.count * 2
            slots = [UInt64](repeating: 0, count: size)
            slotIDs = [Int32](repeating: 0, count: size)
            for (id, key) in keys.enumerated() {
                var slot = Int(truncatingIfNeeded: (key.raw &* 0x9E37_79B9_7F4A_7C15) >> 20) & (size - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = key.raw
                slotIDs[slot] = Int32(id)
            }
        }

        /// Adds a document's entries for the tokens of this partition.
        func add(_ entries: DocumentEntries, document: Int, partition: Int, of partitions: Int) {
            entries.bytes.withUnsafeBufferPointer { buffer in
                for (index, key) in entries.keys.enumerated() where key.partition(of: partitions) == partition {
                    let id = id(of: key)
                    let from = index == 0 ? 0 : entries.ends[index - 1]
                    var delta = document - Int(lastDocuments[id])
                    // The document number's difference as a varint, then the entry.
                    while delta >= 0x80 {
                        lists[id].append(UInt8(delta & 0x7F) | 0x80)
                        delta >>= 7
                    }
                    lists[id].append(UInt8(delta))
                    lists[id].append(contentsOf: UnsafeBufferPointer(rebasing: buffer[from..<entries.ends[index]]))
                    lastDocuments[id] = Int32(document)
                    counts[id] += 1
                }
            }
        }

        /// Every token and its postings; the table is empty afterwards.
        func takePostings() -> [(TokenKey, Postings)] {
            var result: [(TokenKey, Postings)] = []
            result.reserveCapacity(keys.count)
            for (id, key) in keys.enumerated() {
                var postings = Postings(kind: key.isPair ? .pair : .single)
                postings.count = Int(counts[id])
                postings.bytes = lists[id]
                lists[id] = []
                result.append((key, postings))
            }
            keys = []
            counts = []
            lastDocuments = []
            lists = []
            slots = []
            slotIDs = []
            return result
        }
    }

    /// A token's entries so far: its kind, entry count, last document and bytes.
    struct Postings {
        var kind: SearchIndexFormat.Kind
        var count = 0
        var lastDocument = 0
        var bytes: [UInt8] = []

        init(kind: SearchIndexFormat.Kind) { self.kind = kind }

        /// Appends a document's entry: its number as a difference from the previous one, then `entry`.
        mutating func add<Entry: Collection<UInt8>>(document: Int, entry: Entry) {
            SearchIndexFormat.appendVarint(document - lastDocument, to: &bytes)
            bytes.append(contentsOf: entry)
            lastDocument = document
            count += 1
        }
    }

    /// One document's entry for each of its tokens, encoded without the document number.
    struct DocumentEntries: Sendable {
        var keys: [TokenKey] = []
        var ends: [Int] = []
        var bytes: [UInt8] = []

        init(scalars: [Unicode.Scalar], headlineLength: Int, lengthTenths: Int) {
            // Every unigram and bigram with its position, packed as key << 21 | position so that one
            // integer sort groups them by token with positions ascending (a key has 43 bits).
            var occurrences: [UInt64] = []
            occurrences.reserveCapacity(scalars.count * 2)
            let packs = scalars.count < 1 << 21
            var wide: [(key: TokenKey, position: Int)] = []
            func add(_ key: TokenKey, _ position: Int) {
                if packs { occurrences.append(key.raw << 21 | UInt64(position)) } else { wide.append((key, position)) }
            }
            var previous: (scalar: Unicode.Scalar, cls: Int)?
            for (position, scalar) in scalars.enumerated() {
                let cls = SearchTokenizer.characterClass(scalar)
                guard cls != 0 else { previous = nil; continue }
                add(TokenKey(single: scalar), position)
                if let previous, previous.cls == cls { add(TokenKey(previous.scalar, scalar), position - 1) }
                previous = (scalar, cls)
            }
            var grouped: [(key: TokenKey, position: Int)]
            if packs {
                occurrences.sort()
                grouped = occurrences.map { (TokenKey(raw: $0 >> 21), Int($0 & 0x1F_FFFF)) }
            } else {
                wide.sort { $0.key != $1.key ? $0.key < $1.key : $0.position < $1.position }
                grouped = wide
            }
            occurrences = []
            bytes.reserveCapacity(grouped.count * 2)

            var start = 0
            while start < grouped.count {
                let key = grouped[start].key
                var end = start + 1
                while end < grouped.count, grouped[end].key == key { end += 1 }
                if key.isPair {
                    SearchIndexFormat.appendVarint(headlineLength, to: &bytes)
                    SearchIndexFormat.appendVarint(lengthTenths, to: &bytes)
                    SearchIndexFormat.appendVarint(end - start, to: &bytes)
                    var last = 0
                    for index in start..<end {
                        let position = grouped[index].position
                        SearchIndexFormat.appendVarint(index == start ? position : position - last, to: &bytes)
                        last = position
                    }
                } else {
                    var inHeadline = 0
                    for index in start..<end where grouped[index].position < headlineLength { inHeadline += 1 }
                    SearchIndexFormat.appendVarint(lengthTenths, to: &bytes)
                    SearchIndexFormat.appendVarint(end - start, to: &bytes)
                    SearchIndexFormat.appendVarint(inHeadline, to: &bytes)
                }
                keys.append(key)
                ends.append(bytes.count)
                start = end
            }
        }
    }

    /// The fragment of a result, `search/docs/N.json`: an object with sorted keys (`k` left out when
    /// the story has no kicker), its text cut to `fragmentTextLimit` characters.
    static func fragmentJSON(_ document: Document) -> Data {
        var json: [UInt8] = []
        json.reserveCapacity(document.text.utf8.count + 512)
        func field(_ name: String, _ value: String) {
            json += Array((json.isEmpty ? "{\"" : ",\"").utf8) + Array(name.utf8) + [UInt8(ascii: "\""), UInt8(ascii: ":")]
            JSONText.appendString(value, to: &json)
        }
        field("d", document.date)
        field("h", document.headline.joined(separator: "\n"))
        if let kicker = document.kicker { field("k", kicker) }
        field("r", document.region)
        field("t", document.title)
        field("u", document.url)
        // A text of no more UTF-8 bytes than the limit has no more characters either.
        field("x", document.text.utf8.count <= fragmentTextLimit ? document.text : String(document.text.prefix(fragmentTextLimit)))
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
