import MarkdownRendering
import NewsModel
import Templates

/// A story's body rendered once: the HTML for its page and the plain text for lists, summaries
/// and search.
public struct RenderedBody: Sendable {
    /// The body's HTML.
    public var html: HTML
    /// Plain text, paragraphs separated by a blank line.
    public var plainText: String
}

/// Renders article bodies, whichever source they came from.
public struct BodyRenderer: Sendable {
    private let markdown = MarkdownRenderer()

    /// Creates a renderer.
    public init() {}

    /// Renders `article`'s body.
    public func render(_ article: Article) -> RenderedBody {
        switch article.body {
        case .markdown(let source):
            let rendered = markdown.render(source)
            // cmark-gfm's output with raw HTML off is the one markup we embed unescaped.
            return RenderedBody(html: HTML(unsafeRaw: rendered.html), plainText: rendered.plainText)
        case .blocks(let blocks):
            return RenderedBody(html: PageDumpBody.render(blocks), plainText: blocks.map(\.text).joined(separator: "\n\n"))
        }
    }
}

/// Short texts cut from a story's plain text.
public enum Excerpt {
    /// The opening of `text` on one line, at most `limit` characters, with an ellipsis when cut.
    public static func snippet(_ text: String, limit: Int = 90) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > limit else { return flat }
        return String(flat.prefix(limit)) + "…"
    }

    /// Whole sentences from the start of `text`, up to about `limit` characters: a meta description.
    public static func description(_ text: String, limit: Int = 120) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined()
        guard flat.count > limit else { return flat }
        let head = flat.prefix(limit)
        if let end = head.lastIndex(where: { "。！？!?".contains($0) }), head.distance(from: head.startIndex, to: end) >= limit / 3 {
            return String(head[...end])
        }
        return String(head) + "…"
    }
}
