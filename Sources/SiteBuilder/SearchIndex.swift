import Foundation
import NewsModel

/// The search index: a document table and an inverted index split by token into shards, so a
/// query downloads only the shards its tokens live in.
///
/// Format (all JSON, UTF-8, keys sorted):
/// - `search/meta.json`: `{"docs": N, "shards": S, "version": 1}`
/// - `search/docs.json`: `[[url, title, date, region, snippet], …]`, indexed by document number
/// - `search/shard-K.json`: `{token: [doc, …]}` for the tokens whose `SearchTokenizer.shardHash`
///   modulo S is K; document numbers ascending.
public struct SearchIndex: Sendable {
    /// One searchable story.
    public struct Document: Sendable {
        /// Site-relative URL.
        public var url: String
        /// Title.
        public var title: String
        /// `YYYY-MM-DD` or empty.
        public var date: String
        /// Most specific region name, or empty.
        public var region: String
        /// The opening of the text.
        public var snippet: String
        /// Everything searchable: headline parts and body text.
        public var text: String

        /// Creates a document.
        public init(url: String, title: String, date: String, region: String, snippet: String, text: String) {
            self.url = url
            self.title = title
            self.date = date
            self.region = region
            self.snippet = snippet
            self.text = text
        }
    }

    /// Documents per shard aimed at; the shard count grows with the site.
    static let documentsPerShard = 32
    static let maxShards = 512

    /// The index files, as site-relative paths and contents.
    public static func files(for documents: [Document]) -> [(path: String, contents: Data)] {
        let shardCount = max(1, min(maxShards, documents.count / documentsPerShard))
        let tokenLists = ConcurrentMap.map(documents) { Array(Set(SearchTokenizer.tokens($0.text))) }
        var shards = Array(repeating: [String: [Int]](), count: shardCount)
        for (number, tokens) in tokenLists.enumerated() {
            for token in tokens {
                shards[Int(SearchTokenizer.shardHash(token) % UInt32(shardCount))][token, default: []].append(number)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var files: [(String, Data)] = []
        let meta = ["docs": documents.count, "shards": shardCount, "version": 1]
        files.append(("search/meta.json", (try? encoder.encode(meta)) ?? Data()))
        let table = documents.map { [$0.url, $0.title, $0.date, $0.region, $0.snippet] }
        files.append(("search/docs.json", (try? encoder.encode(table)) ?? Data()))
        let encodedShards = ConcurrentMap.map(shards) { (try? encoder.encode($0)) ?? Data() }
        for (number, data) in encodedShards.enumerated() { files.append(("search/shard-\(number).json", data)) }
        return files
    }
}
