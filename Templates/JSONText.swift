/// JSON string literals written by hand, for text written by the thousand (the search index's
/// fragments, every article's JSON-LD), where `JSONEncoder` would cost more than the rest of the work.
public enum JSONText {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped
    /// (as `JSONEncoder` does, slashes left alone); everything else as it is, as UTF-8. Runs of
    /// bytes that need no escape are copied at once.
    /// - Parameter scriptSafe: also escape `<`, `>`, `&`, U+2028 and U+2029, so that the literal
    ///   can stand inside a `<script>` element without ending or opening one (JSON-LD).
    public static func appendString(_ text: String, to bytes: inout [UInt8], scriptSafe: Bool = false) {
        var text = text
        text.withUTF8 { appendString(utf8: $0, to: &bytes, scriptSafe: scriptSafe) }
    }

    /// `appendString` for the text whose valid UTF-8 bytes are `utf8`.
    public static func appendString(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], scriptSafe: Bool = false) {
        bytes.append(UInt8(ascii: "\""))
        let count = utf8.count
        var (run, index) = (0, 0)
        func flush() {
            if run < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index])) }
        }
        func escape(_ code: UInt32) {
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "u"))
            for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hex[Int(code >> UInt32(shift) & 0xF)]) }
        }
        // Bytes below 64 that may need an escape, one bit each: control characters and `"`,
        // and for a script `&`, `<` and `>`. At or above 64 only `\` and (for a script) the
        // lead byte of U+2028 and U+2029 may.
        let low: UInt64 = 0xFFFF_FFFF | 1 << 0x22 | (scriptSafe ? 1 << 0x26 | 1 << 0x3C | 1 << 0x3E : 0)
        let scriptLead: UInt8 = scriptSafe ? 0xE2 : UInt8(ascii: "\\")
        let base = UnsafeRawPointer(utf8.baseAddress)
        while index < count {
            // Eight bytes at a time while none of them may need an escape (Chinese text: every
            // byte of it at or above 0x80).
            if let base {
                while index + 8 <= count, !mayNeedEscape(base.loadUnaligned(fromByteOffset: index, as: UInt64.self), scriptSafe: scriptSafe) {
                    index += 8
                }
                guard index < count else { break }
            }
            let byte = utf8[index]
            let plain = byte < 64 ? low >> UInt64(byte) & 1 == 0 : byte != UInt8(ascii: "\\") && byte != scriptLead
            if plain {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                flush()
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x0A, 0x0D, 0x09, 0x08, 0x0C:
                // Each a byte of its own: an array literal here was made on the heap for every
                // line break of every story's text.
                flush()
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte == 0x0A ? UInt8(ascii: "n") : byte == 0x0D ? UInt8(ascii: "r") : byte == 0x09 ? UInt8(ascii: "t")
                             : byte == 0x08 ? UInt8(ascii: "b") : UInt8(ascii: "f"))
            case 0..<0x20:
                flush()
                escape(UInt32(byte))
            case UInt8(ascii: "<") where scriptSafe, UInt8(ascii: ">") where scriptSafe, UInt8(ascii: "&") where scriptSafe:
                flush()
                escape(UInt32(byte))
            case 0xE2 where scriptSafe && index + 2 < count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                flush()
                escape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                index += 3
                run = index
                continue
            default:
                index += 1
                continue
            }
            index += 1
            run = index
        }
        flush()
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether one of the eight bytes of `word` may need an escape: a control character, `"` or
    /// `\`, and for a script `&`, `<`, `>` or the lead byte of U+2028 and U+2029. Never false when
    /// one does; true at times when none does (a borrow between bytes), which costs only a look at
    /// each byte.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64, scriptSafe: Bool) -> Bool {
        if ByteWord.mayHoldByte(below: 0x20, in: word) || ByteWord.mayContain(UInt8(ascii: "\""), in: word)
            || ByteWord.mayContain(UInt8(ascii: "\\"), in: word) { return true }
        return scriptSafe && (ByteWord.mayContain(UInt8(ascii: "&"), in: word) || ByteWord.mayContain(UInt8(ascii: "<"), in: word)
            || ByteWord.mayContain(UInt8(ascii: ">"), in: word) || ByteWord.mayContain(0xE2, in: word))
    }
}
