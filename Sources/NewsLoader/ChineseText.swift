import Foundation
import NewsModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Character classes and small text operations that Chinese newspaper text needs.
enum ChineseText {
    /// Punctuation that can end a sentence.
    static let sentenceFinal: Set<Character> = ["。", "！", "？", "!", "?", "…", "；", ";"]
    /// Closing quotes and brackets that may follow sentence-final punctuation.
    static let closers: Set<Character> = ["”", "’", "」", "』", "）", ")", "》", "\""]
    /// Punctuation that cannot end a sentence, only pause it.
    static let pauses: Set<String> = ["，", ",", "、", "：", ":", "——", "—"]

    /// The first scalar of the UTF-8 `bytes`, and whether it is the only one; `nil` when they do not
    /// start with a well-formed scalar. The loader's tables are read as bytes, a field at a time.
    static func leadingScalar(of bytes: some Sequence<UInt8>) -> (scalar: Unicode.Scalar, isOnly: Bool)? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        if case .emptyInput = decoder.decode(&iterator) { return (scalar, true) }
        return (scalar, false)
    }

    /// `leadingScalar(of:)` for bytes in memory: a scalar of three bytes whose lead byte admits no
    /// overlong form and no surrogate (E1–EC, EE, EF: every ideograph of the Basic Multilingual
    /// Plane) is read at once; anything else as the generic reading does.
    static func leadingScalar(of bytes: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, isOnly: Bool)? {
        if bytes.count >= 3, bytes[0] &- 0xE1 < 12 || bytes[0] >= 0xEE && bytes[0] <= 0xEF,
           bytes[1] & 0xC0 == 0x80, bytes[2] & 0xC0 == 0x80,
           let scalar = Unicode.Scalar(UInt32(bytes[0] & 0x0F) << 12 | UInt32(bytes[1] & 0x3F) << 6 | UInt32(bytes[2] & 0x3F)) {
            return (scalar, bytes.count == 3)
        }
        return leadingScalar(of: bytes.lazy)
    }

    /// True when `text` ends a sentence: final punctuation, optionally followed by closing quotes.
    static func endsSentence(_ text: String) -> Bool {
        var scalars = Substring(text)
        while let last = scalars.last, closers.contains(last) { scalars = scalars.dropLast() }
        guard let last = scalars.last else { return false }
        return sentenceFinal.contains(last)
    }

    /// True for a Han ideograph (CJK Unified Ideographs and extension A).
    static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return false }
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2A6DF: return true
        default: return false
        }
    }

    /// Trims white space (including the ideographic space U+3000) and folds inner runs to one space.
    /// Over UTF-8 bytes while each scalar is a character of its own (see `TextMetrics`), else over
    /// characters.
    static func tidy(_ line: Substring) -> String {
        var line = line
        var pendingSpace = false
        let fast = line.withUTF8 { bytes in
            rewrittenSimpleScalars(bytes) { value, scalar, result in
                if let value, TextMetrics.isSimpleWhitespace(value) {
                    pendingSpace = !result.isEmpty
                    return
                }
                if pendingSpace { result.append(UInt8(ascii: " ")) }
                pendingSpace = false
                result.append(contentsOf: scalar)
            }
        }
        return fast ?? tidyCharacters(line)
    }

    /// The UTF-8 `bytes` rewritten a scalar at a time by `body`, which is given each scalar's value
    /// (`nil` for an ideograph of U+5000–U+9FFF, not decoded), its bytes, and the bytes written so
    /// far; `nil` as soon as a scalar is not a character of its own (see `TextMetrics.isSimple`).
    private static func rewrittenSimpleScalars(_ bytes: UnsafeBufferPointer<UInt8>,
                                               _ body: (UInt32?, UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let start = index
            var value: UInt32?
            if TextMetrics.isIdeographLead(bytes[index]) {
                index += 3
            } else {
                let decoded = TextMetrics.decode(bytes, &index)
                guard TextMetrics.isSimple(decoded) else { return nil }
                value = decoded
            }
            body(value, UnsafeBufferPointer(rebasing: bytes[start..<index]), &result)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `tidy`, a character at a time.
    static func tidyCharacters(_ line: Substring) -> String {
        var result = ""
        result.reserveCapacity(line.utf8.count)
        var pendingSpace = false
        for character in line {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// Removes spaces and punctuation, for comparing lines that an OCR pass repeated with small differences.
    /// Over UTF-8 bytes while each scalar is a character of its own (see `TextMetrics`), else over
    /// characters.
    static func comparable(_ text: String) -> String {
        var copy = text
        let fast = copy.withUTF8 { bytes in
            rewrittenSimpleScalars(bytes) { value, scalar, result in
                if let value, isDropped(value) { return }
                result.append(contentsOf: scalar)
            }
        }
        return fast ?? String(text.filter { !$0.isWhitespace && !$0.isPunctuation })
    }

    /// Whether `comparable` drops the simple scalar `value`: white space or punctuation.
    private static func isDropped(_ value: UInt32) -> Bool {
        if value &- 0x4E00 < 0x5200 { return false }   // an ideograph
        if TextMetrics.isSimpleWhitespace(value) { return true }
        switch Unicode.Scalar(value)?.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// `text.contains(part)` (Foundation's, which compares characters up to canonical equivalence):
    /// among UTF-8 bytes when both are plain (see `isPlain`), for then equivalent text is the same
    /// bytes; else by Foundation, which bridges both to CFString and folds every character cluster.
    /// One difference: a part ending in NUL is looked for whole, where this system's Foundation
    /// ignores its trailing NULs (or stops the program); the loader refuses text with NUL before.
    static func contains(_ text: String, _ part: String) -> Bool {
        var text = text
        var part = part
        let found: Bool? = text.withUTF8 { haystack in
            part.withUTF8 { needle in
                guard isPlain(haystack), isPlain(needle) else { return nil }
                guard let base = haystack.baseAddress, let first = needle.first, needle.count <= haystack.count else { return false }
                // Candidates are found by their first byte, then compared whole.
                let last = haystack.count - needle.count
                var start = 0
                while start <= last, let found = memchr(base + start, Int32(first), last - start + 1) {
                    start = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                    if memcmp(base + start, needle.baseAddress!, needle.count) == 0 { return true }
                    start += 1
                }
                return false
            }
        }
        return found ?? text.contains(part)
    }

    /// Whether every scalar of the UTF-8 `bytes` is plain: a character of its own, with no canonical
    /// decomposition and no combining class (ASCII but CR, `·`, CJK ideographs, general, CJK and
    /// full-width punctuation, shapes such as `■`). Text of plain scalars is canonically equivalent
    /// only to the same scalars.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if TextMetrics.isIdeographLead(bytes[index]) {
                index += 3
                continue
            }
            switch TextMetrics.decode(bytes, &index) {
            case 0x00...0x0C, 0x0E...0x7F, 0xB7, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x2010...0x2027, 0x2030...0x205E,
                 0x25A0...0x25FF, 0x3000...0x3029, 0x3030...0x303F, 0xFF01...0xFF5E: continue
            default: return false
            }
        }
        return true
    }

    /// Traditional forms of the characters bylines, credits and mastheads use, and their simplified
    /// forms.
    static let traditionalMarkers: [Character: Character] = [
        "報": "报", "訊": "讯", "記": "记", "員": "员", "攝": "摄", "據": "据", "導": "导", "圖": "图", "責": "责", "編": "编",
        "農": "农", "曆": "历", "總": "总", "號": "号", "郵": "邮", "發": "发", "電": "电", "網": "网", "線": "线", "熱": "热",
        "廣": "广", "話": "话", "國": "国", "內": "内", "統": "统", "連": "连", "續": "续", "際": "际", "準": "准",
    ]

    /// The scalars of a character equal to a key of `traditionalMarkers`: the keys, and the
    /// compatibility ideographs canonically equivalent to one (U+2F84B 圖, U+2F857 報, U+F98B 曆,
    /// U+F99A 連, U+2F814 內). Text with none of them has no marker to fold, known without hashing
    /// each of its characters.
    static let traditionalMarkerScalars: [UInt32] =
        traditionalMarkers.keys.flatMap(\.unicodeScalars).map(\.value) + [0x2F84B, 0x2F857, 0xF98B, 0xF99A, 0x2F814]

    /// `traditionalMarkerScalars` as bits, one per scalar up to the last of them: a page's every
    /// line is looked through for them (its masthead may be in traditional characters), a bit test
    /// a scalar rather than a search of the list.
    private static let traditionalMarkerBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: Int((traditionalMarkerScalars.max() ?? 0) >> 6) + 1)
        for value in traditionalMarkerScalars { bits[Int(value >> 6)] |= 1 << UInt64(value & 63) }
        return bits
    }()

    /// Whether the scalar `value` is one of `traditionalMarkerScalars`.
    @inline(__always)
    static func isTraditionalMarkerScalar(_ value: UInt32) -> Bool {
        let word = Int(value >> 6)
        return word < traditionalMarkerBits.count && traditionalMarkerBits[word] >> UInt64(value & 63) & 1 == 1
    }

    /// `text` with the traditional forms of byline and credit characters folded to simplified, one
    /// character for one, so offsets in the folded text are offsets in the original.
    static func simplifiedMarkers(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isTraditionalMarkerScalar($0.value) }),
              text.contains(where: { traditionalMarkers[$0] != nil }) else { return text }
        return String(text.map { traditionalMarkers[$0] ?? $0 })
    }

    /// Half-width punctuation that Chinese text sets in full width.
    static let fullWidthForms: [Character: Character] = [
        ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
    ]

    /// The full-width form of each ASCII scalar that has one (`fullWidthForms`), by its value.
    static let fullWidthOfASCII: [Unicode.Scalar?] = (0..<128).map { value in
        fullWidthForms[Character(Unicode.Scalar(UInt8(value)))]?.unicodeScalars.first
    }

    /// The scalars of a character equal to a key of `fullWidthForms`: the keys, and U+037E (Greek
    /// question mark, canonically a semicolon). Text with none of them has nothing to set in full
    /// width, known without hashing each of its characters.
    static let halfWidthScalars: [UInt32] = fullWidthForms.keys.flatMap(\.unicodeScalars).map(\.value) + [0x037E]

    /// Sets half-width punctuation next to Chinese text in its full-width form (`你好,世界` →
    /// `你好，世界`), dropping the spaces a scan left around it. Words, numbers (`5:30`, `1,000`)
    /// and Latin text are left as they are.
    static func displayPunctuation(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { halfWidthScalars.contains($0.value) }) else { return text }
        // Every scalar a character of its own: the half-width form found is a character, and the
        // text is set a scalar at a time, no character hashed.
        if text.unicodeScalars.allSatisfy(TextMetrics.isSimple) { return displayPunctuation(scalars: Array(text.unicodeScalars)) }
        guard text.contains(where: { fullWidthForms[$0] != nil }) else { return text }
        return displayPunctuation(characters: Array(text))
    }

    /// `displayPunctuation`, a character at a time.
    static func displayPunctuation(characters: [Character]) -> String {
        String(settingFullWidth(characters, wide: { fullWidthForms[$0] }, isWhitespace: \.isWhitespace, isChinese: isChineseContext,
                                space: " ", openingParenthesis: "（"))
    }

    /// `displayPunctuation` of text whose every scalar is a character of its own (see
    /// `TextMetrics`), a scalar at a time: none of them is canonically equivalent to a half-width
    /// form (U+037E is not simple), and a scalar's white space is its character's.
    static func displayPunctuation(scalars: [Unicode.Scalar]) -> String {
        let fullWidthOfASCII = Self.fullWidthOfASCII
        var result = String.UnicodeScalarView()
        result.append(contentsOf: settingFullWidth(scalars, wide: { $0.isASCII ? fullWidthOfASCII[Int($0.value)] : nil },
                                                   isWhitespace: { TextMetrics.isSimpleWhitespace($0.value) }, isChinese: isChineseContext,
                                                   space: " ", openingParenthesis: "（"))
        return String(result)
    }

    /// `items` (characters, or scalars that are characters of their own) with each that has a
    /// full-width form (`wide`) next to Chinese (`isChinese`, past white space either side) set in
    /// that form, the white space before it dropped, and the spaces after it but after `（`.
    private static func settingFullWidth<Item: Equatable>(_ items: [Item], wide: (Item) -> Item?, isWhitespace: (Item) -> Bool,
                                                          isChinese: (Item) -> Bool, space: Item, openingParenthesis: Item) -> [Item] {
        var result: [Item] = []
        result.reserveCapacity(items.count)
        var index = 0
        while index < items.count {
            let item = items[index]
            if let wide = wide(item) {
                let previous = result.last { !isWhitespace($0) }
                let next = items[(index + 1)...].first { !isWhitespace($0) }
                if previous.map(isChinese) ?? false || next.map(isChinese) ?? false {
                    while let last = result.last, isWhitespace(last) { result.removeLast() }
                    result.append(wide)
                    index += 1
                    if wide != openingParenthesis { while index < items.count, items[index] == space { index += 1 } }
                    continue
                }
            }
            result.append(item)
            index += 1
        }
        return result
    }

    /// `isChineseContext` of the character that is `scalar` alone.
    static func isChineseContext(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2A6DF: return true
        case 0x3000...0x303F, 0xFF00...0xFFEF: return true
        default: return chineseContextPunctuation.unicodeScalars.contains(scalar)
        }
    }

    /// Punctuation outside the CJK blocks that sets text around it as Chinese.
    private static let chineseContextPunctuation = "“”‘’《》「」『』…—"

    /// A Han character or full-width punctuation: text around it is Chinese.
    static func isChineseContext(_ character: Character) -> Bool {
        if isHan(character) { return true }
        guard let scalar = character.unicodeScalars.first else { return false }
        return (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFFEF).contains(scalar.value)
            || chineseContextPunctuation.contains(character)
    }
}
