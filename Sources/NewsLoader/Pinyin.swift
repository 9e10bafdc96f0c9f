/// Reads Chinese text as toneless pinyin, phrase-aware, for ASCII URL slugs.
///
/// A character-by-character transform reads polyphones wrong (长兴 → zhang xing, 银行 → yin xing).
/// This reader matches the longest phrase from a phrase table first and falls back to each
/// character's common reading. Both tables are generated from pypinyin's dictionaries by
/// `scripts/gen-pinyin.py`.
public struct Pinyin: Sendable {
    private let characters: [Character: String]
    private let phrases: [String: [String]]
    /// The length of the longest phrase that starts with each character that starts one.
    private let longestPhraseStarting: [Character: Int]

    /// Builds a reader from the two TSV tables (`char<TAB>reading`, `phrase<TAB>reading reading …`).
    public init(charactersTSV: String, phrasesTSV: String) {
        var characters: [Character: String] = [:]
        characters.reserveCapacity(32_768)
        for (key, value) in Self.rows(charactersTSV) {
            guard let character = key.first, key.count == 1 else { continue }
            characters[character] = String(value)
        }
        var phrases: [String: [String]] = [:]
        phrases.reserveCapacity(8_192)
        var longest: [Character: Int] = [:]
        for (key, value) in Self.rows(phrasesTSV) {
            let readings = value.split(separator: " ").map(String.init)
            guard readings.count == key.count, let first = key.first else { continue }
            phrases[String(key)] = readings
            longest[first] = max(longest[first] ?? 0, readings.count)
        }
        self.characters = characters
        self.phrases = phrases
        self.longestPhraseStarting = longest
    }

    /// The rows of a table with two non-empty tab-separated fields, split on the UTF-8 bytes (the
    /// tables are read at every build; splitting by `Character` costs more than the rest).
    private static func rows(_ table: String) -> [(Substring, Substring)] {
        var rows: [(Substring, Substring)] = []
        for line in table.utf8.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: "\t"))
            guard fields.count == 2 else { continue }
            rows.append((Substring(fields[0]), Substring(fields[1])))
        }
        return rows
    }

    /// The reader built from the bundled tables.
    public static func bundled() throws -> Pinyin {
        try Pinyin(charactersTSV: BundledResource.text("pinyin-chars", "tsv"),
                   phrasesTSV: BundledResource.text("pinyin-phrases", "tsv"))
    }

    /// Words of `text`: one pinyin syllable per Han character, ASCII letters and digits as lowercase
    /// words; everything else separates words.
    public func words(_ text: String) -> [String] {
        // Where each character starts (and the end), so a phrase is looked up as a slice of the text.
        let starts = Array(text.indices) + [text.endIndex]
        let count = starts.count - 1
        var words: [String] = []
        var latin = ""
        var index = 0
        func flushLatin() {
            if !latin.isEmpty { words.append(latin) }
            latin = ""
        }
        while index < count {
            let character = text[starts[index]]
            if character.isASCII, character.isLetter || character.isNumber {
                latin += character.lowercased()
                index += 1
                continue
            }
            flushLatin()
            if let matched = longestPhraseMatch(text, starts, at: index) {
                words += matched
                index += matched.count
            } else {
                if let reading = characters[character] { words.append(reading) }
                index += 1
            }
        }
        flushLatin()
        return words
    }

    private func longestPhraseMatch(_ text: String, _ starts: [String.Index], at start: Int) -> [String]? {
        // Most characters start no phrase, and those that do start few long ones.
        guard let longest = longestPhraseStarting[text[starts[start]]] else { return nil }
        var length = min(longest, starts.count - 1 - start)
        while length >= 2 {
            if let readings = phrases[String(text[starts[start]..<starts[start + length]])] { return readings }
            length -= 1
        }
        return nil
    }
}
