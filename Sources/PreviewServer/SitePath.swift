import NewsModel

/// Turns the path of a request into the site-relative path of a file the build produced.
///
/// The preview serves from memory, so there is no file system to escape; the checks are still
/// strict, because an editor's browser must see exactly what a static host would serve and tools
/// probing for traversal must get a clear refusal rather than a lucky match.
enum SitePath {
    /// What a request path means.
    enum Resolution: Equatable, Sendable {
        /// Serve the file at this site-relative path (`index.html`, `articles/x/index.html`, …), if the build has it.
        case file(String)
        /// A folder asked for without its trailing slash: redirect to `location`.
        case redirect(String)
        /// Malformed or a traversal attempt (`..`, encoded `/` or `\`, NUL, backslash): answer 400.
        case badRequest
    }

    /// Resolves the raw (still percent-encoded) `path` of a request against the set of files.
    /// - Parameters:
    ///   - rawPath: the request target's path, without the query.
    ///   - query: the query, kept on a redirect.
    ///   - exists: whether the build produced a file at a site-relative path.
    static func resolve(_ rawPath: String, query: String? = nil, exists: (String) -> Bool) -> Resolution {
        guard let segments = segments(of: rawPath) else { return .badRequest }
        let relative = segments.joined(separator: "/")
        if rawPath.hasSuffix("/") {
            return .file(relative.isEmpty ? "index.html" : relative + "/index.html")
        }
        if !exists(relative), exists(relative + "/index.html") {
            let suffix = query.map { $0.isEmpty ? "" : "?" + $0 } ?? ""
            return .redirect(rawPath + "/" + suffix)
        }
        return .file(relative)
    }

    /// The decoded path segments, or `nil` when the path must be refused.
    ///
    /// Refused: a path not starting with `/`; a backslash, NUL or other control character, raw or
    /// percent-encoded; an encoded `/` (`%2f`) or `\` (`%5c`), which would let a segment smuggle a
    /// separator; a `.` or `..` segment, raw or encoded (`%2e%2e`); an empty segment (`//`); bad
    /// percent-encoding or bytes that are not UTF-8.
    static func segments(of rawPath: String) -> [String]? {
        let bytes = Array(rawPath.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count <= maximumLength else { return nil }
        var segments: [String] = []
        var current: [UInt8] = []
        var index = 1
        func finishSegment() -> Bool {
            guard !current.isEmpty, current != [0x2e], current != [0x2e, 0x2e],
                  let text = String(validating: current, as: UTF8.self) else { return false }
            segments.append(text)
            current.removeAll(keepingCapacity: true)
            return true
        }
        while index < bytes.count {
            var byte = bytes[index]
            if byte == UInt8(ascii: "/") {
                guard finishSegment() else { return nil }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = PercentEncoding.hexValue(bytes[index + 1]), let low = PercentEncoding.hexValue(bytes[index + 2]) else { return nil }
                byte = high << 4 | low
                if byte == UInt8(ascii: "/") { return nil }
                index += 3
            } else {
                index += 1
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7f { return nil }
            current.append(byte)
        }
        if !current.isEmpty {
            guard finishSegment() else { return nil }
        }
        return segments
    }

    /// Longer request paths are refused outright; no page of the site comes close.
    static let maximumLength = 2048
}
