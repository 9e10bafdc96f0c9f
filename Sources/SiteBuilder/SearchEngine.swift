import Foundation

/// Runs queries against a built search index the way `assets/search.js` does in the browser:
/// every term must occur exactly (token positions are checked), then results are ranked BM25-style,
/// headline matches first — the more of the headline the query covers the higher, a headline that
/// begins with the query higher still — and newer stories first on ties. Used by tests and tools; the browser runs
/// the JavaScript twin.
public struct SearchEngine: Sendable {
    /// Reads one index file by its site-relative path (`search/index-3.json`).
    public typealias FileReader = @Sendable (String) -> Data?

    private let read: FileReader
    private let documents: Int
    private let shards: Int
    private let averageLength: Double
    private let lengthsPerFile: Int

    static let k1 = 1.2
    static let b = 0.75
    static let headlineBoost = 2.0
    /// Times the terms' summed weight, times the share of the headline the terms found in it cover.
    static let coverageBoost = 4.0
    /// Times the terms' summed weight, when the first term starts the headline (the title's first scalar).
    static let startBoost = 1.0
    /// The scalars a query's terms need in all for the two bonuses above: a word or two is weighed
    /// by BM25 alone (a short column label says as much of it as a title).
    static let phraseLength = 5

    /// Opens the index; `nil` when `search/meta.json` cannot be read.
    public init?(read: @escaping FileReader) {
        guard let data = read("search/meta.json"),
              let meta = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let documents = meta["docs"] as? Int, let shards = meta["shards"] as? Int,
              let averageLength = meta["avgdl"] as? Int, let lengthsPerFile = meta["lengthsPerFile"] as? Int,
              lengthsPerFile > 0 else { return nil }
        self.read = read
        self.documents = documents
        self.shards = shards
        self.averageLength = Double(max(1, averageLength))
        self.lengthsPerFile = lengthsPerFile
    }

    /// The length class and the headline length of `wanted` documents, read from their length
    /// tables (0 and 0 for a document whose table cannot be read: its matches are ranked as in the body).
    private func lengths(_ wanted: some Sequence<Int>) -> [Int: (lengthClass: Int, headline: Int)] {
        var tables: [Int: SearchIndexFormat.LengthTable] = [:]
        var result: [Int: (lengthClass: Int, headline: Int)] = [:]
        for document in wanted {
            let number = document / lengthsPerFile
            let table = tables[number] ?? read(SearchIndex.lengthsPath(number)).flatMap { SearchIndexFormat.lengthTable(Array($0)) }
                ?? SearchIndexFormat.LengthTable(classes: [], headlineLengths: [])
            tables[number] = table
            let index = document % lengthsPerFile
            result[document] = table.classes.indices.contains(index) ? (Int(table.classes[index]), table.headlineLengths[index]) : (0, 0)
        }
        return result
    }

    private typealias Posting = SearchIndexFormat.Entry

    /// The entries of `tokens`, read from their shards.
    private func entries(_ tokens: Set<String>) -> [String: [Int: Posting]] {
        var byShard: [Int: Set<String>] = [:]
        for token in tokens { byShard[Int(SearchTokenizer.shardHash(token) % UInt32(shards)), default: []].insert(token) }
        var result: [String: [Int: Posting]] = [:]
        for (shard, wanted) in byShard {
            guard let data = read("search/index-\(shard).bin") else { continue }
            for (token, decoded) in SearchIndexFormat.decode(Array(data), tokens: wanted) {
                result[token] = Dictionary(decoded.entries.map { ($0.document, $0) }, uniquingKeysWith: { first, _ in first })
            }
        }
        return result
    }

    private func fragmentText(_ document: Int) -> String? {
        guard let data = read("search/docs/\(document).json"),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        let parts = [json["h"] as? String, json["x"] as? String].map { $0 ?? "" }
        return SearchTokenizer.normalize(parts.joined(separator: "\n"))
    }

    /// Documents that contain every term of `query`, best first, optionally only those in a region
    /// or topic (by slug).
    public func search(_ query: String, region: String? = nil, topic: String? = nil) -> [Int] {
        let terms = SearchTokenizer.queryTerms(query)
        guard !terms.isEmpty else { return [] }
        let queryTokens = Set(terms.flatMap { $0.tokens.map(\.text) })
        let filters = [region.map { "@r:" + $0 }, topic.map { "@t:" + $0 }].compactMap { $0 }
        let found = entries(queryTokens.union(filters))
        var lists: [String: [Int: Posting]] = [:]
        for token in queryTokens { lists[token] = found[token] ?? [:] }
        guard let rarest = lists.values.min(by: { $0.count < $1.count }) else { return [] }
        var candidates = Set(rarest.keys)
        for filter in filters { candidates.formIntersection(found[filter]?.keys ?? [:].keys) }

        var scored: [(document: Int, score: Double)] = []
        let lengths = lengths(candidates)
        // Each term's weight, by its document frequency: the least of its tokens'.
        let idfs = terms.map { term in
            let frequency = Double(term.tokens.map { lists[$0.text]?.count ?? 0 }.min() ?? 0)
            return log(1 + (Double(documents) - frequency + 0.5) / (frequency + 0.5))
        }
        let idfSum = idfs.reduce(0, +)
        let queryLength = terms.reduce(0) { $0 + $1.text.unicodeScalars.count }
        for document in candidates {
            let headlineLength = lengths[document]?.headline ?? 0
            var score = 0.0
            var matchesAll = true
            // The scalars of the terms found in the headline, and where the first term first matches.
            var covered = 0
            var firstStart: Int?
            for (termIndex, term) in terms.enumerated() {
                let entries = term.tokens.compactMap { lists[$0.text]?[document] }
                guard entries.count == term.tokens.count, let first = entries.first else { matchesAll = false; break }
                var count = 0
                var headline = 0
                var start: Int?
                if term.tokens.count == 1 {
                    count = first.count
                    headline = first.headlineCount ?? first.positions?.prefix { $0 < headlineLength }.count ?? 0
                    start = first.positions?.first
                } else if entries.allSatisfy({ $0.positions != nil }), let anchor = entries[0].positions {
                    let sets = entries.map { Set($0.positions ?? []) }
                    for position in anchor {
                        let matchStart = position - term.tokens[0].position
                        if zip(term.tokens, sets).allSatisfy({ token, set in set.contains(matchStart + token.position) }) {
                            count += 1
                            if matchStart < headlineLength { headline += 1 }
                            if start == nil { start = matchStart }
                        }
                    }
                } else if let text = fragmentText(document) {
                    count = text.components(separatedBy: term.text).count - 1
                }
                guard count > 0 else { matchesAll = false; break }
                let idf = idfs[termIndex]
                let tf = Double(count)
                let length = SearchIndexFormat.length(ofClass: lengths[document]?.lengthClass ?? 0) / averageLength
                score += idf * (tf * (Self.k1 + 1)) / (tf + Self.k1 * (1 - Self.b + Self.b * length))
                if headline > 0 {
                    score += Self.headlineBoost * idf
                    covered += term.text.unicodeScalars.count
                }
                if termIndex == 0 { firstStart = start }
            }
            guard matchesAll else { continue }
            // For a query as long as a headline's phrase: a headline the query says more of ranks
            // higher, and one that begins with it higher still (a word or two: BM25 alone).
            if queryLength >= Self.phraseLength {
                if headlineLength > 0 { score += Self.coverageBoost * idfSum * min(1, Double(covered) / Double(headlineLength)) }
                if firstStart == 0 { score += Self.startBoost * idfSum }
            }
            scored.append((document, score))
        }
        // Documents are numbered oldest first: on a tie the higher number is the newer story.
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.document > $1.document }.map(\.document)
    }
}
