import Foundation
import Testing
@testable import MarkdownRendering

/// The opening of a story's plain text, taken from a parse of its first blocks when they hold it.
@Suite("The opening of a Markdown text's plain text")
struct PlainTextOpeningTests {
    /// A Markdown text, shown in the test log by its length and opening (not whole).
    struct Text: CustomTestStringConvertible, Sendable {
        let markdown: String
        var testDescription: String { "\(markdown.utf8.count) bytes: \(String(markdown.prefix(24)).debugDescription)…" }
    }

    static let characters = 240
    static let paragraph = "本报讯 日前，县总工会联合县人社局举办首届劳动关系协调员职业技能竞赛，来自一百四十余家企业的选手参加了比赛。"
    static let long = String(repeating: paragraph + "\n\n", count: 30)

    /// Long texts whose first blocks are parsed alone: each puts something that reaches across
    /// blocks near where the cut falls.
    static let cutTexts: [Text] = [
        long,
        "## 知识大比武\n\n" + long + "- 推优入党\n- 民主管理\n",
        // A fenced code block with blank lines, open where the cut falls.
        String(repeating: paragraph + "\n\n", count: 5) + "```\n代码\n\n\n第二段代码\n\n```\n\n" + long,
        // A list item whose second paragraph comes after a blank line.
        String(repeating: paragraph + "\n\n", count: 5) + "- 第一项\n\n  第一项的第二段\n\n  第三段\n\n- 第二项\n\n" + long,
        // An HTML comment left open across blank lines.
        String(repeating: paragraph + "\n\n", count: 6) + "<!--\n注释\n\n仍是注释\n-->\n\n" + long,
        // Characters of several scalars after the opening.
        long + String(repeating: "e\u{301}骑手👷‍♀️\n\n", count: 300),
        // Latin words joined across lines, and a table.
        String(repeating: "The union\nworks hard for riders\n\n", count: 20) + "| 区 | 人数 |\n|---|---|\n| 萧山 | 60 |\n\n" + long,
        // A link defined before the cut.
        "[工会](https://example.com)与[职工][定义]。\n\n[定义]: https://example.org\n\n" + long,
    ].map(Text.init)

    /// Long texts parsed whole: a link reference definition after the cut, which could name a
    /// link before it; first blocks too full of markup to hold the opening.
    static let wholeTexts: [Text] = [
        "[工会][定义]携手[职工]。\n\n" + long + "[定义]: https://example.com\n",
        "脚注[^1]。\n\n" + long + "[^1]: 注释。\n",
        String(repeating: "[甲](https://example.com/a/very/long/address/that/takes/many/bytes/of/the/first/blocks)\n\n", count: 60)
            + long,
    ].map(Text.init)

    /// The opening of `text`: its first `count` characters, line feeds not counted.
    static func opening(of text: String, count: Int) -> String {
        var (end, counted) = (text.startIndex, 0)
        while end < text.endIndex, counted < count {
            if text[end] != "\n" { counted += 1 }
            end = text.index(after: end)
        }
        return String(text[..<end])
    }

    @Test("a long text is cut after a block, where its first blocks hold the opening", arguments: cutTexts)
    func cut(_ text: Text) throws {
        let markdown = text.markdown
        var source = markdown
        let cut = source.withUTF8 { MarkdownRenderer.openingCut($0, characters: Self.characters) }
        let at = try #require(cut)
        #expect(at < markdown.utf8.count / 2)
        let bytes = Array(markdown.utf8)
        #expect(bytes[at - 1] == 0x0A && bytes[at] == 0x0A)
        let opening = try #require(MarkdownRenderer().renderPlainTextOpening(markdown, characters: Self.characters))
        #expect(opening == Self.opening(of: MarkdownRenderer().renderPlainText(markdown), count: Self.characters))
    }

    @Test("a text with a reference definition after the cut, or too much markup before it, is read whole", arguments: wholeTexts)
    func whole(_ text: Text) throws {
        let markdown = text.markdown
        let plainText = MarkdownRenderer().renderPlainText(markdown)
        let opening = try #require(MarkdownRenderer().renderPlainTextOpening(markdown, characters: Self.characters))
        #expect(opening == Self.opening(of: plainText, count: Self.characters))
        var source = markdown
        let referenced = markdown.contains("]:")
        let cut = source.withUTF8 { MarkdownRenderer.openingCut($0, characters: Self.characters) }
        #expect(referenced == (cut == nil))
        if referenced {
            // The reference resolved: the first paragraph's link shows its text alone.
            #expect(!opening.contains("[定义]") && !opening.contains("[^1]"))
        }
    }

    @Test("a short text, or one with characters of several scalars in its opening, is read whole")
    func short() {
        let renderer = MarkdownRenderer()
        #expect(renderer.renderPlainTextOpening(Self.paragraph, characters: Self.characters) == Self.paragraph)
        #expect(renderer.renderPlainTextOpening("", characters: Self.characters) == "")
        // The rest after the first blank line past the opening's bytes is shorter than what comes before.
        var source = String(repeating: Self.paragraph + "\n\n", count: 8)
        #expect(source.withUTF8 { MarkdownRenderer.openingCut($0, characters: Self.characters) } == nil)
        #expect(renderer.renderPlainTextOpening("骑手👷‍♀️入会。\n\n" + Self.long, characters: Self.characters) == nil)
    }
}
