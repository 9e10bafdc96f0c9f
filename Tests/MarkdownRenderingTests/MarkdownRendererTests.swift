import Foundation
import Testing
import MarkdownRendering

/// One renderer for every test, as the site builder uses one.
let renderer = MarkdownRenderer()

/// Every rendering test runs one at a time: a test that renders concurrently must not disturb the
/// others, so a failure points at the test that shows it.
@Suite("MarkdownRenderer", .serialized)
struct MarkdownRendererTests {}

extension MarkdownRendererTests {
    @Suite("GitHub-flavoured Markdown")
    struct GFMTests {
        @Test("a pipe table renders as an HTML table with header and body cells")
        func table() {
            let html = renderer.render("""
            | 地区 | 会员数 |
            |------|-------:|
            | 上虞区 | 1200 |
            """).html
            #expect(html.contains("<table>"))
            #expect(html.contains("<th>地区</th>"))
            #expect(html.contains("<td>上虞区</td>"))
            #expect(html.contains("1200</td>"))
            #expect(!html.contains("|"))
        }

        @Test("~~text~~ renders as <del>")
        func strikethrough() {
            #expect(renderer.render("工资~~拖欠~~已结清").html.contains("<del>拖欠</del>"))
        }

        @Test("bare URLs are turned into links")
        func autolink() {
            let html = renderer.render("详见 https://example.org/news/1 与 www.example.com 。").html
            #expect(html.contains("<a href=\"https://example.org/news/1\">https://example.org/news/1</a>"))
            #expect(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        }

        @Test("footnotes render as numbered references and notes at the end, labelled in Chinese; the plain text keeps the notes")
        func footnotes() {
            let rendered = renderer.render("已有三千名骑手入会[^来源]，另有快递员[^2]。\n\n[^2]: 截至四月底。\n[^来源]: 数据来源：萧山区总工会。\n")
            let html = rendered.html
            // A label is kept percent-encoded in both the link and its target, which browsers match as they are.
            #expect(html.contains("<a href=\"#fn-%E6%9D%A5%E6%BA%90\" id=\"fnref-%E6%9D%A5%E6%BA%90\" data-footnote-ref>1</a>"))
            #expect(html.contains("<li id=\"fn-%E6%9D%A5%E6%BA%90\">"))
            #expect(html.contains("<a href=\"#fn-2\" id=\"fnref-2\" data-footnote-ref>2</a>"))
            #expect(html.contains("<section class=\"footnotes\" data-footnotes>"))
            let notes = html.range(of: "<section class=\"footnotes\"")!.lowerBound
            let (first, second) = (html.range(of: "数据来源：萧山区总工会。")!.lowerBound, html.range(of: "截至四月底。")!.lowerBound)
            #expect(notes < first && first < second, "in the order they are referred to")
            #expect(html.contains("aria-label=\"返回正文\"") && !html.contains("Back to content"))
            #expect(!html.contains("[^"))
            #expect(rendered.plainText == "已有三千名骑手入会，另有快递员。\n\n数据来源：萧山区总工会。\n\n截至四月底。")
        }

        @Test("a footnote referred to inside a link's text is set right after the link: no link inside a link")
        func footnoteInLink() {
            let html = renderer.render("见[修订说明[^1]与附件[^2]](https://example.org/a)。\n\n[^1]: 一。\n[^2]: 二。\n").html
            #expect(html.contains("<a href=\"https://example.org/a\">修订说明与附件</a><sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup><sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\" data-footnote-ref>2</a></sup>。"), "\(html)")
        }

        @Test("ordinary CommonMark renders")
        func commonMark() {
            let html = renderer.render("**粗体** *强调* `代码` [链接](https://example.org/a)\n\n> 引用\n\n- 一\n- 二\n").html
            #expect(html.contains("<strong>粗体</strong>"))
            #expect(html.contains("<em>强调</em>"))
            #expect(html.contains("<code>代码</code>"))
            #expect(html.contains("<a href=\"https://example.org/a\">链接</a>"))
            #expect(html.contains("<blockquote>"))
            #expect(html.contains("<li>一</li>"))
        }

        @Test("an empty document renders to nothing")
        func emptyDocument() {
            let rendered = renderer.render("")
            #expect(rendered.html.isEmpty)
            #expect(rendered.plainText.isEmpty)
            #expect(rendered.headings.isEmpty)
        }
    }

    /// Editors' Markdown is published as it is; raw HTML and script links must not reach readers.
    @Suite("Safe output")
    struct SafetyTests {
        @Test("a raw <script> block does not reach the HTML", arguments: [
            "<script>alert(1)</script>",
            "前文\n\n<script>alert(1)</script>\n\n后文",
            "行内 <script>alert(1)</script> 文本",
        ])
        func scriptDropped(markdown: String) {
            let html = renderer.render(markdown).html.lowercased()
            #expect(!html.contains("<script"))
            #expect(!html.contains("</script"))
        }

        @Test("raw inline HTML with event handlers is dropped")
        func inlineHTMLDropped() {
            let html = renderer.render("点击 <b onclick=\"steal()\">这里</b> 或 <img src=x onerror=alert(1)> <iframe src=\"https://evil.example\"></iframe>").html
            #expect(!html.contains("<b"))
            #expect(!html.contains("onclick"))
            #expect(!html.contains("onerror"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("<iframe"))
            #expect(html.contains("这里"), "the text between dropped tags stays")
        }

        @Test("script-scheme links get no href", arguments: [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](vbscript:msgbox(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<javascript:alert(1)>",
            "![x](javascript:alert(1))",
            "[x][ref]\n\n[ref]: javascript:alert(1)",
        ])
        func unsafeSchemes(markdown: String) {
            let html = renderer.render(markdown).html.lowercased()
            #expect(!html.contains("href=\"javascript:"))
            #expect(!html.contains("href=\"vbscript:"))
            #expect(!html.contains("href=\"data:text/html"))
            #expect(!html.contains("src=\"javascript:"))
        }

        @Test("text that looks like markup is escaped, not interpreted")
        func escapedText() {
            let html = renderer.render("工资 < 标准 & 工时 > 8 \"小时\"").html
            #expect(html.contains("&lt;"))
            #expect(html.contains("&amp;"))
            #expect(html.contains("&gt;"))
        }

        @Test("a NUL character becomes U+FFFD, as CommonMark requires; other characters come through", arguments: [
            "前\u{0}后", "\u{0}", "行首\u{0}\n\n# 标题\u{0}", "`代码\u{0}`",
        ])
        func nulReplaced(text: String) {
            let rendered = renderer.render(text)
            #expect(!rendered.html.contains("\u{0}") && !rendered.plainText.contains("\u{0}"))
            #expect(rendered.html.contains("\u{FFFD}") && rendered.plainText.contains("\u{FFFD}"))
            #expect(rendered.plainText.filter { $0 != "\u{FFFD}" } == renderer.render(text.replacingOccurrences(of: "\u{0}", with: "")).plainText)
        }
    }

    @Suite("Headings")
    struct HeadingTests {
        @Test("headings are collected in document order with their levels and text")
        func collected() {
            let headings = renderer.render("""
            # 职工之家

            导语。

            ## 一、建会入会

            正文。

            ### Step 3: 组织起来

            Setext 标题
            ----------
            """).headings
            #expect(headings == [
                .init(level: 1, text: "职工之家"),
                .init(level: 2, text: "一、建会入会"),
                .init(level: 3, text: "Step 3: 组织起来"),
                .init(level: 2, text: "Setext 标题"),
            ])
        }

        @Test("heading text drops inline markup but keeps its words")
        func inlineMarkupInHeadings() {
            let headings = renderer.render("## 关于 *产改* 的 `code` 与 [链接](https://example.org) A &amp; B").headings
            #expect(headings == [.init(level: 2, text: "关于 产改 的 code 与 链接 A & B")])
        }

        @Test("a heading wrapped over two source lines keeps Latin words apart and joins Chinese")
        func wrappedSetextHeading() {
            let headings = renderer.render("Union\nnews\n===\n\n职工\n之家\n---").headings
            #expect(headings == [.init(level: 1, text: "Union news"), .init(level: 2, text: "职工之家")])
        }

        @Test("a document without headings has none")
        func none() {
            #expect(renderer.render("只是一段文字。\n\n#不是标题").headings.isEmpty)
        }
    }

    /// The plain text feeds the search index and `list --json`'s `text`.
    @Suite("Plain text")
    struct PlainTextTests {
        @Test("the plain text alone is the plain text of the whole render",
              arguments: ["# 标题\n\n**粗体** *强调* `代码` [链接](https://example.org/a)", "工资~~拖欠~~已结清 www.example.org",
                          "| 地区 | 会员数 |\n|---|---|\n| 上虞区 | 1200 |\n", "全省职工\n踊跃入会。\n\n\n\ntrade\nunion",
                          "> 引用一\n>\n> 引用二\n\n- 列表\n\n    代码块\n\n结尾。\n", "<script>alert(1)</script>前文 a@b.org", ""])
        func plainTextAlone(markdown: String) {
            #expect(renderer.renderPlainText(markdown) == renderer.render(markdown).plainText)
        }

        /// The search index reads `plainTextUTF8` without checking it, so it must be valid UTF-8
        /// whatever the text names: entities of surrogates, of nothing, or past U+10FFFF included.
        @Test("the plain text's bytes are valid UTF-8 and the plain text's own", arguments: [
            "代码&#xD800;点", "&#0;空", "超出&#x110000;与&#99999999;", "&amp; &copy; &nbsp;全角　空格", "前\u{0}后",
            "# 标题&#xDFFF;\n\n正文", "家庭👨‍👩‍👧与é组合", "`&#xD800;`", "| 表&#xD800; | 格 |\n|---|---|\n| 一 | 二 |\n",
        ])
        func plainTextBytesValid(markdown: String) {
            let rendered = renderer.render(markdown)
            #expect(String(validating: rendered.plainTextUTF8, as: UTF8.self) != nil)
            #expect(rendered.plainTextUTF8 == Array(renderer.renderPlainText(markdown).utf8))
            // An entity of no scalar becomes U+FFFD; in a code span it stays text as written.
            if markdown.contains("&#"), !markdown.hasPrefix("`") { #expect(rendered.plainText.contains("\u{FFFD}")) }
        }

        @Test("inline markup is removed, the words stay")
        func inlineMarkupRemoved() {
            let text = renderer.render("# 标题\n\n**粗体** *强调* `代码` [链接](https://example.org/a) ![图](p.png)").plainText
            #expect(text == "标题\n\n粗体 强调 代码 链接 图")
        }

        @Test("strikethrough leaves no tildes in the plain text")
        func strikethroughMarkupRemoved() {
            let text = renderer.render("工资~~拖欠~~已结清").plainText
            #expect(!text.contains("~"))
            #expect(text.contains("拖欠"))
        }

        @Test("tables leave no pipe or dash rows in the plain text")
        func tableMarkupRemoved() {
            let text = renderer.render("| 地区 | 会员数 |\n|---|---|\n| 上虞区 | 1200 |\n").plainText
            #expect(!text.contains("|"))
            #expect(!text.contains("---"))
            #expect(text.contains("上虞区"))
            #expect(text.contains("1200"))
        }

        @Test("a paragraph wrapped in the source is one line: Chinese joins, Latin words keep a space")
        func softBreaks() {
            #expect(renderer.render("全省职工\n踊跃入会。").plainText == "全省职工踊跃入会。")
            #expect(renderer.render("trade\nunion").plainText == "trade union")
        }

        @Test("paragraphs are separated by exactly one blank line, however many the source had")
        func paragraphSeparation() {
            let text = renderer.render("\n\n第一段。\n\n\n\n\n第二段。\n\n第三段。\n\n\n").plainText
            #expect(text == "第一段。\n\n第二段。\n\n第三段。")
        }

        @Test("no line of the plain text is whitespace-only and it has no leading or trailing blank lines")
        func tidy() {
            let text = renderer.render("> 引用一\n>\n> 引用二\n\n- 列表\n\n    代码块\n\n结尾。\n").plainText
            #expect(!text.hasPrefix("\n"))
            #expect(!text.hasSuffix("\n"))
            #expect(!text.contains("\n\n\n"))
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                let blank = line.allSatisfy { $0.isWhitespace }
                #expect(!blank, "whitespace-only line in \(text.debugDescription)")
            }
        }

        @Test("raw HTML contributes no tags to the plain text")
        func rawHTMLNotInPlainText() {
            let text = renderer.render("前文 <b onclick=\"x()\">粗</b> 后文\n\n<script>alert(1)</script>").plainText
            #expect(!text.contains("<"))
            #expect(!text.contains("alert"))
        }
    }

    @Suite("Chinese text")
    struct ChineseTextTests {
        static let paragraph = "浙江省总工会近日召开“产改”推进会，提出：到2025年，新就业形态劳动者入会率达到90%以上！（完）"

        @Test("Chinese text and full-width punctuation come through unchanged")
        func roundTrip() {
            let rendered = renderer.render(Self.paragraph)
            #expect(rendered.html == "<p>\(Self.paragraph)</p>\n")
            #expect(rendered.plainText == Self.paragraph)
        }

        @Test("characters outside the Basic Multilingual Plane survive")
        func astralCharacters() {
            let text = "𠮷野家的职工点赞👍"
            #expect(renderer.render(text).plainText == text)
            #expect(renderer.render(text).html.contains(text))
        }
    }

    @Suite("Determinism and concurrency")
    struct ConcurrencyTests {
        /// A document that exercises every extension and the inline parser on each line.
        static let document: String = (1...60).map { index in
            """
            ## 第\(index)节 ~~旧~~新

            第\(index)段：~~删除~~保留，访问 https://example.org/\(index) 或 www.example\(index).com ，*强调* **粗体** `代码`。

            | 列 | 值 |
            |---|---|
            | \(index) | ~~\(index)~~ |
            """
        }.joined(separator: "\n\n")

        @Test("rendering the same text twice gives identical records")
        func deterministic() {
            let first = renderer.render(Self.document)
            let second = renderer.render(Self.document)
            #expect(first == second, "\(firstDifference(second.html, first.html))")
        }

        @Test("200 concurrent renders give the same record as a serial render")
        func concurrentRendersAgree() {
            let expected = renderer.render(Self.document)
            #expect(expected.html.contains("<del>删除</del>"))
            #expect(expected.html.contains("<a href=\"https://example.org/60\">"))

            let results = Slots<RenderedMarkdown>(count: 200)
            DispatchQueue.concurrentPerform(iterations: 200) { index in
                results.set(index, MarkdownRenderer().render(Self.document))
            }
            let differing = results.values.indices.filter { results.values[$0] != expected }
            let example = differing.first.map { firstDifference(results.values[$0].html, expected.html) } ?? ""
            #expect(differing.isEmpty, "\(differing.count) of 200 renders differ from the serial render; first: \(example)")
        }

        @Test("concurrent renders of different documents each get their own result")
        func concurrentDifferentDocuments() {
            let documents = (0..<200).map { "# 标题\($0)\n\n~~第\($0)段~~ https://example.org/\($0)" }
            let expected = documents.map { renderer.render($0) }
            let results = Slots<RenderedMarkdown>(count: documents.count)
            DispatchQueue.concurrentPerform(iterations: documents.count) { index in
                results.set(index, renderer.render(documents[index]))
            }
            let differing = documents.indices.filter { results.values[$0] != expected[$0] }
            let example = differing.first.map { firstDifference(results.values[$0].html, expected[$0].html) } ?? ""
            #expect(differing.isEmpty, "\(differing.count) of \(documents.count) renders differ from their serial render; first: \(example)")
        }
    }
}

/// The first line where `actual` differs from `expected`, both shown.
func firstDifference(_ actual: String, _ expected: String) -> String {
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in expectedLines.enumerated() where index >= actualLines.count || actualLines[index] != line {
        return "line \(index + 1): got \(index < actualLines.count ? String(actualLines[index]) : "<end>"), expected \(line)"
    }
    return "extra lines after \(expectedLines.count)"
}

/// Results of concurrent iterations, one slot per index, guarded by a lock.
final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]

    /// Creates `count` empty slots.
    init(count: Int) { storage = Array(repeating: nil, count: count) }

    /// Fills slot `index`.
    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }

    /// Every slot's value; all must be filled.
    var values: [Value] { lock.withLock { storage.map { $0! } } }
}

extension MarkdownRendererTests {
    @Suite("Heading anchors")
    struct HeadingAnchorTests {
        @Test("each heading gets an id made from its text, as GitHub makes one, so a link to a section lands on it")
        func headingIDs() {
            let html = renderer.render("# 工会 动态\n\n## 名单\n\n正文。\n\n## 名单\n\n### Rider *Stations* & 驿站！\n\n标题二\n---\n").html
            #expect(html.contains("<h1 id=\"工会-动态\">工会 动态</h1>"))
            #expect(html.contains("<h2 id=\"名单\">名单</h2>"))
            #expect(html.contains("<h2 id=\"名单-1\">名单</h2>"), "a second heading of the same text")
            // As GitHub: the & left out leaves its two spaces.
            #expect(html.contains("<h3 id=\"rider-stations--驿站\">Rider <em>Stations</em> &amp; 驿站！</h3>"))
            #expect(html.contains("<h2 id=\"标题二\">标题二</h2>"), "a setext heading")
            #expect(renderer.render("正文，没有标题。").html == "<p>正文，没有标题。</p>\n")
            #expect(renderer.render("## ！？\n").html == "<h2 id=\"section\">！？</h2>\n")
            // No id the page gives elsewhere, nor a footnote's.
            let taken = renderer.render("## Main\n\n## related heading\n\n## fn 1\n\n正文[^1]。\n\n[^1]: 注。\n").html
            #expect(taken.contains("<h2 id=\"main-1\">") && taken.contains("<h2 id=\"related-heading-1\">") && taken.contains("<h2 id=\"fn-1-1\">"), "\(taken)")
            #expect(taken.contains("<li id=\"fn-1\">"))
            // A numbered id already given to a heading of that text is not given again; 々 is a letter.
            let numbered = renderer.render("## 名单\n\n## 名单\n\n## 名单-1\n\n## 人々\n").html
            #expect(numbered.contains("id=\"名单\"") && numbered.contains("id=\"名单-1\"") && numbered.contains("id=\"名单-1-1\"") && numbered.contains("id=\"人々\""),
                    "\(numbered)")
        }
    }
}
