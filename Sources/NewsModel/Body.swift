/// The text of a story, in the form its source gave it.
public enum ArticleBody: Sendable, Hashable {
    /// GitHub-flavoured Markdown written by an editor.
    case markdown(String)
    /// Blocks reconstructed from a printed page.
    case blocks([BodyBlock])
}

/// One block of a story read from a printed page.
public enum BodyBlock: Sendable, Hashable {
    /// A body paragraph, column breaks already joined.
    case paragraph(String)
    /// A subheading (小标题) inside the story.
    case subheading(String)
    /// A photo caption.
    case caption(String)

    /// The block's text.
    public var text: String {
        switch self {
        case .paragraph(let text), .subheading(let text), .caption(let text): return text
        }
    }
}

/// Where an article was read from: a file relative to the source folder and its line range.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    /// Path relative to the source folder, with `/` separators.
    public var file: String
    /// First line of the article, 1-based.
    public var firstLine: Int
    /// Last line of the article, 1-based.
    public var lastLine: Int

    /// Creates a span.
    public init(file: String, firstLine: Int, lastLine: Int) {
        self.file = file
        self.firstLine = firstLine
        self.lastLine = lastLine
    }

    /// `file:firstLine`.
    public var description: String { "\(file):\(firstLine)" }
}

/// A URL-safe identifier: lowercase ASCII letters, digits and hyphens.
public struct Slug: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The slug text.
    public let value: String

    /// Accepts `value` only if it is a well-formed slug.
    public init?(_ value: String) {
        // Bytes, not characters: a slug is ASCII, and finding the first and last characters of a
        // string would break it into graphemes (a state holds one slug per story).
        // Read as contiguous bytes: the string's UTF-8 view checks each index it steps through.
        var text = value
        let wellFormed = text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else { return false }
            for byte in bytes where !Slug.allowed(byte) { return false }
            return true
        }
        guard wellFormed else { return nil }
        self.value = text
    }

    /// The slug text.
    public var description: String { value }

    /// Orders slugs by their text.
    public static func < (lhs: Slug, rhs: Slug) -> Bool { lhs.value < rhs.value }

    private static func allowed(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }
}
