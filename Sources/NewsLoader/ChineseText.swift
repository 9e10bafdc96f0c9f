import Foundation

/// Character classes and small text operations that Chinese newspaper text needs.
enum ChineseText {
    /// Punctuation that can end a sentence.
    static let sentenceFinal: Set<Character> = ["。", "！", "？", "!", "?", "…", "；", ";"]
    /// Closing quotes and brackets that may follow sentence-final punctuation.
    static let closers: Set<Character> = ["”", "’", "」", "』", "）", ")", "》", "\""]
    /// Punctuation that cannot end a sentence, only pause it.
    static let pauses: Set<String> = ["，", ",", "、", "：", ":", "——", "—"]

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
}
