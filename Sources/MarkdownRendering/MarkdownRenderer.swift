import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders GitHub-flavoured Markdown with cmark-gfm: tables, strikethrough, autolinks and the tag
/// filter, with raw HTML off (cmark's safe mode also drops `javascript:` and similar links).
///
/// C memory never leaves this type: every node tree and string is freed right after it is copied
/// into Swift.
public struct MarkdownRenderer: Sendable {
    /// The GFM extensions attached to every parser.
    public static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    /// Creates a renderer; registers cmark-gfm's extensions once per process.
    public init() {
        _ = Self.registration
    }

    private static let registration: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    /// cmark-gfm keeps the inline parser's table of special characters in a global that every
    /// parse with extensions adds to and removes from (`cmark_manage_extensions_special_characters`),
    /// so two parses at once corrupt each other (`~~x~~` left unparsed). Parsing is serialised;
    /// rendering the parsed tree touches no global state and runs in parallel.
    private static let parseLock = NSLock()

    /// Renders `markdown` to HTML, plain text and headings.
    public func render(_ markdown: String) -> RenderedMarkdown {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        Self.parseLock.lock()
        guard let parser = cmark_parser_new(options) else {
            Self.parseLock.unlock()
            return RenderedMarkdown(html: "", plainText: "", headings: [])
        }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var source = markdown
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        let finished = cmark_parser_finish(parser)
        Self.parseLock.unlock()
        guard let document = finished else {
            return RenderedMarkdown(html: "", plainText: "", headings: [])
        }
        defer { cmark_node_free(document) }
        let extensions = cmark_parser_get_syntax_extensions(parser)
        let html = Self.take(cmark_render_html(document, options, extensions))
        return RenderedMarkdown(html: html, plainText: Self.plainText(of: document), headings: Self.headings(of: document))
    }

    /// Copies a C string that cmark allocated into Swift, then frees it.
    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func headings(of document: OpaquePointer) -> [RenderedMarkdown.Heading] {
        var headings: [RenderedMarkdown.Heading] = []
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_HEADING else { continue }
            let level = Int(cmark_node_get_heading_level(node))
            headings.append(.init(level: level, text: text(of: node)))
        }
        return headings
    }

    /// The literal text under `node`.
    private static func text(of node: OpaquePointer) -> String {
        var result = ""
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                result += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                appendLineJoin(&result)
            }
        }
        return result
    }

    /// Joins two source lines: Chinese lines join without a space, Latin words keep one between them.
    private static func appendLineJoin(_ text: inout String) {
        if let last = text.last, last.isASCII, last.isLetter || last.isNumber { text += " " }
    }

    /// Block-level node kinds that end a block of plain text.
    private static let blockKinds: Set<String> = [
        "paragraph", "heading", "item", "code_block", "block_quote", "table_row", "thematic_break", "html_block",
    ]

    /// The document's text without markup: literal text only (no `~~`, `|` or `#`), blocks separated
    /// by a blank line, table cells by a space.
    private static func plainText(of document: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(document) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator), let kindPointer = cmark_node_get_type_string(node) else { continue }
            let kind = String(cString: kindPointer)
            if event == CMARK_EVENT_ENTER {
                switch kind {
                case "text", "code", "code_block":
                    if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
                case "softbreak":
                    appendLineJoin(&text)
                case "linebreak":
                    text += "\n"
                default:
                    break
                }
            } else if event == CMARK_EVENT_EXIT {
                if blockKinds.contains(kind) { text += "\n\n" } else if kind == "table_cell" { text += " " }
            }
        }
        return tidyPlainText(text)
    }

    /// Collapses runs of blank lines and trims, so blocks are separated by exactly one blank line.
    static func tidyPlainText(_ text: String) -> String {
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
