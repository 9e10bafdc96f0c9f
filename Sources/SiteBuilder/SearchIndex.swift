import Foundation
import NewsModel

/// The search index: an inverted index split by token into shards, so a query downloads only the
/// shards its tokens live in, plus one small fragment per result it shows.
///
/// Format (version 2; JSON, UTF-8, deterministic):
/// - `search/meta.json`: `{"avgdl": A, "docs": N, "shards": S, "version": 2}`.
/// - `search/index-K.json`: the postings of every token whose `SearchTokenizer.shardHash` modulo S
///   is K, as `{token: [posting, …]}` with postings in document order:
///   - a bigram: `[doc, hl, dl, p, d1, d2, …]` — its positions in the document's normalised text,
///     the first absolute, the rest as differences;
///   - a unigram: `[doc, hl, dl, count, headlineCount]`;
///   - a filter (`@r:<region slug>`, `@t:<topic slug>`): a plain list of documents.
///   `hl` is the length of the document's headline in normalised scalars (a position below it is a
///   headline match) and `dl` the document's length in tenths of the average length.
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
        let analysed = ConcurrentMap.map(documents) { document -> (tokens: [(String, [UInt32])], headline: Int, length: Int) in
            let (text, headline) = document.searchable()
            var positions: [String: [UInt32]] = [:]
            for token in SearchTokenizer.documentTokens(normalized: text) {
                positions[token.text, default: []].append(UInt32(token.position))
            }
            return (positions.sorted { $0.key < $1.key }, headline, text.unicodeScalars.count)
        }
        let averageLength = max(1, analysed.map(\.length).reduce(0, +) / max(1, analysed.count))
        var shards = Array(repeating: [String: [String]](), count: shardCount)
        func shard(_ token: String) -> Int { Int(SearchTokenizer.shardHash(token) % UInt32(shardCount)) }
        for (number, document) in analysed.enumerated() {
            let lengthTenths = max(1, (document.length * 10 + averageLength / 2) / averageLength)
            let prefix = "[\(number),\(document.headline),\(lengthTenths),"
            for (token, positions) in document.tokens {
                var posting = prefix
                if token.unicodeScalars.count == 1 {
                    let inHeadline = positions.prefix { Int($0) < document.headline }.count
                    posting += "\(positions.count),\(inHeadline)]"
                } else {
                    var previous: UInt32 = 0
                    posting += positions.enumerated().map { index, position in
                        defer { previous = position }
                        return String(index == 0 ? position : position - previous)
                    }.joined(separator: ",") + "]"
                }
                shards[shard(token)][token, default: []].append(posting)
            }
        }
        var filters: [String: [Int]] = [:]
        for (number, document) in documents.enumerated() {
            for slug in Set(document.regionSlugs) { filters["@r:" + slug, default: []].append(number) }
            for slug in Set(document.topicSlugs) { filters["@t:" + slug, default: []].append(number) }
        }
        for (token, numbers) in filters {
            shards[shard(token)][token] = numbers.map(String.init)
        }

        var files: [(String, Data)] = []
        files.append(("search/meta.json", Data("{\"avgdl\":\(averageLength),\"docs\":\(documents.count),\"shards\":\(shardCount),\"version\":2}".utf8)))
        let encoded = ConcurrentMap.map(Array(shards.enumerated())) { number, postings -> (String, Data) in
            var json = "{"
            for (index, token) in postings.keys.sorted().enumerated() {
                if index > 0 { json += "," }
                json += "\"\(token)\":[" + (postings[token] ?? []).joined(separator: ",") + "]"
            }
            json += "}"
            return ("search/index-\(number).json", Data(json.utf8))
        }
        files += encoded
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let fragments = ConcurrentMap.map(Array(documents.enumerated())) { number, document -> (String, Data) in
            let fragment = Fragment(d: document.date, h: document.headline.joined(separator: "\n"), k: document.kicker,
                                    r: document.region, t: document.title, u: document.url,
                                    x: String(document.text.prefix(fragmentTextLimit)))
            return ("search/docs/\(number).json", (try? encoder.encode(fragment)) ?? Data("{}".utf8))
        }
        files += fragments
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
