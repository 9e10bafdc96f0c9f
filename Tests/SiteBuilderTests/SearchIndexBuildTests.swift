import Foundation
import NewsLoader
@testable import SiteBuilder
import Testing

/// The pieces the index builder uses instead of `JSONEncoder`, `String` tokens and Foundation per
/// character: each must give what the slow form gives.
@Suite("Search index building blocks")
struct SearchIndexBuildTests {
    @Test("a fragment is JSON that reads back to the document's fields, whatever the text holds",
          arguments: ["普通文本", "引号\"和反斜杠\\", "换行\n制表\t回车\r", "控制\u{01}\u{1F}\u{7F}字符", "</script><b>&amp;</b>", "emoji 👷‍♀️ 和 \u{2028}"])
    func fragmentRoundTrip(text: String) throws {
        let document = SearchIndex.Document(url: "articles/a/", title: "标题 \(text)", kicker: text, headline: ["标题", text],
                                            date: "2024-01-02", region: "杭州市", regionSlugs: [], topicSlugs: [], text: text)
        let json = SearchIndex.fragmentJSON(document)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: String])
        #expect(object == ["d": "2024-01-02", "h": "标题\n\(text)", "k": text, "r": "杭州市", "t": "标题 \(text)",
                           "u": "articles/a/", "x": text])
    }

    @Test("a story without a kicker has no `k`; a long text is cut to the limit in characters")
    func fragmentWithoutKicker() throws {
        let long = String(repeating: "职工", count: SearchIndex.fragmentTextLimit)
        let document = SearchIndex.Document(url: "u/", title: "t", kicker: nil, headline: ["t"], date: "", region: "",
                                            regionSlugs: [], topicSlugs: [], text: long)
        let object = try #require(try JSONSerialization.jsonObject(with: SearchIndex.fragmentJSON(document)) as? [String: String])
        #expect(object["k"] == nil)
        #expect(object["x"]?.count == SearchIndex.fragmentTextLimit)
    }

    @Test("the fast normaliser gives what NFKC, lowercasing and folding to simplified per character give")
    func normaliserMatchesFoundation() throws {
        let folding = try TraditionalFolding.bundled()
        // Every scalar of the blocks the normaliser keeps a table for, their neighbours included.
        let blocks = [0x7F...0x100, 0x1FFF...0x2070, 0x2FFF...0x3040, 0xFEFF...0xFFF0]
        let tabled = String(String.UnicodeScalarView(blocks.joined().compactMap { Unicode.Scalar(UInt32($0)) }))
        // All of ASCII, and the ideographs at the edges of the three-byte fast path (U+5000–U+9FFF).
        let ascii = String(String.UnicodeScalarView((0...0x7F).map { Unicode.Scalar(UInt8($0)) }))
        let edges = "\u{4FFF}\u{5000}\u{9FFF}\u{A000}\u{4DFF}\u{E000}"
        let samples = ["ＡＢＣ１２３", "Ⅻ ㈱ ﬁ ｶﾞ", "蕭山區總工會", "AbC", "①②③", "é\u{301}", "丁\u{2F00}豈", "\u{20000}𠀀", tabled, ascii, edges]
        for sample in samples {
            var expected = ""
            for scalar in sample.unicodeScalars {
                expected += folding.fold(String(scalar).precomposedStringWithCompatibilityMapping.lowercased())
            }
            #expect(SearchTokenizer.normalize(sample) == expected, "\(sample)")
        }
    }

    @Test("token keys spell their tokens and tell pairs from single characters")
    func tokenKeys() {
        let single = SearchIndex.TokenKey(single: "工")
        let pair = SearchIndex.TokenKey("工", "会")
        #expect(!single.isPair && pair.isPair)
        #expect(single.utf8 == Array("工".utf8))
        #expect(pair.utf8 == Array("工会".utf8))
        #expect(SearchIndex.TokenKey("𠀀", "a").utf8 == Array("𠀀a".utf8))
        #expect(SearchIndex.TokenKey(raw: pair.raw) == pair)
    }

    @Test("a shard's entries read back as the documents hold their tokens: counts, counts in the headline, positions")
    func shardEntriesReadBack() throws {
        // Long enough that positions and counts take more than one byte, with pairs that come once
        // and pairs that come again, in the headline and in the body.
        let body = "新就业形态劳动者入会。" + String(repeating: "工会服务站点覆盖骑手，", count: 20) + "骑手入会。"
        let documents = [
            SearchIndex.Document(url: "a/", title: "骑手入会", kicker: nil, headline: ["骑手入会", "工会服务"], date: "", region: "",
                                 regionSlugs: ["hangzhou"], topicSlugs: [], text: body),
            SearchIndex.Document(url: "b/", title: "技能竞赛", kicker: nil, headline: ["技能竞赛"], date: "", region: "",
                                 regionSlugs: [], topicSlugs: [], text: "职工技能竞赛举行。骑手参赛。"),
        ]
        let output = MemoryOutput()
        _ = try SearchIndex.write(documents, emit: { _, path, data in try output.write(path, data) })
        let files = output.snapshot
        let shards = SearchIndex.shardCount(documents: documents.count)
        let wanted: Set<String> = ["骑手", "会", "工会", "竞赛", "@r:hangzhou"]
        var found: [String: (kind: SearchIndexFormat.Kind, entries: [SearchIndexFormat.Entry])] = [:]
        for shard in 0..<shards {
            let bytes = try #require(files[SearchIndex.shardPath(shard)])
            for (token, decoded) in SearchIndexFormat.decode(Array(bytes), tokens: wanted) { found[token] = decoded }
        }
        #expect(Set(found.keys) == wanted)
        // Every position of every wanted token, in each document's normalised searchable text.
        for token in wanted where !token.hasPrefix("@") {
            let entries = try #require(found[token]?.entries)
            for (number, document) in documents.enumerated() {
                var normalizer = SearchTokenizer.Normalizer()
                let (scalars, headlineLength) = document.searchable(&normalizer)
                let text = Array(scalars)
                let length = token.unicodeScalars.count
                let positions = (0...(text.count - length)).filter { String(String.UnicodeScalarView(text[$0..<$0 + length])) == token }
                let entry = entries.first { $0.document == number }
                #expect(entry?.count == (positions.isEmpty ? nil : positions.count), "\(token) in \(number)")
                guard let entry else { continue }
                if length == 2 {
                    #expect(entry.positions == positions && entry.headlineCount == nil, "\(token) in \(number)")
                } else {
                    #expect(entry.positions == nil && entry.headlineCount == positions.count { $0 < headlineLength }, "\(token) in \(number)")
                }
            }
        }
        #expect(found["@r:hangzhou"]?.entries.map(\.document) == [0])
        // The headline lengths are in the length table, once per document.
        let table = try #require(files[SearchIndex.lengthsPath(0)].flatMap { SearchIndexFormat.lengthTable(Array($0)) })
        #expect(table.headlineLengths == documents.map(\.searchHeadlineLength))
        #expect(table.headlineLengths == [10, 5])
        #expect(table.classes.map(Int.init) == documents.map { SearchIndexFormat.lengthClass($0.searchLength) })
    }

    @Test("a length table reads back its classes and headline lengths; a cut, padded or foreign one is refused")
    func lengthTableReadBack() {
        let lengths = [1, 15, 16, 300, 20_000, 1_000_000]
        let headlines = [0, 1, 127, 128, 16_384, 70]
        let bytes = SearchIndexFormat.lengthTable(lengths, headlineLengths: headlines)
        let table = SearchIndexFormat.lengthTable(bytes)
        #expect(table?.classes.map(Int.init) == lengths.map(SearchIndexFormat.lengthClass))
        #expect(table?.headlineLengths == headlines)
        #expect(SearchIndexFormat.lengthTable(SearchIndexFormat.lengthTable([Int](), headlineLengths: [Int]())) == .init(classes: [], headlineLengths: []))
        for cut in 1..<bytes.count { #expect(SearchIndexFormat.lengthTable(Array(bytes.prefix(cut))) == nil, "cut at \(cut)") }
        #expect(SearchIndexFormat.lengthTable(bytes + [0]) == nil)
        #expect(SearchIndexFormat.lengthTable(Array("UPL5".utf8) + bytes.dropFirst(4)) == nil)
    }
}

/// A reprint set in traditional characters is found by a query in simplified ones, and the other
/// way round: the index and the query fold alike.
@Suite("Search across traditional and simplified characters")
struct TraditionalSearchTests {
    @Test("a story in traditional characters is found by simplified words, and a simplified one by traditional words")
    func foldedBothWays() throws {
        var documents = (0..<6).map { SearchIndexUpdateTests.document($0) }
        documents[2] = SearchIndexUpdateTests.document(2, text: "蕭山區總工會為快遞員開設職工書屋。")
        documents[4] = SearchIndexUpdateTests.document(4, text: "萧山区总工会为快递员开设职工书屋。")
        let files = try SearchIndexUpdateTests.files(documents)
        let opened = SearchEngine(read: { files[$0] })
        let engine = try #require(opened)
        #expect(engine.search("职工书屋") == engine.search("職工書屋"))
        #expect(Set(engine.search("职工书屋")) == [2, 4])
        #expect(Set(engine.search("蕭山區總工會")) == [2, 4])
    }
}
