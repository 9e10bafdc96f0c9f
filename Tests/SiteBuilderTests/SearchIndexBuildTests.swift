import Foundation
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

    @Test("the fast normaliser gives what NFKC and lowercasing per character give")
    func normaliserMatchesFoundation() {
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
                expected += String(scalar).precomposedStringWithCompatibilityMapping.lowercased()
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
}
