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

        /// The normalised searchable text: headline parts, then the body; and the headline's length.
        func searchable() -> (text: String, headlineLength: Int) {
            let headlineText = SearchTokenizer.normalize(headline.joined(separator: "\n")) + "\n"
            return (headlineText + SearchTokenizer.normalize(text), headlineText.unicodeScalars.count)
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
    public static func files(for documents: [Document]) -> [(path: String, contents: Data)] {
        let shardCount = shardCount(documents: documents.count)
        func shard(_ token: String) -> Int { Int(SearchTokenizer.shardHash(token) % UInt32(shardCount)) }
        // Each document's tokens, with positions, built on every core.
        let analysed = ConcurrentMap.map(documents) { document -> (tokens: [(String, [Int])], headline: Int, length: Int) in
            let (text, headline) = document.searchable()
            var positions: [String: [Int]] = [:]
            for token in SearchTokenizer.documentTokens(normalized: text) { positions[token.text, default: []].append(token.position) }
            return (positions.sorted { $0.key < $1.key }, headline, text.unicodeScalars.count)
        }
        let averageLength = max(1, analysed.map(\.length).reduce(0, +) / max(1, analysed.count))

        /// A token's entries so far: its kind, entry count, last document and bytes.
        struct Postings {
            var kind: SearchIndexFormat.Kind
            var count = 0
            var lastDocument = 0
            var bytes: [UInt8] = []

            mutating func add(_ document: Int, _ write: (inout [UInt8]) -> Void) {
                SearchIndexFormat.appendVarint(document - lastDocument, to: &bytes)
                write(&bytes)
                lastDocument = document
                count += 1
            }
        }
        var shards = Array(repeating: [String: Postings](), count: shardCount)
        func append(_ token: String, kind: SearchIndexFormat.Kind, document: Int, _ write: (inout [UInt8]) -> Void) {
            // Mutated in place through the subscript, so a long posting list is never copied.
            shards[shard(token)][token, default: Postings(kind: kind)].add(document, write)
        }
        for (number, document) in analysed.enumerated() {
            let lengthTenths = max(1, (document.length * 10 + averageLength / 2) / averageLength)
            for (token, positions) in document.tokens {
                if token.unicodeScalars.count == 1 {
                    let inHeadline = positions.prefix { $0 < document.headline }.count
                    append(token, kind: .single, document: number) { bytes in
                        for value in [lengthTenths, positions.count, inHeadline] { SearchIndexFormat.appendVarint(value, to: &bytes) }
                    }
                } else {
                    append(token, kind: .pair, document: number) { bytes in
                        for value in [document.headline, lengthTenths, positions.count] { SearchIndexFormat.appendVarint(value, to: &bytes) }
                        var previous = 0
                        for (index, position) in positions.enumerated() {
                            SearchIndexFormat.appendVarint(index == 0 ? position : position - previous, to: &bytes)
                            previous = position
                        }
                    }
                }
            }
        }
        for (number, document) in documents.enumerated() {
            for token in Set(document.regionSlugs.map { "@r:" + $0 } + document.topicSlugs.map { "@t:" + $0 }).sorted() {
                append(token, kind: .filter, document: number) { _ in }
            }
        }

        var files: [(String, Data)] = []
        files.append(("search/meta.json", Data("{\"avgdl\":\(averageLength),\"docs\":\(documents.count),\"shards\":\(shardCount),\"version\":3}".utf8)))
        files += ConcurrentMap.map(Array(shards.enumerated())) { number, postings -> (String, Data) in
            var bytes = SearchIndexFormat.magic
            SearchIndexFormat.appendVarint(postings.count, to: &bytes)
            for token in postings.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                guard let entry = postings[token] else { continue }
                let tokenBytes = Array(token.utf8)
                SearchIndexFormat.appendVarint(tokenBytes.count, to: &bytes)
                bytes += tokenBytes
                bytes.append(entry.kind.rawValue)
                SearchIndexFormat.appendVarint(entry.count, to: &bytes)
                SearchIndexFormat.appendVarint(entry.bytes.count, to: &bytes)
                bytes += entry.bytes
            }
            return ("search/index-\(number).bin", Data(bytes))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        files += ConcurrentMap.map(Array(documents.enumerated())) { number, document -> (String, Data) in
            let fragment = Fragment(d: document.date, h: document.headline.joined(separator: "\n"), k: document.kicker,
                                    r: document.region, t: document.title, u: document.url,
                                    x: String(document.text.prefix(fragmentTextLimit)))
            return ("search/docs/\(number).json", (try? encoder.encode(fragment)) ?? Data("{}".utf8))
        }
        return files
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
