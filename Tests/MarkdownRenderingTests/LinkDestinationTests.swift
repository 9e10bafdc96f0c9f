import MarkdownRendering
import Testing

@Suite("Link and image destinations")
struct LinkDestinationTests {
    let renderer = MarkdownRenderer()

    @Test("every link and image is found with its line, in document order; code and plain brackets are not")
    func found() {
        let markdown = """
        开头一段。

        ![合影](photos/a%20b.png "标题")和[通知](通知.pdf#p=2)。

        - 列表里的[链接](list.jpg)

        `![代码](code.png)` 和 [方括号] 与 <https://example.org/x.png>

        [ref]: refs/c.webp
        见[图][ref]。
        """
        let found = renderer.destinations(utf8: Array(markdown.utf8))
        #expect(found.map(\.url) == ["photos/a%20b.png", "通知.pdf#p=2", "list.jpg", "https://example.org/x.png", "refs/c.webp"])
        #expect(found.map(\.isImage) == [true, false, false, false, false])
        #expect(found.prefix(3).map(\.line) == [3, 3, 5])
        #expect(found.last.map { (9...10).contains($0.line) } == true, "the reference's definition or its use: \(found)")
    }

    @Test("a text with no `](` and no `]:` is not parsed: its autolinks have schemes, never the site's own files")
    func noneWithoutBrackets() {
        #expect(renderer.destinations(utf8: Array("职工[书屋]开放。\n\n第二段 https://example.org/a.png".utf8)).isEmpty)
        #expect(renderer.destinations(utf8: Array("职工书屋开放。".utf8)).isEmpty)
        #expect(renderer.destinations(utf8: Array("[书屋](a.png)".utf8)).map(\.url) == ["a.png"])
    }

    @Test("rewriting changes the destinations the closure maps, in the HTML only")
    func rewritten() {
        let markdown = "![合影](a.png) [外链](https://example.org/) [图](b.jpg)"
        let rendered = renderer.render(utf8: Array(markdown.utf8), rewritingDestinations: { $0.hasSuffix(".png") ? "../../media/" + $0 : nil })
        let html = String(decoding: rendered.htmlUTF8, as: UTF8.self)
        #expect(html == #"<p><img src="../../media/a.png" alt="合影" /> <a href="https://example.org/">外链</a> <a href="b.jpg">图</a></p>"# + "\n")
        #expect(rendered.plainText == renderer.render(markdown).plainText)
        let htmlOnly = renderer.renderHTMLUTF8(utf8: Array(markdown.utf8), rewritingDestinations: { $0.hasSuffix(".png") ? "../../media/" + $0 : nil })
        #expect(htmlOnly == rendered.htmlUTF8)
        #expect(rendered.image == "../../media/a.png", "the first image, as rewritten")
        #expect(renderer.render("[链接](x.png) ![远方](https://example.org/y.jpg) ![近](z.png)").image == "https://example.org/y.jpg")
        #expect(renderer.render("没有图片。[链接](x.png)").image == nil)
    }

    @Test("a rewritten destination is escaped as cmark escapes any: quotes and spaces cannot break the attribute")
    func rewrittenIsEscaped() {
        let html = String(decoding: renderer.renderHTMLUTF8(utf8: Array("![x](a.png)".utf8), rewritingDestinations: { _ in #"a" onerror="b c.png"# }), as: UTF8.self)
        #expect(html.contains(#"src="a%22%20onerror=%22b%20c.png""#), "\(html)")
    }
}
