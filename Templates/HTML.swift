import Foundation

/// A fragment of HTML whose interpolations are escaped unless they are `HTML` themselves.
///
/// `"<p>\(title)</p>" as HTML` escapes `title`; `"<div>\(body)</div>" as HTML` embeds `body` if it is
/// `HTML`. The only way to wrap unchecked markup is `HTML(unsafeRaw:)`, kept greppable on purpose.
///
/// The markup is kept as UTF-8 bytes: templates append to a byte buffer (a `String` append costs
/// several times more), and a page goes to disk as the bytes it was built in, never validated
/// again as a string. Every byte comes from a Swift string, from escaping one, or from
/// `init(unsafeRawUTF8:)`, so the bytes are always valid UTF-8.
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup's UTF-8 bytes.
    public private(set) var utf8: [UInt8]

    /// The markup.
    public var rendered: String { String(decoding: utf8, as: UTF8.self) }

    /// Wraps markup that is already safe: the output of the Markdown renderer, or a template's own
    /// literal markup. Never pass text that came from a source file.
    public init(unsafeRaw markup: String) { utf8 = Array(markup.utf8) }

    /// `init(unsafeRaw:)` for markup that is UTF-8 bytes already (the Markdown renderer's output).
    /// The bytes must be valid UTF-8.
    public init(unsafeRawUTF8 bytes: [UInt8]) { utf8 = bytes }

    /// An empty fragment.
    public init() { utf8 = [] }

    /// A literal in a template is markup written by us.
    public init(stringLiteral value: String) { utf8 = Array(value.utf8) }

    /// Builds a fragment from a template with interpolations.
    public init(stringInterpolation: Interpolation) { utf8 = stringInterpolation.output }

    /// The markup.
    public var description: String { rendered }

    /// Escapes `text` for use in element content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            guard bytes.contains(where: isSpecial) else { return text }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + bytes.count / 8 + 16)
            appendEscaped(bytes, to: &result)
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Appends `bytes` (UTF-8) to `output` with `& < > " '` escaped.
    ///
    /// The five characters are ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII, so runs
    /// between them are copied whole.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var run = 0
        var index = 0
        while index < count {
            // Eight bytes at a time: passed over whole when none of them is special (Chinese text:
            // none ever is), else looked at one by one.
            let end = min(index + 8, count)
            if end - index == 8, !maySpecial(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index = end
                continue
            }
            while index < end {
                let byte = base[index]
                index += 1
                guard isSpecial(byte) else { continue }
                output.append(contentsOf: UnsafeBufferPointer(start: base + run, count: index - 1 - run))
                output.append(contentsOf: escapes[Int(byte & 0x3F)])
                run = index
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(start: base + run, count: count - run))
    }

    /// The escape of each special character, by its value (all are below 64).
    private static let escapes: [[UInt8]] = (0..<64).map { value in
        switch UInt8(value) {
        case UInt8(ascii: "&"): Array("&amp;".utf8)
        case UInt8(ascii: "<"): Array("&lt;".utf8)
        case UInt8(ascii: ">"): Array("&gt;".utf8)
        case UInt8(ascii: "\""): Array("&quot;".utf8)
        case UInt8(ascii: "'"): Array("&#39;".utf8)
        default: []
        }
    }

    /// One of `& < > " '`: all below 64, so one bit of a 64-bit mask each (two instructions a
    /// byte instead of five comparisons).
    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        let mask: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27
        return byte < 64 && mask >> UInt64(byte) & 1 != 0
    }

    /// Whether one of the eight bytes of `word` may be one of `& < > " '`: never false when one is,
    /// true at times when none is (a borrow between bytes), which costs only a look at each byte.
    @inline(__always)
    private static func maySpecial(_ word: UInt64) -> Bool {
        // All five are below 0x40, and so is no byte of Chinese text.
        guard ByteWord.mayHoldByte(below: 0x40, in: word) else { return false }
        return ByteWord.mayContain(0x26, in: word) || ByteWord.mayContain(0x3C, in: word) || ByteWord.mayContain(0x3E, in: word)
            || ByteWord.mayContain(0x22, in: word) || ByteWord.mayContain(0x27, in: word)
    }

    /// Appends the UTF-8 bytes of `text` to `output`.
    @inline(__always)
    static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    /// Joins fragments.
    public static func joined(_ fragments: [HTML], separator: HTML = HTML()) -> HTML {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fragments.reduce(0) { $0 + $1.utf8.count + separator.utf8.count })
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { bytes += separator.utf8 }
            bytes += fragment.utf8
        }
        return HTML(unsafeRawUTF8: bytes)
    }

    /// Appends another fragment.
    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(unsafeRawUTF8: lhs.utf8 + rhs.utf8) }

    /// Builds the markup of an interpolated template.
    public struct Interpolation: StringInterpolationProtocol, Sendable {
        var output: [UInt8]

        /// Reserves room for the template.
        public init(literalCapacity: Int, interpolationCount: Int) {
            output = []
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// Template text is markup.
        public mutating func appendLiteral(_ literal: String) { HTML.append(literal, to: &output) }

        /// Text is escaped.
        public mutating func appendInterpolation(_ text: String) {
            var text = text
            text.withUTF8 { HTML.appendEscaped($0, to: &output) }
        }

        /// Text is escaped; `nil` adds nothing.
        public mutating func appendInterpolation(_ text: String?) { if let text { appendInterpolation(text) } }

        /// Numbers are written as they are.
        public mutating func appendInterpolation(_ number: Int) { HTML.append(String(number), to: &output) }

        /// A fragment is embedded.
        public mutating func appendInterpolation(_ fragment: HTML) {
            // Room for a large fragment that does not fit comes with a quarter more to spare, for
            // the markup after it: a page's content (a story's body) would otherwise make the page
            // grow to just its size and then again, copied whole, for the next few bytes. A small
            // fragment grows the output as any append does (fragments kept for the whole build,
            // such as a story's list item, keep what room they have).
            let needed = output.count + fragment.utf8.count
            if fragment.utf8.count >= 4096, needed > output.capacity { output.reserveCapacity(needed + needed / 4 + 1024) }
            output += fragment.utf8
        }

        /// A fragment's markup as an XML character data section (a feed entry's content): the
        /// markup as it is, not escaped byte by byte, but for each `]]>`, which would end the
        /// section and so ends it after `]]` and opens another for the `>`.
        public mutating func appendInterpolation(characterData fragment: HTML) {
            HTML.append("<![CDATA[", to: &output)
            fragment.utf8.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return }
                var run = 0
                var index = 0
                // `]` found with memchr: markup rarely has one, so the bytes are mostly passed over
                // many at a time.
                while index + 2 < bytes.count, let found = memchr(base + index, Int32(UInt8(ascii: "]")), bytes.count - 2 - index) {
                    let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                    index = at + 1
                    guard base[at + 1] == UInt8(ascii: "]"), base[at + 2] == UInt8(ascii: ">") else { continue }
                    output.append(contentsOf: UnsafeBufferPointer(start: base + run, count: at + 2 - run))
                    HTML.append("]]><![CDATA[", to: &output)
                    run = at + 2
                    index = at + 3
                }
                output.append(contentsOf: UnsafeBufferPointer(start: base + run, count: bytes.count - run))
            }
            HTML.append("]]>", to: &output)
        }

        /// Fragments are embedded one after another.
        public mutating func appendInterpolation(_ fragments: [HTML]) {
            // A list's items (often dozens) are measured first, so the template grows once, with
            // room left for the markup that closes the list.
            output.reserveCapacity(output.count + fragments.reduce(256) { $0 + $1.utf8.count })
            for fragment in fragments { output += fragment.utf8 }
        }

        /// An optional fragment is embedded if present.
        public mutating func appendInterpolation(_ fragment: HTML?) { if let fragment { output += fragment.utf8 } }
    }
}
