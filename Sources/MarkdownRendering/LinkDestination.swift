import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a link or an image of a Markdown document points, as written, and on which line.
public struct LinkDestination: Sendable, Hashable {
    /// The destination as cmark read it (entities and backslash escapes resolved).
    public var url: String
    /// The 1-based line of the Markdown text the link or image is on (its paragraph's first line
    /// when cmark gives none of its own).
    public var line: Int
    /// Whether it is an image (`![alt](url)`), not a link.
    public var isImage: Bool

    /// Creates a destination.
    public init(url: String, line: Int, isImage: Bool) {
        self.url = url
        self.line = line
        self.isImage = isImage
    }

    /// Whether `bytes` can hold a link or image with a destination: an inline one needs `](`, a
    /// reference definition `]:`. (An autolink's destination has a scheme: never the site's own.)
    /// Most stories have neither and are not walked.
    static func mayHoldLinks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var position = 0
        while position < bytes.count, let found = memchr(base + position, Int32(UInt8(ascii: "]")), bytes.count - position) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "(") || bytes[index + 1] == UInt8(ascii: ":") { return true }
            position = index + 1
        }
        return false
    }

    /// Every link and image of `document`, in document order.
    static func all(in document: OpaquePointer) -> [LinkDestination] {
        var found: [LinkDestination] = []
        walk(document) { node, isImage in
            guard let url = cmark_node_get_url(node) else { return }
            found.append(LinkDestination(url: String(cString: url), line: line(of: node), isImage: isImage))
        }
        return found
    }

    /// Gives each link and image of `document` the destination `rewrite` makes of its own, where it
    /// makes one (none is rewritten without `rewrite`). Returns the first image's destination, as
    /// rewritten.
    static func rewrite(in document: OpaquePointer, _ rewrite: ((String) -> String?)?) -> String? {
        var firstImage: String?
        walk(document) { node, isImage in
            guard let url = cmark_node_get_url(node) else { return }
            var destination: String?
            if let rewrite, let replacement = rewrite(String(cString: url)) {
                _ = cmark_node_set_url(node, replacement)
                destination = replacement
            }
            if isImage, firstImage == nil { firstImage = destination ?? String(cString: url) }
        }
        return firstImage
    }

    /// Calls `visit` with each link and image node of `document` as the walk enters it.
    private static func walk(_ document: OpaquePointer, _ visit: (OpaquePointer, Bool) -> Void) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { visit(node, type == CMARK_NODE_IMAGE) }
        }
    }

    /// The node's line, or that of the nearest block around it that has one.
    private static func line(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let here = current {
            let line = Int(cmark_node_get_start_line(here))
            if line > 0 { return line }
            current = cmark_node_parent(here)
        }
        return 1
    }
}
