import MarkdownRendering
import NewsModel
import Templates

/// A story's body rendered once: the HTML for its page and the plain text for lists, summaries
/// and search.
public struct RenderedBody: Sendable {
    /// The body's HTML.
    public var html: HTML
    /// Plain text, paragraphs separated by a blank line.
    public var plainText: String { String(decoding: plainTextUTF8, as: UTF8.self) }
    /// `plainText` as valid UTF-8 bytes, which the search index reads without making a string.
    var plainTextUTF8: [UInt8]
    /// How many characters of the plain text are not whitespace (the page's reading time).
    public var characters: Int
    /// The address of the body's first picture, relative to the story's page, if it has one.
    public var image: String?

    /// A body whose HTML and plain text are at hand; its characters counted.
    init(html: HTML, plainText: String) {
        self.init(html: html, plainTextUTF8: Array(plainText.utf8), characters: TextMetrics.nonWhitespaceCount(plainText))
    }

    /// A Markdown body as cmark-gfm rendered it: HTML, plain text, characters and first picture.
    init(markdown rendered: RenderedMarkdown) {
        self.init(html: HTML(unsafeRawUTF8: rendered.htmlUTF8), plainTextUTF8: rendered.plainTextUTF8, characters: rendered.characters)
        image = rendered.image
    }

    /// A body whose characters that are not whitespace are counted already; `plainTextUTF8` must
    /// be valid UTF-8.
    init(html: HTML, plainTextUTF8: [UInt8], characters: Int) {
        self.html = html
        self.plainTextUTF8 = plainTextUTF8
        self.characters = characters
    }
}

/// Renders article bodies, whichever source they came from.
public struct BodyRenderer: Sendable {
    private let markdown = MarkdownRenderer()

    /// Creates a renderer.
    public init() {}

    /// Renders `article`'s body, for its page: its references to media files lead to their copies.
    public func render(_ article: Article) -> RenderedBody {
        render(article.body, media: SourceLinks(article))
    }

    /// The HTML of a body alone: `render(body).html`, cheaper.
    /// - Parameter media: how a Markdown body's references to media files lead to their copies;
    ///   `nil` to leave them as written.
    public func html(_ body: ArticleBody, media: SourceLinks? = nil) -> HTML {
        switch body {
        case .markdown(let source):
            // cmark-gfm's output with raw HTML off is the one markup we embed unescaped.
            if let media { return HTML(unsafeRawUTF8: markdown.renderHTMLUTF8(utf8: Array(source.utf8), rewritingDestinations: media.destination)) }
            return HTML(unsafeRawUTF8: markdown.renderHTMLUTF8(source))
        case .blocks(let blocks):
            return PageDumpBody.render(blocks)
        }
    }

    /// The plain text of a body alone: `render(body).plainText`, cheaper.
    public func plainText(_ body: ArticleBody) -> String {
        switch body {
        case .markdown(let source):
            return markdown.renderPlainText(source)
        case .blocks(let blocks):
            return blocks.map(\.text).joined(separator: "\n\n")
        }
    }

    /// `html(.markdown(text), media:)` for a Markdown body read again as the UTF-8 bytes of `text`.
    func html(markdownUTF8 bytes: [UInt8], media: SourceLinks) -> HTML {
        HTML(unsafeRawUTF8: markdown.renderHTMLUTF8(utf8: bytes, rewritingDestinations: media.destination))
    }

    /// `html(markdownUTF8:media:)` with the body's first picture.
    func shown(markdownUTF8 bytes: [UInt8], media: SourceLinks) -> (html: HTML, image: String?) {
        let rendered = markdown.renderHTMLOnly(utf8: bytes, rewritingDestinations: media.destination)
        return (HTML(unsafeRawUTF8: rendered.htmlUTF8), rendered.image)
    }

    /// `plainText(.markdown(text))` for a Markdown body read again as the UTF-8 bytes of `text`.
    func plainText(markdownUTF8 bytes: [UInt8]) -> String {
        markdown.renderPlainText(utf8: bytes)
    }

    /// `render(.markdown(text), media:)` for a Markdown body read again as the UTF-8 bytes of `text`.
    func render(markdownUTF8 bytes: [UInt8], media: SourceLinks) -> RenderedBody {
        RenderedBody(markdown: markdown.render(utf8: bytes, rewritingDestinations: media.destination))
    }

    /// The digest of a body: `BodyDigest(plainText: plainText(body))`, from the opening of a
    /// Markdown body's text alone (usually from a parse of its first blocks only).
    public func digest(_ body: ArticleBody) -> BodyDigest {
        if case .markdown(let source) = body,
           let opening = markdown.renderPlainTextOpening(source, characters: BodyDigest.openingCharacters) {
            return BodyDigest(plainText: opening)
        }
        return BodyDigest(plainText: plainText(body))
    }

    /// Renders a body.
    /// - Parameter media: how a Markdown body's references to media files lead to their copies;
    ///   `nil` to leave them as written.
    public func render(_ body: ArticleBody, media: SourceLinks? = nil) -> RenderedBody {
        switch body {
        case .markdown(let source):
            // cmark-gfm's output with raw HTML off is the one markup we embed unescaped.
            return RenderedBody(markdown: media.map { markdown.render(utf8: Array(source.utf8), rewritingDestinations: $0.destination) }
                                    ?? markdown.render(source))
        case .blocks(let blocks):
            return RenderedBody(html: PageDumpBody.render(blocks), plainText: plainText(body))
        }
    }
}

/// What lists and page heads need of a story's body, small enough to keep for every story of the
/// archive while the bodies themselves are read one at a time. (A page's reading time is counted
/// from the body it shows, which is rendered for it anyway.)
///
/// A digest read back from a build's state keeps its texts as the state's UTF-8 bytes and makes
/// them strings only when a page shows them: an incremental build reads every story's digest and
/// renders the pages of a few.
public struct BodyDigest: Sendable, Hashable {
    private enum Texts: Sendable {
        case strings(snippet: String, description: String)
        /// The texts' UTF-8 bytes where the state holds them.
        case utf8(snippet: StateBytes, description: StateBytes)
    }

    private let texts: Texts

    /// Creates a digest.
    public init(snippet: String, description: String) {
        texts = .strings(snippet: snippet, description: description)
    }

    /// A digest whose texts are the UTF-8 `snippet` and `description`, parts of a state's bytes
    /// (bytes that are not UTF-8 are read as U+FFFD).
    init(snippetUTF8 snippet: StateBytes, descriptionUTF8 description: StateBytes) {
        texts = .utf8(snippet: snippet, description: description)
    }

    /// The opening of the text on one line (`Excerpt.snippet`).
    public var snippet: String {
        switch texts {
        case .strings(let snippet, _): snippet
        case .utf8(let snippet, _): snippet.withUInt8Buffer { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Whole sentences from the start (`Excerpt.description`).
    public var description: String {
        switch texts {
        case .strings(_, let description): description
        case .utf8(_, let description): description.withUInt8Buffer { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Equal when the texts are, however each is kept.
    public static func == (left: BodyDigest, right: BodyDigest) -> Bool {
        left.snippet == right.snippet && left.description == right.description
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(snippet)
        hasher.combine(description)
    }

    /// The digest of a body's plain text, or of its opening: its first `openingCharacters`
    /// characters (line feeds not counted) or more give the same digest as all of it.
    public init(plainText: String) {
        self.init(snippet: Excerpt.snippet(plainText), description: Excerpt.description(plainText))
    }

    /// The characters of a text's opening, line feeds not counted, that give the same snippet and
    /// description as the whole text: more than either cuts.
    static let openingCharacters = 2 * max(Excerpt.snippetLimit, Excerpt.descriptionLimit)
}

/// Short texts cut from a story's plain text.
public enum Excerpt {
    /// The length of a snippet, in characters.
    public static let snippetLimit = 90
    /// About the length of a description, in characters.
    public static let descriptionLimit = 120

    /// The opening of `text` on one line, at most `limit` characters, with an ellipsis when cut.
    /// Paragraphs run on with nothing between them, as Chinese text sets them (no space after 。).
    public static func snippet(_ text: String, limit: Int = snippetLimit) -> String {
        let (head, truncated) = TextMetrics.flattenedPrefix(text, separator: "", limit: limit)
        return truncated ? head + "…" : head
    }

    /// Whole sentences from the start of `text`, up to about `limit` characters: a meta description.
    public static func description(_ text: String, limit: Int = descriptionLimit) -> String {
        let (head, truncated) = TextMetrics.flattenedPrefix(text, separator: "", limit: limit)
        guard truncated else { return head }
        if let end = lastSentenceEnd(in: head, atLeast: limit / 3) { return String(head[...end]) }
        return head + "…"
    }

    /// Whether `scalar` ends a sentence: 。！？!?
    private static func endsSentence(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", "！", "？", "!", "?": return true
        default: return false
        }
    }

    /// Where the last character of `text` that ends a sentence is, when it is at least
    /// `minimumOffset` characters from the start: `text.lastIndex(where:)` and `distance`, over
    /// the scalars when each is a character of its own (as in nearly every story).
    static func lastSentenceEnd(in text: String, atLeast minimumOffset: Int) -> String.Index? {
        let scalars = text.unicodeScalars
        guard scalars.allSatisfy(TextMetrics.isSimple) else {
            guard let end = text.lastIndex(where: { $0.unicodeScalars.count == 1 && endsSentence($0.unicodeScalars.first!) }),
                  text.distance(from: text.startIndex, to: end) >= minimumOffset else { return nil }
            return end
        }
        var offset = scalars.count
        var index = scalars.endIndex
        while index > scalars.startIndex {
            scalars.formIndex(before: &index)
            offset -= 1
            if endsSentence(scalars[index]) { return offset >= minimumOffset ? index : nil }
        }
        return nil
    }
}
