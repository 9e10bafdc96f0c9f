import Foundation
@testable import NewsLoader
import NewsModel
import Testing
import Yams

/// Front matter lines, each read the quick way when it is simple and by Yams otherwise; both
/// readings must agree, and everything Yams must read goes to Yams.
@Suite("Front matter read without a YAML parser")
struct FrontMatterFastPathTests {
    /// Front matters the quick reader must read itself.
    static let simple: [String] = [
        "title: 骑手入会“一键办”",
        "title: \"引领职工学典型讲安全树新风，60位骑手\"\ndate: 2022-07-21\nregions: [\"绍兴市\"]\ntopics: [\"产改\"]\nreporters: [\"沈锋慧\", \"邹宁晓\"]",
        "title: 'AED进车间 <守护>职工生命'\nregions: [杭州市, 萧山区]\ntopics: []\nphotographers: [ ]",
        "title:    多个空格   \nkicker: a, b and c\ncolumn: “产改”进行时\nkind: photo",
        "title: \"  内含空格  \"\nsubtitle: 'it \"quoted\"'\nattribution: 江苏工人报",
        "title: 标题\nauthor: 未知键\nregions: ['上虞区', \"绍兴市\" , 杭州市]",
        "title: true\ndate: 2023-04-29\nreporters: 王芳、李明\nTitle_2: 大写键",
        "title: x-y?z!a&b*c|d>e%f@g`h",
    ]

    /// Front matters the quick reader must hand to Yams.
    static let complex: [String] = [
        "title: 标题 # 注释", "# comment\ntitle: 标题", "title: 标题\n\nkind: news", "title: |\n  多行", "title: >\n  折叠",
        "title: \"转义\\n\"", "title: 'it''s'", "title: a: b", "title: 10:30会议", "title: [a, [b]]", "regions:\n  - 杭州市",
        "title: &a 标题\nkicker: *a", "title: !!str 123", "title: 标题\ntitle: 重复", "title:", "title:标题", " title: 缩进",
        "title: 标题\n  continued", "title: \"未闭合", "regions: [a,]", "regions: [a b", "title: {a: b}", "? title\n: x",
        "title: \t制表符", "title: 标题\u{FEFF}", "title: 行\u{2028}分隔", "title: -开头", "title: a [b]",
        "1key: x", "title: \"a\" b", "regions: [\"a\" b]", "regions: [a, \"b]",
    ]

    /// The fields as the reader sees them: key → (string value or list, line).
    static func fields(_ yaml: String) -> [String: String]? {
        let text = "---\n" + yaml + "\n---\n\n正文\n"
        let lines = SourceLines(text)
        guard let closing = (1..<lines.count).first(where: { MarkdownArticleReader.isFence(lines.line($0)) }) else { return nil }
        guard let entries = SimpleFrontMatter.read(lines, from: 1, to: closing) else { return nil }
        return Dictionary(uniqueKeysWithValues: entries.map { ($0.key, "\(describe($0.value))@\($0.line)") })
    }

    static func describe(_ value: FrontMatterValue) -> String {
        if let items = value.items { return "[" + items.map { $0 ?? "?" }.joined(separator: "|") + "]" }
        return (value.string ?? "?") + (value.isScalar ? "" : "!")
    }

    static func yamsFields(_ yaml: String) -> [String: String]? {
        guard let mapping = (try? Yams.compose(yaml: yaml))??.mapping else { return nil }
        var fields: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { return nil }
            fields[name] = "\(describe(FrontMatterValue(value, fileLine: { $0 + 1 })))@\((key.mark?.line ?? 1) + 1)"
        }
        return fields
    }

    @Test("simple front matter is read as Yams reads it")
    func simpleAgreesWithYams() {
        for yaml in Self.simple {
            let quick = Self.fields(yaml)
            #expect(quick != nil, "read quickly: \(yaml)")
            #expect(quick == Self.yamsFields(yaml), "\(yaml)")
        }
    }

    @Test("through Yams, a block list gives its names; a list holding a mapping, or a mapping, is refused at its key's line")
    func listsThroughYams() throws {
        let listed = MarkdownArticleReader().read("---\ntitle: 甲\nregions:\n  - 杭州市\n  - ' 萧山区 '\n---\n\n正文。\n", file: "a.md")
        #expect(try #require(listed.article).regionNames == ["杭州市", "萧山区"])
        for yaml in ["title: 甲\nregions:\n  - name: 杭州市", "title: 甲\nregions: {杭州市: 1}"] {
            let read = MarkdownArticleReader().read("---\n" + yaml + "\n---\n\n正文。\n", file: "a.md")
            #expect(read.article == nil)
            #expect(read.diagnostics.contains { $0.line == 3 && $0.message.contains("`regions` must be a name or a list of names") }, "\(read.diagnostics)")
        }
    }

    @Test("anything else goes to Yams")
    func complexGoesToYams() {
        for yaml in Self.complex {
            #expect(Self.fields(yaml) == nil, "\(yaml.debugDescription)")
        }
    }

    @Test("the body found without reading the front matter is the body of the article read",
          arguments: ["---\ntitle: 甲\n---\n\n正文。\n", "---\ntitle: 甲\ndate: 2024-01-02\n---\t\n正文一。  \n\n正文二。\r",
                      "---\ntitle: 甲\n...\n正文在省略号后。", " --- \ntitle: \"引号\"\n  ---  \n\n## 小标题\n\n---\n\n分隔线后。\n",
                      "---\n# 注释\ntitle: 甲\nregions:\n  - 杭州市\n---\n", "---\ntitle: 甲\n---", "---\ntitle: 甲\n---\n\n\n"])
    func bodyWithoutFrontMatter(text: String) throws {
        let article = try #require(MarkdownArticleReader().read(text, file: "a.md").article)
        #expect(MarkdownArticleReader.body(of: text) == article.markdown)
    }

    @Test("a text without front matter has no body to find")
    func noBodyWithoutFrontMatter() {
        #expect(MarkdownArticleReader.body(of: "正文。\n") == nil)
        #expect(MarkdownArticleReader.body(of: "---\ntitle: 没有结束\n正文。") == nil)
    }

    @Test("a whole article reads the same either way")
    func wholeArticles() {
        for yaml in Self.simple {
            let text = "---\n" + yaml + "\n---\n\n正文第一段。\n\n第二段。\n"
            let quick = MarkdownArticleReader().read(text, file: "a.md")
            var slow: [LoadDiagnostic] = []
            let lines = SourceLines(text)
            let composed = MarkdownArticleReader.composeFields(lines.text(from: 1, to: yaml.split(separator: "\n", omittingEmptySubsequences: false).count + 1),
                                                               file: "a.md", diagnostics: &slow)
            guard case .success = composed else { Issue.record("Yams fails on \(yaml)"); continue }
            #expect(quick.diagnostics.filter { $0.step == "front matter" } == slow, "\(yaml)")
            #expect(quick.article?.markdown == "\n正文第一段。\n\n第二段。\n")
        }
    }

    @Test("a fence is three dashes with spaces around them, as Foundation trims them")
    func fences() {
        for line in ["---", " --- ", "\t---\t", "  ---", "----", "--", "- --", "---x", "", "   ", "\u{3000}---", "---\u{A0}",
                     "\u{2003}--- ", "—-", "- - -"] {
            #expect(MarkdownArticleReader.isFence(Substring(line)) == (line.trimmingCharacters(in: .whitespaces) == "---"),
                    "\(line.debugDescription)")
        }
    }

    @Test("lines split as splitting on \"\\n\" characters does")
    func lines() {
        for text in ["a\nb", "a\r\nb\n", "\n", "", "a\r", "a\n\r", "x\r\ny\rz\n\n", "\r", "\r\n", "\n\r\n\r\n\n",
                     "工会\r\n职工\n\n\n技能\r", "---\ntitle: 标题\n---\n正文。", String(repeating: "第一段。\n\n", count: 300)] {
            let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
            let lines = SourceLines(text)
            #expect((0..<lines.count).map { lines.line($0) } == expected, "\(text.debugDescription)")
            #expect(lines.lastIsEmpty == (expected.last?.isEmpty == true))
            #expect(lines.text(from: 0, to: lines.count) == expected.joined(separator: "\n"))
        }
    }
}
