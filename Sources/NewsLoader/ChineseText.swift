import Foundation

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
    static func tidy(_ line: Substring) -> String {
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
    static func comparable(_ text: String) -> String {
        String(text.filter { !$0.isWhitespace && !$0.isPunctuation })
    }

    /// Traditional forms of the characters bylines and credits use, and their simplified forms.
    static let traditionalMarkers: [Character: Character] = [
        "報": "报", "訊": "讯", "記": "记", "員": "员", "攝": "摄", "據": "据", "導": "导", "圖": "图", "責": "责", "編": "编",
    ]

    /// `text` with the traditional forms of byline and credit characters folded to simplified, one
    /// character for one, so offsets in the folded text are offsets in the original.
    static func simplifiedMarkers(_ text: String) -> String {
        guard text.contains(where: { traditionalMarkers[$0] != nil }) else { return text }
        return String(text.map { traditionalMarkers[$0] ?? $0 })
    }

    /// Half-width punctuation that Chinese text sets in full width.
    static let fullWidthForms: [Character: Character] = [
        ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
    ]

    /// Sets half-width punctuation next to Chinese text in its full-width form (`你好,世界` →
    /// `你好，世界`), dropping the spaces a scan left around it. Words, numbers (`5:30`, `1,000`)
    /// and Latin text are left as they are.
    static func displayPunctuation(_ text: String) -> String {
        guard text.contains(where: { fullWidthForms[$0] != nil }) else { return text }
        let characters = Array(text)
        var result: [Character] = []
        result.reserveCapacity(characters.count)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if let wide = fullWidthForms[character] {
                let previous = result.last { !$0.isWhitespace }
                let next = characters[(index + 1)...].first { !$0.isWhitespace }
                let chinesePrevious = previous.map(isChineseContext) ?? false
                let chineseNext = next.map(isChineseContext) ?? false
                if chinesePrevious || chineseNext {
                    while result.last?.isWhitespace == true { result.removeLast() }
                    result.append(wide)
                    index += 1
                    if wide != "（" { while index < characters.count, characters[index] == " " { index += 1 } }
                    continue
                }
            }
            result.append(character)
            index += 1
        }
        return String(result)
    }

    /// A Han character or full-width punctuation: text around it is Chinese.
    private static func isChineseContext(_ character: Character) -> Bool {
        if isHan(character) { return true }
        guard let scalar = character.unicodeScalars.first else { return false }
        return (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFFEF).contains(scalar.value)
            || "“”‘’《》「」『』…—".contains(character)
    }
}
