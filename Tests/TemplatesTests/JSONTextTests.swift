import Foundation
import NewsModel
@testable import Templates
import Testing

/// JSON written by hand must be the JSON `JSONEncoder` writes, with the same escapes.
@Suite("JSON written by hand")
struct JSONTextTests {
    static let awkward = [
        "", "职工之家", "a\"b\\c/d", "行\n分\r\t段\u{8}\u{C}", "\u{0}\u{1F}\u{7F}", "</script><script>alert(1)</script>",
        "A & B <c>", "line\u{2028}para\u{2029}end", "emoji 👷‍♀️ e\u{301}", "\u{E2}\u{80}", "省略…号\u{2027}\u{202A}", String(repeating: "长文本", count: 400),
        // Escapes at every offset of an eight-byte word, after runs of Chinese text.
        "职工之家一\"二\\三\n四\u{1}五<六>七&八\u{2028}九", String(repeating: "驿站", count: 7) + "a\"", "工会x\u{1F}" + String(repeating: "长", count: 9) + "</script>",
        (0..<16).map { String(repeating: "z", count: $0) + "\"" }.joined(separator: "职工"),
    ]

    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// JSON text with the characters that could end a `<script>` element escaped: what the pages
    /// made of `JSONEncoder`'s output before the JSON-LD was written by hand.
    static func scriptSafe(_ json: String) -> String {
        var result = ""
        for character in json.unicodeScalars {
            switch character {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    @Test("a string literal is JSONEncoder's, and its script-safe form is JSONEncoder's made script-safe", arguments: awkward)
    func stringLiteral(text: String) throws {
        var plain: [UInt8] = []
        JSONText.appendString(text, to: &plain)
        #expect(String(decoding: plain, as: UTF8.self) == (try Self.encoded([text])).dropFirst().dropLast())
        var safe: [UInt8] = []
        JSONText.appendString(text, to: &safe, scriptSafe: true)
        #expect(String(decoding: safe, as: UTF8.self) == Self.scriptSafe(String(try Self.encoded([text]).dropFirst().dropLast())))
    }

    @Test("an article's JSON-LD is JSONEncoder's with sorted keys, made script-safe, with and without its optional parts")
    func newsArticle() throws {
        for (index, text) in Self.awkward.enumerated() {
            let full = NewsArticleLD(headline: text, alternativeHeadline: "副题" + text, description: text, datePublished: "2023-03-31T00:00:00+08:00",
                                     author: [PersonLD(name: text), PersonLD(name: "王芳")], publisher: OrganizationLD(name: "职工新闻网"),
                                     sourceOrganization: OrganizationLD(name: text), mainEntityOfPage: "https://example.org/a/\(index)/",
                                     articleSection: text, keywords: "产改,\(text)", contentLocation: PlaceLD(name: text), inLanguage: "zh-CN",
                                     image: "https://example.org/media/\(index).png?\(text)")
            #expect(String(decoding: full.scriptSafeJSON, as: UTF8.self) == Self.scriptSafe(try Self.encoded(full)))
            let bare = NewsArticleLD(headline: text, alternativeHeadline: nil, description: "", datePublished: nil, author: nil,
                                     publisher: OrganizationLD(name: text), sourceOrganization: nil, mainEntityOfPage: "",
                                     articleSection: nil, keywords: nil, contentLocation: nil, inLanguage: "zh-CN")
            #expect(String(decoding: bare.scriptSafeJSON, as: UTF8.self) == Self.scriptSafe(try Self.encoded(bare)))
        }
    }
}
