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
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
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
            for fragment in fragments { output += fragment.rendered }
        }

        /// An optional fragment is embedded if present.
        public mutating func appendInterpolation(_ fragment: HTML?) { if let fragment { output += fragment.rendered } }
    }
}
