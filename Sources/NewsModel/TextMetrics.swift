/// Character-level measures of text (counting, cutting, flattening lines) that give exactly what
/// Swift's `Character` view gives, at the speed of a scan over UTF-8 bytes for ordinary text.
///
/// Grapheme breaking is what makes `String.count` slow on Chinese text, yet for nearly every
/// scalar in a news story (CJK ideographs, CJK and full-width punctuation, Latin letters and
/// digits) each scalar is a character of its own. A scalar is *simple* when its grapheme-break
/// property is Other (no rule of UAX #29 joins it to a neighbour) and it is none of CR, NEL, the line
/// and paragraph separators: then `Character(scalar)` is the whole character and its
/// `isWhitespace` and `isNewline` are the scalar's. Whenever text holds a scalar that is not known
/// to be simple (combining marks, emoji sequences, CR LF…), these functions fall back to the
/// `Character` view, so their results never differ from it.
public enum TextMetrics {
    /// Whether `scalar` always forms a character on its own (see the type's discussion).
    public static func isSimple(_ scalar: Unicode.Scalar) -> Bool { isSimple(scalar.value) }

    /// Deliberately conservative: only ranges whose grapheme-break property is Other throughout.
    @inlinable @inline(__always)
    public static func isSimple(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x20 && value < 0x7F || value == 0x0A || value == 0x09 }
        // Ideographs first, with a branch of their own: most scalars of Chinese text are, and the
        // compiler would otherwise fold this test into the vector compare of every range below.
        if value &- 0x4E00 < 0x5200 { return true }
        return isSimpleBeyondIdeographs(value)
    }

    /// `isSimple` for a scalar that is neither ASCII nor a CJK unified ideograph.
    @usableFromInline @inline(never)
    static func isSimpleBeyondIdeographs(_ value: UInt32) -> Bool {
        switch value {
        case 0x00A0...0x00AC, 0x00AE...0x02FF: return true            // Latin-1 (not the soft hyphen), Latin Extended, IPA, spacing modifiers
        case 0x2010...0x2027, 0x2030...0x205E: return true             // dashes, quotes, ellipsis, primes, ※ …
        case 0x2100...0x218F, 0x2190...0x21FF, 0x2460...0x24FF: return true // letterlike, number forms, arrows, enclosed numbers
        case 0x2500...0x25FF, 0x2600...0x2603, 0x3000...0x3029, 0x3030...0x303F: return true // box drawing, shapes (■), CJK symbols and punctuation
        case 0x3041...0x3096, 0x30A0...0x30FF, 0x3105...0x312F: return true // kana, bopomofo
        case 0x3200...0x33FF, 0x3400...0x4DBF: return true // enclosed CJK, CJK compatibility, ideographs of extension A
        case 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF01...0xFF9D, 0xFFE0...0xFFE6: return true // compatibility ideographs, CJK forms, full-width forms
        case 0x20000...0x2FA1F: return true                            // ideographs beyond the BMP
        default: return false
        }
    }

    /// Whether a simple scalar is whitespace: of the simple scalars only tab, line feed, space,
    /// no-break space and the ideographic space are (checked against the Unicode data by the tests).
    @inlinable @inline(__always)
    public static func isSimpleWhitespace(_ value: UInt32) -> Bool {
        value == 0x20 || value == 0x0A || value == 0x09 || value == 0xA0 || value == 0x3000
    }

    /// Whether `byte` leads the UTF-8 of a scalar in U+5000–U+9FFF: an ideograph, simple and not
    /// whitespace, three bytes long, known without decoding it.
    @inlinable @inline(__always)
    public static func isIdeographLead(_ byte: UInt8) -> Bool { byte &- 0xE5 < 5 }

    /// Decodes the scalar at `index` of valid UTF-8 and moves `index` past it.
    @inlinable @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt32 {
        let lead = UInt32(bytes[index])
        if lead < 0x80 {
            index += 1
            return lead
        }
        if lead < 0xE0 {
            defer { index += 2 }
            return (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
        }
        if lead < 0xF0 {
            defer { index += 3 }
            return (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        }
        defer { index += 4 }
        return (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
    }

    /// `text.unicodeScalars.count`, counted over UTF-8 bytes: every byte but a continuation
    /// byte (`10xxxxxx`) starts a scalar. Eight bytes at a time: a continuation byte is one whose
    /// top bit is set and whose next bit is clear.
    public static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { scalarCount(utf8: $0) }
    }

    /// `scalarCount` of the text whose valid UTF-8 bytes are `bytes`.
    public static func scalarCount(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080
        var continuations = 0
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            continuations &+= (word & ~(word &<< 1) & high).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 == 0x80 { continuations &+= 1 }
            index += 1
        }
        return bytes.count - continuations
    }

    /// `text.count`.
    public static func characterCount(_ text: String) -> Int {
        var text = text
        let fast: Int? = text.withUTF8 { bytes in
            var count = 0
            var index = 0
            while index < bytes.count {
                if isIdeographLead(bytes[index]) {
                    index += 3
                } else {
                    guard isSimple(decode(bytes, &index)) else { return nil }
                }
                count += 1
            }
            return count
        }
        return fast ?? text.count
    }

    /// Whether `text` has `count` characters or more: `text.count >= count`, without counting the
    /// rest. Over the scalars while each is a character of its own (the first `count` scalars, when
    /// simple, begin as many characters).
    public static func hasCharacters(_ text: String, atLeast count: Int) -> Bool {
        var text = text
        let fast: Bool? = text.withUTF8 { bytes in
            var (counted, index) = (0, 0)
            while counted < count, index < bytes.count {
                if isIdeographLead(bytes[index]) {
                    index += 3
                } else {
                    guard isSimple(decode(bytes, &index)) else { return nil }
                }
                counted += 1
            }
            return counted >= count
        }
        return fast ?? (text.prefix(count).count == count)
    }

    /// The number of characters of `text` that are not whitespace:
    /// `text.reduce(0) { $1.isWhitespace ? $0 : $0 + 1 }`.
    public static func nonWhitespaceCount(_ text: String) -> Int {
        var text = text
        let fast: Int? = text.withUTF8 { bytes in
            var count = 0
            var index = 0
            while index < bytes.count {
                if isIdeographLead(bytes[index]) {
                    index += 3
                    count += 1
                    continue
                }
                let value = decode(bytes, &index)
                guard isSimple(value) else { return nil }
                if !isSimpleWhitespace(value) { count += 1 }
            }
            return count
        }
        return fast ?? text.reduce(0) { $1.isWhitespace ? $0 : $0 + 1 }
    }

    /// The lines of `text` joined by `separator`, empty lines dropped, cut to at most `limit`
    /// characters: `String(text.split(whereSeparator: \.isNewline).joined(separator: separator).prefix(limit))`,
    /// with whether anything was cut (`flat.count > limit`).
    ///
    /// Reads only as far as it needs, so a summary of a long story costs what the summary costs.
    /// `separator` must be empty or one simple scalar.
    public static func flattenedPrefix(_ text: String, separator: String, limit: Int) -> (text: String, truncated: Bool) {
        var separatorBytes = Array(separator.utf8)
        if separator.unicodeScalars.count > 1 || !separator.unicodeScalars.allSatisfy(isSimple) { separatorBytes = [] }
        guard separatorBytes.count == separator.utf8.count else { return slowFlattenedPrefix(text, separator: separator, limit: limit) }
        var text = text
        let fast: (String, Bool)? = text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(min(bytes.count, limit * 4 + 8))
            // The bytes kept are copied a run at a time: a run ends where a line feed was left out.
            var (runStart, runEnd) = (0, 0)
            func flush() {
                if runEnd > runStart { result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<runEnd])) }
                runStart = runEnd
            }
            var count = 0
            var pendingBreak = false
            var started = false
            var index = 0
            while index < bytes.count {
                let start = index
                let value = decode(bytes, &index)
                guard isSimple(value) else { return nil }
                if value == 0x0A {
                    if started { pendingBreak = true }
                    continue
                }
                if runEnd != start {
                    flush()
                    (runStart, runEnd) = (start, start)
                }
                if pendingBreak {
                    if !separatorBytes.isEmpty {
                        if count == limit { return (String(decoding: result, as: UTF8.self), true) }
                        result.append(contentsOf: separatorBytes)
                        count += 1
                    }
                    pendingBreak = false
                }
                if count == limit {
                    flush()
                    return (String(decoding: result, as: UTF8.self), true)
                }
                runEnd = index
                count += 1
                started = true
            }
            flush()
            return (String(decoding: result, as: UTF8.self), false)
        }
        if let fast { return (fast.0, fast.1) }
        return slowFlattenedPrefix(text, separator: separator, limit: limit)
    }

    private static func slowFlattenedPrefix(_ text: String, separator: String, limit: Int) -> (text: String, truncated: Bool) {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: separator)
        guard flat.count > limit else { return (flat, false) }
        return (String(flat.prefix(limit)), true)
    }
}
