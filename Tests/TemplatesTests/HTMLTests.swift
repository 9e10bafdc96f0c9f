import Foundation
import Testing
import Templates

/// Text from page dumps and front matter goes into pages through `HTML` interpolation; the type is
/// the one place escaping happens, so it must escape every time and never twice.
@Suite("HTML")
struct HTMLTests {
    @Test("an interpolated String has all five special characters escaped")
    func escapesString() {
        let text = "<script>\"'&"
        let html: HTML = "<p>\(text)</p>"
        #expect(html.rendered == "<p>&lt;script&gt;&quot;&#39;&amp;</p>")
    }

    @Test("escaping leaves other text, Chinese included, untouched")
    func leavesOtherText() {
        let text = "“产改”进行时：职工（含农民工）100%入会 — AT&T"
        let html: HTML = "<h1>\(text)</h1>"
        #expect(html.rendered == "<h1>“产改”进行时：职工（含农民工）100%入会 — AT&amp;T</h1>")
    }

    @Test("text that already looks escaped is escaped again, because it is text")
    func textIsNotMarkup() {
        let text = "&amp; &lt;b&gt;"
        let html: HTML = "\(text)"
        #expect(html.rendered == "&amp;amp; &amp;lt;b&amp;gt;")
    }

    @Test("an interpolated HTML fragment is embedded, not escaped again")
    func embedsHTML() {
        let inner: HTML = "<em>\("a<b")</em>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.rendered == "<p><em>a&lt;b</em></p>")
        let raw = HTML(unsafeRaw: "<p>已渲染</p>")
        let page: HTML = "<div>\(raw)</div>"
        #expect(page.rendered == "<div><p>已渲染</p></div>")
    }

    @Test("an optional nil adds nothing; a present optional is handled like its value")
    func optionals() {
        let missingText: String? = nil
        let presentText: String? = "<副题>"
        let missingFragment: HTML? = nil
        let presentFragment: HTML? = "<hr>"
        let html: HTML = "[\(missingText)][\(presentText)][\(missingFragment)][\(presentFragment)]"
        #expect(html.rendered == "[][&lt;副题&gt;][][<hr>]")
    }

    @Test("an interpolated array of fragments is joined in order")
    func arrays() {
        let items: [HTML] = ["一", "二", "三"].map { "<li>\($0)</li>" }
        let list: HTML = "<ul>\(items)</ul>"
        #expect(list.rendered == "<ul><li>一</li><li>二</li><li>三</li></ul>")
        let none: [HTML] = []
        #expect(("<ul>\(none)</ul>" as HTML).rendered == "<ul></ul>")
    }

    @Test("joined puts the separator between fragments only")
    func joined() {
        let parts: [HTML] = ["<span>a</span>", "<span>b</span>", "<span>c</span>"]
        #expect(HTML.joined(parts, separator: " · ").rendered == "<span>a</span> · <span>b</span> · <span>c</span>")
        #expect(HTML.joined(["<b>x</b>"], separator: ", ").rendered == "<b>x</b>")
        #expect(HTML.joined([], separator: ", ").rendered == "")
    }

    @Test("numbers are written as they are, and + concatenates")
    func numbersAndConcatenation() {
        let count = 11970
        #expect(("总第\(count)号" as HTML).rendered == "总第11970号")
        #expect((HTML("<p>") + HTML(unsafeRaw: "x") + "</p>").rendered == "<p>x</p>")
        #expect(HTML().rendered.isEmpty)
    }

    @Test("escape covers attribute values: a quote cannot close the attribute")
    func attributeValues() {
        let value = "\" onmouseover=\"alert(1)"
        let html: HTML = "<a title=\"\(value)\">x</a>"
        #expect(html.rendered == "<a title=\"&quot; onmouseover=&quot;alert(1)\">x</a>")
        let single: HTML = "<a title='\("' onclick='x")'>x</a>"
        #expect(!single.rendered.contains("' onclick='"))
    }

    @Test("a fragment interpolated as characterData: is its markup in CDATA sections that read back as the markup, each ]]> split")
    func characterDataFragment() throws {
        let markups = ["<p>“职工”之家 & 驿站</p>\n<p>a'b\"c</p>", "", "]]>", "a]]>b]]]>c]]", "]", "]]", "<p>[1]] ]]></p>", "x]]>]]>y"]
        for markup in markups {
            let entry: HTML = "<content type=\"html\">\(characterData: HTML(unsafeRaw: markup))</content>"
            var rest = try #require(entry.rendered.split(separator: "<content type=\"html\">", omittingEmptySubsequences: false).last)
            rest = try #require(rest.split(separator: "</content>", omittingEmptySubsequences: false).first)
            // As XML reads it: each section runs from `<![CDATA[` to the first `]]>`, its text as it is.
            var text = ""
            var sections = 0
            while !rest.isEmpty {
                #expect(rest.hasPrefix("<![CDATA["), "\(markup)")
                rest = rest.dropFirst("<![CDATA[".count)
                let end = try #require(rest.range(of: "]]>"), "\(markup)")
                text += rest[..<end.lowerBound]
                rest = rest[end.upperBound...]
                sections += 1
            }
            #expect(text == markup, "\(markup)")
            #expect(sections == 1 + markup.components(separatedBy: "]]>").count - 1, "\(markup)")
        }
    }

    @Test("each special character is escaped wherever it falls in a run of Chinese text")
    func specialsAtEveryOffset() {
        for offset in 0..<17 {
            for (special, escaped) in [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;")] {
                let run = String(repeating: "工", count: offset / 3) + String(repeating: "a", count: offset % 3)
                let html: HTML = "\(run + special + "职工之家" + special)"
                #expect(html.rendered == run + escaped + "职工之家" + escaped)
            }
        }
    }

    @Test("the markup's UTF-8 bytes are those of its text, however it was made")
    func bytes() {
        let title = "工会<驿站>"
        let made: HTML = "<h1>\(title)</h1>"
        #expect(made.utf8 == Array("<h1>工会&lt;驿站&gt;</h1>".utf8))
        #expect(HTML(unsafeRawUTF8: Array("<p>已渲染</p>".utf8)) == HTML(unsafeRaw: "<p>已渲染</p>"))
        #expect(HTML().utf8.isEmpty)
    }
}
