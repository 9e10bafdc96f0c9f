/// A fragment of HTML whose interpolations are escaped unless they are `HTML` themselves.
///
/// `"<p>\(title)</p>" as HTML` escapes `title`; `"<div>\(body)</div>" as HTML` embeds `body` if it is
/// `HTML`. The only way to wrap unchecked markup is `HTML(unsafeRaw:)`, kept greppable on purpose.
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    public private(set) var rendered: String

    /// Wraps markup that is already safe: the output of the Markdown renderer, or a template's own
    /// literal markup. Never pass text that came from a source file.
    public init(unsafeRaw markup: String) { rendered = markup }

    /// An empty fragment.
    public init() { rendered = "" }

    /// A literal in a template is markup written by us.
    public init(stringLiteral value: String) { rendered = value }

    /// Builds a fragment from a template with interpolations.
    public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.output }

    /// The markup.
    public var description: String { rendered }

    /// Escapes `text` for use in element content and in quoted attribute values.
    ///
    /// Works on UTF-8 bytes: the five characters are ASCII, and no byte of a multi-byte UTF-8
    /// sequence is ASCII, so runs between them are copied whole, and text without any of them
    /// (most text) is returned as it is.
    public static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            guard let first = bytes.firstIndex(where: isSpecial) else { return text }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + bytes.count / 8 + 32)
            // Runs between special characters are copied whole (markup escaped for a feed is
            // mostly such runs).
            var run = 0
            var index = first
            while index < bytes.count {
                let byte = bytes[index]
                guard isSpecial(byte) else {
                    index += 1
                    continue
                }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                switch byte {
                case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): result.append(contentsOf: "&quot;".utf8)
                default: result.append(contentsOf: "&#39;".utf8)
                }
                index += 1
                run = index
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// One of `& < > " '`: all below 64, so one bit of a 64-bit mask each (two instructions a
    /// byte instead of five comparisons).
    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        let mask: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27
        return byte < 64 && mask >> UInt64(byte) & 1 != 0
    }

    /// Joins fragments.
    public static func joined(_ fragments: [HTML], separator: HTML = HTML()) -> HTML {
        HTML(unsafeRaw: fragments.map(\.rendered).joined(separator: separator.rendered))
    }

    /// Appends another fragment.
    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(unsafeRaw: lhs.rendered + rhs.rendered) }

    /// Builds the markup of an interpolated template.
    public struct Interpolation: StringInterpolationProtocol, Sendable {
        var output: String

        /// Reserves room for the template.
        public init(literalCapacity: Int, interpolationCount: Int) {
            output = ""
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// Template text is markup.
        public mutating func appendLiteral(_ literal: String) { output += literal }

        /// Text is escaped.
        public mutating func appendInterpolation(_ text: String) { output += HTML.escape(text) }

        /// Text is escaped; `nil` adds nothing.
        public mutating func appendInterpolation(_ text: String?) { if let text { output += HTML.escape(text) } }

        /// Numbers are written as they are.
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }

        /// A fragment is embedded.
        public mutating func appendInterpolation(_ fragment: HTML) { output += fragment.rendered }

        /// Fragments are embedded one after another.
        public mutating func appendInterpolation(_ fragments: [HTML]) {
            // A list's items (often dozens) are measured first, so the template grows once, with
            // room left for the markup that closes the list.
            output.reserveCapacity(output.utf8.count + fragments.reduce(256) { $0 + $1.rendered.utf8.count })
            for fragment in fragments { output += fragment.rendered }
        }

        /// An optional fragment is embedded if present.
        public mutating func appendInterpolation(_ fragment: HTML?) { if let fragment { output += fragment.rendered } }
    }
}
