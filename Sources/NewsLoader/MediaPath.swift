import NewsModel

/// Where the pictures and documents of the source folder go in the site, and which references of a
/// Markdown article name one.
///
/// Every media file under the source folder (by extension: `extensions`) is copied as it is to
/// `media/` plus its path under the source folder, so `photos/rally.jpg` is at
/// `media/photos/rally.jpg`. A Markdown article names one by a relative link or image, read from the
/// article's own folder as an editor's Markdown viewer reads it (`![](rally.jpg)` beside the
/// article, `![](../photos/rally.jpg)`); the article's page links to the copy.
public enum MediaPath {
    /// The site folder that holds the copies.
    public static let folder = "media/"

    /// The extensions of media files, in lower case (matched in any case): pictures, documents
    /// and archives, sound, film and its captions. (`.txt` is a page dump, never media.)
    public static let extensions: [StaticString] = [
        "jpg", "jpeg", "png", "gif", "webp", "avif", "svg",
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "wps", "rtf", "csv", "zip", "rar", "7z",
        "mp3", "m4a", "aac", "wav", "ogg", "oga", "opus", "flac",
        "mp4", "m4v", "webm", "mov", "ogv", "vtt",
    ]

    /// A reference resolved to a file of the source folder.
    public struct Target: Sendable, Hashable {
        /// The file's path under the source folder, `/`-separated, percent-decoded.
        public var sourcePath: String
        /// What followed the path in the reference (`?…` or `#…`), kept as written; empty when nothing.
        public var suffix: String

        /// Creates a target.
        public init(sourcePath: String, suffix: String) {
            self.sourcePath = sourcePath
            self.suffix = suffix
        }

        /// The copy's path in the site (`media/…`), as it is named on disk.
        public var sitePath: String { MediaPath.folder + sourcePath }

        /// The copy's address relative to the site's root, each name percent-encoded where a URL
        /// needs it, the suffix kept.
        public var siteURL: String { MediaPath.folder + MediaPath.percentEncoded(sourcePath) + suffix }
    }

    /// The file under the source folder that the relative reference `destination` in the Markdown
    /// file at `markdownPath` names, whatever its kind (one of a kind the site does not publish, a
    /// folder, is a link to nothing from the story's page); `nil` for an absolute URL, a path from
    /// the server's root, a fragment alone, or a path that leaves the source folder.
    static func sourceFile(named destination: String, from markdownPath: String) -> Target? {
        let text = Substring(destination)
        guard let first = text.first, first != "/", first != "#", first != "?", first != "\\", !hasScheme(text) else { return nil }
        let end = text.firstIndex { $0 == "?" || $0 == "#" } ?? text.endIndex
        let (path, suffix) = (text[..<end], text[end...])
        guard !path.isEmpty, let decoded = percentDecoded(path) else { return nil }
        var parts = markdownPath.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        for part in decoded.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "", ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        guard !parts.isEmpty else { return nil }
        return Target(sourcePath: parts.joined(separator: "/"), suffix: String(suffix))
    }

    /// The media file or the Markdown story that `destination`, a link or image destination in the
    /// Markdown file at `markdownPath` (relative to the source folder), names, read from that file's
    /// folder (`../2023/rider.md#第二段`, `photos/rally.jpg`); `isMedia` and `isStory` tell which.
    /// `nil` when it names neither: an absolute URL, a path from the server's root, a fragment
    /// alone, a path that leaves the source folder, or a file of another kind by its extension.
    public static func reference(of destination: String, from markdownPath: String) -> Target? {
        guard let target = sourceFile(named: destination, from: markdownPath), isPublished(target.sourcePath) else { return nil }
        return target
    }

    /// Whether the site publishes the file at `path` when a story names it: a media file, or a
    /// Markdown story (as its page).
    static func isPublished(_ path: String) -> Bool {
        isMedia(path) || isStory(path)
    }

    /// Whether the file at `path` (a name, or a path) has a media extension.
    public static func isMedia(_ path: String) -> Bool {
        guard let suffix = fileExtension(path) else { return false }
        return extensions.contains { $0.description == suffix }
    }

    /// Whether the file at `path` is a Markdown article by its extension (`.md`, `.markdown`, in any case).
    public static func isStory(_ path: String) -> Bool {
        let suffix = fileExtension(path)
        return suffix == "md" || suffix == "markdown"
    }

    /// The extension of the file at `path` in lower case; `nil` when its name has none (`.png`
    /// is a name without one, as for the listing).
    private static func fileExtension(_ path: String) -> String? {
        let name = path[(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return name[name.index(after: dot)...].lowercased()
    }

    /// Whether `text` opens with a URL scheme (`https:`, `mailto:`, `data:`): letters, digits, `+`,
    /// `-` and `.` after a letter, then a colon.
    private static func hasScheme(_ text: Substring) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) }
    }

    /// `text` with each `%XX` read as its byte, and a `%` that opens no such escape read as itself
    /// (`100%.png` is a name, as a browser reads it); `nil` when the bytes are not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count, let high = PercentEncoding.hexValue(utf8[index + 1]),
               let low = PercentEncoding.hexValue(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// `path` with every byte but unreserved ones (RFC 3986) and `/` percent-encoded: a name with
    /// spaces, `%`, `#` or Chinese characters is one address.
    public static func percentEncoded(_ path: String) -> String {
        PercentEncoding.encoded(path) { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }
    }
}
