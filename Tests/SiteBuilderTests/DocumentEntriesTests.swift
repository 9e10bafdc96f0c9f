@testable import SiteBuilder
import Testing

/// A document's entries: for each token (a character, or a pair of neighbouring characters of one
/// class), numbered as it first comes, its entry without the document number.
@Suite("Search analysis of one document")
struct DocumentEntriesTests {
    static func entries(_ text: String, headline: Int = 0, lengthClass: Int = 7) -> SearchIndex.DocumentEntries {
        SearchIndex.DocumentEntries(scalars: Array(text.unicodeScalars), headlineLength: headline, lengthClass: lengthClass)
    }

    @Test("each token's entry: a character's length class, count and count in the headline; a pair's headline length, length class, count and positions")
    func entriesWrittenOut() {
        let made = Self.entries("工会工", headline: 1)
        #expect(made.keys.map(\.utf8) == [Array("工".utf8), Array("会".utf8), Array("工会".utf8), Array("会工".utf8)])
        #expect(made.bytes == [7, 2, 1, /* 会 */ 7, 1, 0, /* 工会 */ 1, 7, 1, 0, /* 会工 */ 1, 7, 1, 1])
        #expect(made.ends == [3, 6, 10, 14])
        let spaced = Self.entries("ab 工")
        #expect(spaced.keys.map(\.utf8) == [Array("a".utf8), Array("b".utf8), Array("ab".utf8), Array("工".utf8)],
                "no pair across a space or across classes")
    }

    @Test("a document's entries do not depend on the documents analysed before it, shorter or longer")
    func independentOfEarlierDocuments() {
        let text = "新就业形态劳动者入会，工会服务站点覆盖骑手"
        let first = Self.entries(text)
        let long = String(repeating: "技能竞赛职工创新工作室劳模工匠", count: 2_000)
        for other in [long, "工", text + "产改", ""] {
            _ = Self.entries(other)
            let again = Self.entries(text)
            #expect(again.keys == first.keys)
            #expect(again.bytes == first.bytes)
            #expect(again.ends == first.ends)
        }
    }
}
