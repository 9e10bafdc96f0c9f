import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders GitHub-flavoured Markdown with cmark-gfm: tables, strikethrough, autolinks, footnotes and
/// the tag filter, with raw HTML off (cmark's safe mode also drops `javascript:` and similar links).
///
/// C memory never leaves this type: every node tree and string is freed right after it is copied
/// into Swift.
public struct MarkdownRenderer: Sendable {
    /// The GFM extensions attached to every parser.
    public static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    /// Extensions that act only on blocks and on rendering; they never touch cmark's global tables.
    static let blockExtensionNames = ["table", "tagfilter"]

    /// Creates a renderer; registers cmark-gfm's extensions once per process.
    public init() {
        _ = Self.registration
    }

    private static let registration: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    /// cmark-gfm keeps the inline parser's table of special characters in a global that every
    /// parse with an *inline* extension (strikethrough: `~`; autolink: `:` and `w`) adds to and
    /// removes from (`cmark_manage_extensions_special_characters`), so two such parses at once
    /// corrupt each other (`~~x~~` left unparsed). Those parses are serialised behind this lock.
    ///
    /// A document in which no inline extension can match — no `~`, no `@` (e-mail autolinks), no
    /// `://` and no `www.` — is parsed with the block extensions only (table, tagfilter), which
    /// never touch the global table, so it needs no lock and runs in parallel. Its HTML, plain text
    /// and headings are those of a parse with every extension: the inline extensions would only
    /// have split and re-joined text nodes, which render the same. While a locked parse has `:` or
    /// `w` marked special, a lock-free parse of a text holding them only stops at them and
    /// continues with plain text (no inline extension is attached to it), which renders the same too.
    private static let parseLock = NSLock()

    /// Renders `markdown` to HTML, plain text and headings.
    public func render(_ markdown: String) -> RenderedMarkdown {
        var source = markdown
        return source.withUTF8 { bytes in
            Self.render(bytes, inlineExtensions: Self.needsInlineExtensions(bytes))
        }
    }

    /// `render(markdown)` for Markdown given as UTF-8 bytes, which must be valid UTF-8 (the bytes of
    /// a string, or bytes known to be the same as bytes checked before): cmark-gfm does not check them.
    public func render(utf8 markdown: [UInt8]) -> RenderedMarkdown {
        markdown.withUnsafeBufferPointer { Self.render($0, inlineExtensions: Self.needsInlineExtensions($0)) }
    }

    /// `renderHTMLUTF8(_:)` for Markdown given as valid UTF-8 bytes (see `render(utf8:)`).
    public func renderHTMLUTF8(utf8 markdown: [UInt8]) -> [UInt8] {
        markdown.withUnsafeBufferPointer { Self.render($0, inlineExtensions: Self.needsInlineExtensions($0), collectText: false).htmlUTF8 }
    }

    /// `renderPlainText(markdown)` for Markdown given as valid UTF-8 bytes (see `render(utf8:)`).
    public func renderPlainText(utf8 markdown: [UInt8]) -> String {
        markdown.withUnsafeBufferPointer { Self.render($0, inlineExtensions: Self.needsInlineExtensions($0), html: false).plainText }
    }

    /// `render(utf8:)` with each link and image destination that `rewrite` gives a new one for
    /// replaced by it in the HTML (the plain text has no destinations).
    public func render(utf8 markdown: [UInt8], rewritingDestinations rewrite: @escaping (String) -> String?) -> RenderedMarkdown {
        markdown.withUnsafeBufferPointer { Self.render($0, inlineExtensions: Self.needsInlineExtensions($0), rewrite: rewrite) }
    }

    /// `renderHTMLUTF8(utf8:)` with destinations rewritten as `render(utf8:rewritingDestinations:)` does.
    public func renderHTMLUTF8(utf8 markdown: [UInt8], rewritingDestinations rewrite: @escaping (String) -> String?) -> [UInt8] {
        renderHTMLOnly(utf8: markdown, rewritingDestinations: rewrite).htmlUTF8
    }

    /// `render(utf8:rewritingDestinations:)` without the plain text and headings: the HTML and the
    /// first image.
    public func renderHTMLOnly(utf8 markdown: [UInt8], rewritingDestinations rewrite: @escaping (String) -> String?) -> RenderedMarkdown {
        markdown.withUnsafeBufferPointer { Self.render($0, inlineExtensions: Self.needsInlineExtensions($0), collectText: false, rewrite: rewrite) }
    }

    /// The link and image destinations of `markdown` (valid UTF-8, see `render(utf8:)`), in document
    /// order, each with its line.
    public func destinations(utf8 markdown: [UInt8]) -> [LinkDestination] {
        markdown.withUnsafeBufferPointer(Self.destinations)
    }

    /// The link and image destinations of `markdown`, in document order, each with its line.
    public func destinations(_ markdown: String) -> [LinkDestination] {
        var source = markdown
        return source.withUTF8(Self.destinations)
    }

    private static func destinations(_ bytes: UnsafeBufferPointer<UInt8>) -> [LinkDestination] {
        guard LinkDestination.mayHoldLinks(bytes) else { return [] }
        return parsed(bytes, inlineExtensions: needsInlineExtensions(bytes)) { document, _ in LinkDestination.all(in: document) } ?? []
    }

    /// Renders `markdown` to HTML only: `render(markdown).htmlUTF8`, without the walk that collects
    /// plain text and headings (for a page whose summaries were made earlier).
    public func renderHTMLUTF8(_ markdown: String) -> [UInt8] {
        var source = markdown
        return source.withUTF8 { bytes in
            Self.render(bytes, inlineExtensions: Self.needsInlineExtensions(bytes), collectText: false).htmlUTF8
        }
    }

    /// The plain text of `markdown` only: `render(markdown).plainText`, without rendering HTML (for
    /// summaries and the search index, which need no markup).
    public func renderPlainText(_ markdown: String) -> String {
        var source = markdown
        return source.withUTF8 { bytes in
            Self.render(bytes, inlineExtensions: Self.needsInlineExtensions(bytes), html: false).plainText
        }
    }

    /// The opening of `renderPlainText(markdown)`, which is all a story's summaries need of it:
    /// cut after `characters` characters (line feeds not counted), or all of it when shorter.
    /// `nil` when a character of the opening is not a scalar of its own (then summarise
    /// `renderPlainText`).
    ///
    /// A long text's opening is taken from a parse of its first blocks only (see `openingCut`):
    /// what a Markdown block says cannot depend on blocks after a blank line, except through a link
    /// reference definition (`[label]: …`), so a text with one after the cut is parsed whole. When
    /// the first blocks give fewer characters than the opening needs, the whole text is parsed.
    public func renderPlainTextOpening(_ markdown: String, characters: Int) -> String? {
        var source = markdown
        return source.withUTF8 { bytes -> String? in
            if let cut = Self.openingCut(bytes, characters: characters),
               case .text(let opening) = Self.opening(UnsafeBufferPointer(rebasing: bytes[..<cut]), characters: characters, whole: false) {
                return opening
            }
            guard case .text(let opening) = Self.opening(bytes, characters: characters, whole: true) else { return nil }
            return opening
        }
    }

    /// What `opening(_:characters:whole:)` found.
    private enum Opening {
        case text(String)
        /// A character of the text is not a scalar of its own.
        case notSimple
        /// The first blocks of a text may not hold its opening whole.
        case tooShort
        /// cmark could not parse the text.
        case unparsed
    }

    /// The opening of the plain text of `bytes`, as `renderPlainTextOpening` gives it. When `bytes`
    /// are the first blocks of a text (`whole` false), `.tooShort` unless their plain text has more
    /// than `limit` characters (line feeds not counted): the one after the opening makes sure that
    /// its last is a character of its own here as in the whole text.
    /// Plain paragraphs (`plainParagraphsText`) are read without cmark-gfm.
    private static func opening(_ bytes: UnsafeBufferPointer<UInt8>, characters limit: Int, whole: Bool) -> Opening {
        if let text = plainParagraphsText(bytes) { return opening(ofCollected: text, characters: limit, whole: whole) }
        return parsed(bytes, inlineExtensions: needsInlineExtensions(bytes)) { document, _ -> Opening in
            opening(ofCollected: collectedText(of: document).0, characters: limit, whole: whole)
        } ?? .unparsed
    }

    /// `opening(_:characters:whole:)` of a text whose literal text, as `collectedText(of:)` gives
    /// it, is `text`.
    private static func opening(ofCollected text: [UInt8], characters limit: Int, whole: Bool) -> Opening {
        guard let (tidied, _) = text.withUnsafeBufferPointer({ tidiedBytes($0) }) else { return .notSimple }
        var (end, characters) = (0, 0)
        while end < tidied.count, characters < limit {
            if tidied[end] != 0x0A { characters += 1 }
            end += 1
            while end < tidied.count, tidied[end] & 0xC0 == 0x80 { end += 1 }
        }
        if !whole {
            var next = end
            while next < tidied.count, tidied[next] == 0x0A { next += 1 }
            guard next < tidied.count else { return .tooShort }
        }
        return .text(String(decoding: tidied[..<end], as: UTF8.self))
    }

    /// Where the first blocks of `bytes` that hold the plain text's opening of `characters`
    /// characters end, most likely: after the first line that a blank line follows at least four
    /// bytes a character in (three for a Chinese character, one more for markup). `nil` when the
    /// rest is shorter than the blocks before the cut, or when a link reference definition could
    /// follow the cut (a `]:` after it: the definition could give a link before it its text).
    static func openingCut(_ bytes: UnsafeBufferPointer<UInt8>, characters: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var start = characters * 4
        while start + 1 < count, let hit = memchr(base + start, 0x0A, count - start - 1) {
            let newline = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if bytes[newline + 1] == 0x0A {
                let cut = newline + 1
                // The rest must be at least as long again, or the parse saved is not worth a second one.
                guard count - cut >= cut, !containsReferenceMark(UnsafeBufferPointer(rebasing: bytes[cut...])) else { return nil }
                return cut
            }
            start = newline + 1
        }
        return nil
    }

    /// Whether `]:` occurs in `bytes`.
    private static func containsReferenceMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(UInt8(ascii: "]"), then: UInt8(ascii: ":"), in: bytes)
    }

    /// Whether the byte `first` followed by `second` occurs in `bytes` (`first` found with `memchr`).
    static func contains(_ first: UInt8, then second: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var start = 0
        while start + 1 < bytes.count, let hit = memchr(base + start, Int32(first), bytes.count - start - 1) {
            let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if bytes[index + 1] == second { return true }
            start = index + 1
        }
        return false
    }

    /// The literal text of `bytes` as cmark-gfm parses it (`collectedText(of:)`): the reference
    /// `plainParagraphsText` is checked against.
    static func parsedCollectedText(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        parsed(bytes, inlineExtensions: needsInlineExtensions(bytes)) { document, _ in collectedText(of: document).0 }
    }

    /// Renders with every extension attached and the parse behind the lock, whatever the text:
    /// the reference the lock-free path is checked against.
    func renderWithEveryExtension(_ markdown: String) -> RenderedMarkdown {
        var source = markdown
        return source.withUTF8 { Self.render($0, inlineExtensions: true) }
    }

    /// Whether an inline extension could match somewhere in `bytes`: a `~`, an `@`, `://` or `www.`.
    /// Each trigger's first byte is looked for with `memchr`, which skips Chinese text many bytes
    /// at a time.
    static func needsInlineExtensions(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        /// Whether some `byte` in `bytes` is followed by what `follows` accepts at its index.
        func found(_ byte: UInt8, where follows: (Int) -> Bool) -> Bool {
            var start = 0
            while start < count, let hit = memchr(base + start, Int32(byte), count - start) {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if follows(index) { return true }
                start = index + 1
            }
            return false
        }
        let anywhere: (Int) -> Bool = { _ in true }
        let slashes: (Int) -> Bool = { index in
            index + 2 < count && bytes[index + 1] == UInt8(ascii: "/") && bytes[index + 2] == UInt8(ascii: "/")
        }
        let www: (Int) -> Bool = { index in
            index + 3 < count && bytes[index + 1] | 0x20 == UInt8(ascii: "w") && bytes[index + 2] | 0x20 == UInt8(ascii: "w")
                && bytes[index + 3] == UInt8(ascii: ".")
        }
        return found(UInt8(ascii: "~"), where: anywhere) || found(UInt8(ascii: "@"), where: anywhere)
            || found(UInt8(ascii: ":"), where: slashes) || found(UInt8(ascii: "w"), where: www) || found(UInt8(ascii: "W"), where: www)
    }

    private static func render(_ bytes: UnsafeBufferPointer<UInt8>, inlineExtensions: Bool, html renderHTML: Bool = true,
                               collectText: Bool = true, rewrite: ((String) -> String?)? = nil) -> RenderedMarkdown {
        parsed(bytes, inlineExtensions: inlineExtensions) { document, extensions in
            // An image needs `](` or a reference definition (`]:`): a document with neither is not walked.
            let image = renderHTML && LinkDestination.mayHoldLinks(bytes) ? LinkDestination.rewrite(in: document, rewrite) : nil
            // Looked for once here (the parse looked for itself): a scan of the whole text each time.
            let footnotes = renderHTML && Self.mayHoldFootnotes(bytes)
            if footnotes { Self.moveFootnoteReferencesOutOfLinks(in: document) }
            var html = renderHTML ? take(cmark_render_html(document, footnotes ? options | CMARK_OPT_FOOTNOTES : options, extensions)) : []
            if footnotes { html = Self.withChineseFootnoteLabels(html) }
            if renderHTML, Self.mayHoldHeadings(bytes) { html = HeadingAnchors.withIDs(html) }
            var rendered = RenderedMarkdown(htmlUTF8: html, plainText: "", headings: [], characters: 0)
            if collectText {
                let (plainText, headings, characters) = textAndHeadings(of: document)
                rendered = RenderedMarkdown(htmlUTF8: html, plainTextUTF8: plainText, headings: headings, characters: characters)
            }
            rendered.image = image
            return rendered
        } ?? RenderedMarkdown(htmlUTF8: [], plainText: "", headings: [], characters: 0)
    }

    /// No CMARK_OPT_VALIDATE_UTF8: the bytes come from a Swift string, or are bytes checked before
    /// (`render(utf8:)`), valid UTF-8 already (cmark replaces NUL characters either way).
    private static let options = CMARK_OPT_DEFAULT

    /// The options for `bytes`: footnotes on (`正文[^1]` and `[^1]: 注释`, as GitHub renders them:
    /// their definitions gathered at the end of the document, in the order they are referred to)
    /// when a footnote could be there, as the pass that gathers them walks the whole document.
    static func options(for bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        mayHoldFootnotes(bytes) ? options | CMARK_OPT_FOOTNOTES : options
    }

    /// Parses `bytes` and hands the document and the parser's extensions to `use`; `nil` when
    /// cmark could not make a parser or a document.
    private static func parsed<Result>(_ bytes: UnsafeBufferPointer<UInt8>, inlineExtensions: Bool,
                                       _ use: (OpaquePointer, UnsafeMutablePointer<cmark_llist>?) -> Result) -> Result? {
        if inlineExtensions { parseLock.lock() }
        guard let parser = cmark_parser_new(options(for: bytes)) else {
            if inlineExtensions { parseLock.unlock() }
            return nil
        }
        defer { cmark_parser_free(parser) }
        for name in inlineExtensions ? extensionNames : blockExtensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        bytes.withMemoryRebound(to: CChar.self) { chars in
            cmark_parser_feed(parser, chars.baseAddress, chars.count)
        }
        let finished = cmark_parser_finish(parser)
        if inlineExtensions { parseLock.unlock() }
        guard let document = finished else { return nil }
        defer { cmark_node_free(document) }
        return use(document, cmark_parser_get_syntax_extensions(parser))
    }

    /// Whether `bytes` could hold a heading: a `#`, or a line of `=` or `-` under text (a setext
    /// heading), which a `=` or a `--` tells.
    static func mayHoldHeadings(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        if memchr(base, Int32(UInt8(ascii: "#")), bytes.count) != nil || memchr(base, Int32(UInt8(ascii: "=")), bytes.count) != nil { return true }
        return contains(UInt8(ascii: "-"), then: UInt8(ascii: "-"), in: bytes)
    }

    /// Whether `bytes` hold `[^`, which every footnote reference and definition starts with.
    static func mayHoldFootnotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(UInt8(ascii: "["), then: UInt8(ascii: "^"), in: bytes)
    }

    /// Puts each footnote reference written inside a link's text (`[修订说明[^2]](…)`) right after
    /// the link: cmark-gfm renders a reference as a link, and a link inside a link is no HTML.
    static func moveFootnoteReferencesOutOfLinks(in document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        var moves: [(reference: OpaquePointer, link: OpaquePointer)] = []
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_REFERENCE else { continue }
            var outermost: OpaquePointer?
            var parent = cmark_node_parent(node)
            while let ancestor = parent {
                if cmark_node_get_type(ancestor) == CMARK_NODE_LINK { outermost = ancestor }
                parent = cmark_node_parent(ancestor)
            }
            if let outermost { moves.append((node, outermost)) }
        }
        cmark_iter_free(iterator)
        // Moved after the walk (a tree is not changed under its iterator), the last first, so that
        // references in one link keep their order after it.
        for (reference, link) in moves.reversed() {
            cmark_node_unlink(reference)
            cmark_node_insert_after(link, reference)
        }
    }

    /// The label cmark-gfm gives a footnote's link back to where it was referred to, in English.
    private static let englishBackLabel = Array(#"data-footnote-backref aria-label="Back to content""#.utf8)
    private static let chineseBackLabel = Array(#"data-footnote-backref aria-label="返回正文""#.utf8)

    /// `html` with each footnote's link back labelled in Chinese, as the rest of the site is.
    static func withChineseFootnoteLabels(_ html: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var start = 0
        while let found = html[start...].firstRange(of: englishBackLabel) {
            if result.isEmpty { result.reserveCapacity(html.count + 16) }
            result += html[start..<found.lowerBound]
            result += chineseBackLabel
            start = found.upperBound
        }
        guard start > 0 else { return html }
        result += html[start...]
        return result
    }

    /// Copies the bytes of a C string that cmark allocated into Swift, then frees it.
    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> [UInt8] {
        guard let pointer else { return [] }
        defer { free(pointer) }
        var bytes: [UInt8] = []
        append(pointer, to: &bytes)
        return bytes
    }

    /// Appends a C string's bytes.
    private static func append(_ pointer: UnsafePointer<CChar>, to bytes: inout [UInt8]) {
        let length = strlen(pointer)
        pointer.withMemoryRebound(to: UInt8.self, capacity: length) { start in
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: length))
        }
    }

    /// The plain text and the headings of the document, in one walk over its nodes.
    ///
    /// Plain text: literal text only (no `~~`, `|` or `#`), blocks separated by a blank line, table
    /// cells by a space. A heading's text: its literal text, line breaks joined. And how many
    /// characters of the plain text are not whitespace. The text as UTF-8 bytes: cmark-gfm's literal
    /// text of valid UTF-8 is valid (entities of no scalar become U+FFFD), and tidying cuts it only
    /// between scalars.
    private static func textAndHeadings(of document: OpaquePointer) -> ([UInt8], [RenderedMarkdown.Heading], Int) {
        let (text, headings) = collectedText(of: document)
        if let (tidied, characters) = text.withUnsafeBufferPointer({ tidiedBytes($0) }) {
            return (tidied, headings, characters)
        }
        let plainText = slowTidyPlainText(String(decoding: text, as: UTF8.self))
        return (Array(plainText.utf8), headings, plainText.reduce(0) { $1.isWhitespace ? $0 : $0 + 1 })
    }

    /// The document's literal text as `textAndHeadings` collects it, before it is tidied, and its headings.
    static func collectedText(of document: OpaquePointer) -> ([UInt8], [RenderedMarkdown.Heading]) {
        var text: [UInt8] = []
        var headings: [RenderedMarkdown.Heading] = []
        var heading: (level: Int, text: [UInt8])?
        guard let iterator = cmark_iter_new(document) else { return ([], []) }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    if let literal = cmark_node_get_literal(node) {
                        append(literal, to: &text)
                        if heading != nil { append(literal, to: &heading!.text) }
                    }
                case CMARK_NODE_CODE_BLOCK:
                    if let literal = cmark_node_get_literal(node) { append(literal, to: &text) }
                case CMARK_NODE_SOFTBREAK:
                    appendLineJoin(&text)
                    if heading != nil { appendLineJoin(&heading!.text) }
                case CMARK_NODE_LINEBREAK:
                    text.append(0x0A)
                    if heading != nil { appendLineJoin(&heading!.text) }
                case CMARK_NODE_HEADING:
                    heading = (Int(cmark_node_get_heading_level(node)), [])
                default:
                    break
                }
            } else if event == CMARK_EVENT_EXIT {
                switch type {
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_CODE_BLOCK,
                     CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_HTML_BLOCK:
                    text.append(contentsOf: [0x0A, 0x0A])
                case CMARK_NODE_HEADING:
                    text.append(contentsOf: [0x0A, 0x0A])
                    if let finished = heading {
                        headings.append(.init(level: finished.level, text: String(decoding: finished.text, as: UTF8.self)))
                    }
                    heading = nil
                case CMARK_NODE_DOCUMENT, CMARK_NODE_LIST, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    break
                default:
                    // Extension nodes (tables, strikethrough) are known by name only.
                    guard let name = cmark_node_get_type_string(node) else { break }
                    if strcmp(name, "table_row") == 0 {
                        text.append(contentsOf: [0x0A, 0x0A])
                    } else if strcmp(name, "table_cell") == 0 {
                        text.append(0x20)
                    }
                }
            }
        }
        return (text, headings)
    }

    /// Joins two source lines: Chinese lines join without a space, Latin words keep one between them.
    static func appendLineJoin(_ bytes: inout [UInt8]) {
        guard let last = bytes.last else { return }
        let isAlphanumeric = (last >= 0x30 && last <= 0x39) || (last | 0x20 >= 0x61 && last | 0x20 <= 0x7A)
        guard isAlphanumeric else { return }
        // An ASCII letter after ASCII (or at the start) is a character of its own; after anything
        // else, ask the character view whether the last character is that letter alone.
        if bytes.count == 1 || bytes[bytes.count - 2] < 0x80 {
            bytes.append(0x20)
            return
        }
        var start = max(0, bytes.count - 64)
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        if let character = String(decoding: bytes[start...], as: UTF8.self).last,
           character.isASCII, character.isLetter || character.isNumber {
            bytes.append(0x20)
        }
    }

    /// Collapses runs of blank lines and trims, so blocks are separated by exactly one blank line.
    static func tidyPlainText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { tidy($0) } ?? slowTidyPlainText(text)
    }

    /// `tidyPlainText` over UTF-8 bytes, for text whose every scalar is a character of its own (so
    /// trimming characters is trimming scalars); `nil` for any other text.
    static func tidy(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        tidiedBytes(bytes).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// `tidy` as UTF-8 bytes, with the number of characters that are not whitespace (the same
    /// before and after: tidying removes whitespace only).
    static func tidiedBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], nonWhitespace: Int)? {
        var index = 0
        var nonWhitespace = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                guard lead >= 0x20 && lead < 0x7F || lead == 0x0A || lead == 0x09 else { return nil }
                if lead != 0x20 && lead != 0x0A && lead != 0x09 { nonWhitespace += 1 }
                index += 1
                continue
            }
            // U+5000–U+9FFF (lead bytes E5–E9) are ideographs, simple without decoding.
            if lead >= 0xE5 && lead <= 0xE9 {
                index += 3
                nonWhitespace += 1
                continue
            }
            var value: UInt32
            let length: Int
            if lead < 0xE0 { value = UInt32(lead & 0x1F); length = 2 } else if lead < 0xF0 { value = UInt32(lead & 0x0F); length = 3 } else { value = UInt32(lead & 0x07); length = 4 }
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            guard isSimple(value) else { return nil }
            // Of the simple scalars beyond ASCII, only U+00A0 and U+3000 are whitespace.
            if value != 0xA0 && value != 0x3000 { nonWhitespace += 1 }
            index += length
        }
        // The simple scalars that are whitespace: tab, space, U+00A0 (C2 A0), U+3000 (E3 80 80).
        func whitespaceLength(at position: Int, end: Int) -> Int {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 { return 1 }
            if byte == 0xC2, position + 1 < end, bytes[position + 1] == 0xA0 { return 2 }
            if byte == 0xE3, position + 2 < end, bytes[position + 1] == 0x80, bytes[position + 2] == 0x80 { return 3 }
            return 0
        }
        func whitespaceLength(before position: Int, start: Int) -> Int {
            let byte = bytes[position - 1]
            if byte == 0x20 || byte == 0x09 { return 1 }
            if byte == 0xA0, position - 2 >= start, bytes[position - 2] == 0xC2 { return 2 }
            if byte == 0x80, position - 3 >= start, bytes[position - 2] == 0x80, bytes[position - 3] == 0xE3 { return 3 }
            return 0
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var blockHasLines = false
        var pendingBlockBreak = false
        var lineStart = 0
        while lineStart <= bytes.count {
            var lineEnd = bytes.count
            if lineStart < bytes.count, let newline = memchr(bytes.baseAddress! + lineStart, 0x0A, bytes.count - lineStart) {
                lineEnd = bytes.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            var first = lineStart
            var last = lineEnd
            while first < last {
                let length = whitespaceLength(at: first, end: last)
                if length == 0 { break }
                first += length
            }
            while last > first {
                let length = whitespaceLength(before: last, start: first)
                if length == 0 { break }
                last -= length
            }
            if first == last {
                if blockHasLines { pendingBlockBreak = true }
                blockHasLines = false
            } else {
                if pendingBlockBreak {
                    result.append(0x0A)
                    result.append(0x0A)
                    pendingBlockBreak = false
                } else if blockHasLines {
                    result.append(0x0A)
                }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[first..<last]))
                blockHasLines = true
            }
            lineStart = lineEnd + 1
        }
        return (result, nonWhitespace)
    }

    /// Whether `scalar` always forms a character on its own: its grapheme-break property is Other
    /// and it is not CR (the same conservative ranges as `NewsModel.TextMetrics.isSimple`; this
    /// module depends on nothing but cmark-gfm, so it keeps its own copy).
    @inline(__always)
    static func isSimple(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x20 && value < 0x7F || value == 0x0A || value == 0x09 }
        // Ideographs first, with a branch of their own (see `TextMetrics.isSimple`).
        if value &- 0x4E00 < 0x5200 { return true }
        return isSimpleBeyondIdeographs(value)
    }

    /// `isSimple` for a scalar that is neither ASCII nor a CJK unified ideograph.
    @inline(never)
    private static func isSimpleBeyondIdeographs(_ value: UInt32) -> Bool {
        switch value {
        case 0x00A0...0x00AC, 0x00AE...0x02FF, 0x2010...0x2027, 0x2030...0x205E, 0x2100...0x21FF, 0x2460...0x24FF,
             0x2500...0x25FF, 0x2600...0x2603, 0x3000...0x3029, 0x3030...0x303F, 0x3041...0x3096, 0x30A0...0x30FF,
             0x3105...0x312F, 0x3200...0x33FF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF01...0xFF9D, 0xFFE0...0xFFE6, 0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }

    private static func slowTidyPlainText(_ text: String) -> String {
        var blocks: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
            if trimmed.isEmpty {
                if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(Substring(trimmed))
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
        return blocks.joined(separator: "\n\n")
    }
}
