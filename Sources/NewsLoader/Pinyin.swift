/// Reads Chinese text as toneless pinyin, phrase-aware, for ASCII URL slugs.
///
/// A character-by-character transform reads polyphones wrong (长兴 → zhang xing, 银行 → yin xing).
/// This reader matches the longest phrase from a phrase table first and falls back to each
/// character's common reading. Both tables are generated from pypinyin's dictionaries by
/// `scripts/gen-pinyin.py`.
///
/// Characters are keyed by their one Unicode scalar (every character of the tables is one scalar; a
/// character of several scalars has no reading of its own and starts no phrase): hashing a scalar
/// costs a fraction of hashing a `Character`, and the tables are read at every build.
public struct Pinyin: Sendable {
    private let characters: [Unicode.Scalar: String]
    private let phrases: [String: [String]]
    /// The length of the longest phrase that starts with each character that starts one.
    private let longestPhraseStarting: [Unicode.Scalar: Int]

    /// Builds a reader from the two TSV tables (`char<TAB>reading`, `phrase<TAB>reading reading …`).
    public init(charactersTSV: String, phrasesTSV: String) {
        var characters: [Unicode.Scalar: String] = [:]
        characters.reserveCapacity(32_768)
        for (key, value) in Self.rows(charactersTSV) {
            guard let scalar = Self.onlyScalar(of: key.unicodeScalars) else { continue }
            characters[scalar] = String(value)
        }
        var phrases: [String: [String]] = [:]
        phrases.reserveCapacity(8_192)
        var longest: [Unicode.Scalar: Int] = [:]
        for (key, value) in Self.rows(phrasesTSV) {
            let readings = value.split(separator: " ").map(String.init)
            guard readings.count == key.unicodeScalars.count, let first = key.unicodeScalars.first else { continue }
            phrases[String(key)] = readings
            longest[first] = max(longest[first] ?? 0, readings.count)
        }
        self.characters = characters
        self.phrases = phrases
        self.longestPhraseStarting = longest
    }

    /// The rows of a table with two non-empty tab-separated fields (empty fields between tabs do
    /// not count), found by walking the UTF-8 bytes once: the tables are read at every build, and
    /// splitting by `Character`, or with the generic `split`, costs more than the rest.
    private static func rows(_ table: String) -> [(Substring, Substring)] {
        var table = table
        table.makeContiguousUTF8()
        let utf8 = table.utf8
        return utf8.withContiguousStorageIfAvailable { bytes -> [(Substring, Substring)] in
            var rows: [(Substring, Substring)] = []
            func text(_ range: Range<Int>) -> Substring {
                Substring(utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
            }
            // The non-empty runs between tabs of the current line: the first two, and how many.
            var fields: [Range<Int>] = []
            var fieldCount = 0
            var fieldStart = 0
            func endField(at end: Int) {
                guard fieldStart < end else { return }
                if fieldCount < 2 { fields.append(fieldStart..<end) }
                fieldCount += 1
            }
            for offset in 0...bytes.count {
                let byte = offset < bytes.count ? bytes[offset] : UInt8(ascii: "\n")
                guard byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") else { continue }
                endField(at: offset)
                fieldStart = offset + 1
                if byte == UInt8(ascii: "\n") {
                    if fieldCount == 2 { rows.append((text(fields[0]), text(fields[1]))) }
                    fields.removeAll(keepingCapacity: true)
                    fieldCount = 0
                }
            }
            return rows
        } ?? []
    }

    /// The scalar of a character (or one-character text) made of exactly one, else `nil`.
    private static func onlyScalar(of scalars: some Sequence<Unicode.Scalar>) -> Unicode.Scalar? {
        var scalars = scalars.makeIterator()
        guard let scalar = scalars.next(), scalars.next() == nil else { return nil }
        return scalar
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
                if let scalar = Self.onlyScalar(of: character.unicodeScalars), let reading = characters[scalar] { words.append(reading) }
                index += 1
            }
        }
        flushLatin()
        return words
    }

    private func longestPhraseMatch(_ text: String, _ starts: [String.Index], at start: Int) -> [String]? {
        // Most characters start no phrase, and those that do start few long ones.
        guard let first = Self.onlyScalar(of: text[starts[start]].unicodeScalars), let longest = longestPhraseStarting[first] else { return nil }
        var length = min(longest, starts.count - 1 - start)
        while length >= 2 {
            if let readings = phrases[String(text[starts[start]..<starts[start + length]])] { return readings }
            length -= 1
        }
        return nil
    }
}
