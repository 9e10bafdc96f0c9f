import Foundation
import NewsModel

/// Reads Chinese text as toneless pinyin, phrase-aware, for ASCII URL slugs.
///
/// A character-by-character transform reads polyphones wrong (长兴 → zhang xing, 银行 → yin xing).
/// This reader matches the longest phrase from a phrase table first and falls back to each
/// character's common reading. Both tables are generated from pypinyin's dictionaries by
/// `scripts/gen-pinyin.py`.
///
/// Characters are keyed by their one Unicode scalar (every character of the tables is one scalar; a
/// character of several scalars has no reading of its own and starts no phrase). The tables are
/// read at every build, so they are indexed in place (sorted integers, ranges of the text) and a
/// reading becomes a string only when asked for.
public struct Pinyin: Sendable {
    /// The character table's text; a reading is made into a string only when it is asked for.
    private let characterTable: [UInt8]
    /// Each character row read as its scalar (high 32 bits) and its place in `characterReadings`
    /// (rows in table order), sorted: a character of two rows reads as the later one. Each row's
    /// reading is a range of `characterTable`.
    private let characterKeys: [UInt64]
    private let characterReadings: [Range<Int32>]
    /// For each character of the Basic Multilingual Plane, by its value, its row's place in
    /// `characterReadings` plus one (the later of two rows), or 0 when the table has none: a title's
    /// characters are looked up without a search.
    private let characterRowsBMP: [Int32]
    /// The phrase table's text, its rows by a hash of the phrase's UTF-8 (sorted, with the row
    /// number), and each row's phrase and readings as ranges of `phraseTable`.
    private let phraseTable: [UInt8]
    private let phraseKeys: [(hash: UInt64, row: Int32)]
    private let phraseRows: [(phrase: Range<Int32>, readings: Range<Int32>)]
    /// The length of the longest phrase that starts with each character that starts one, 0 for
    /// every other: a character of the Basic Multilingual Plane is looked up by its value, without
    /// hashing (it is asked for every character of every title), one beyond it in the dictionary.
    private let longestPhraseStartingBMP: [Int32]
    private let longestPhraseStartingBeyondBMP: [Unicode.Scalar: Int]

    /// Surnames read otherwise than the word they are written as (曾 zeng, not ceng), by surname.
    private let surnameReadings: [String: [String]]

    /// Builds a reader from the TSV tables (`char<TAB>reading`, `phrase<TAB>reading reading …`, and
    /// `surname<TAB>reading …` for the surnames read otherwise than their characters' words).
    ///
    /// The tables are read at every build, so they are indexed where they lie rather than copied
    /// into a dictionary of strings: one walk over the bytes and a sort of integers. (The surnames
    /// are a few dozen rows.)
    public init(charactersTSV: String, phrasesTSV: String, surnamesTSV: String = "") {
        var surnameReadings: [String: [String]] = [:]
        for row in surnamesTSV.split(separator: "\n") {
            let fields = row.split(separator: "\t")
            guard fields.count == 2 else { continue }
            surnameReadings[String(fields[0])] = fields[1].split(separator: " ").map(String.init)
        }
        self.surnameReadings = surnameReadings
        characterTable = Array(charactersTSV.utf8)
        var characterKeys: [UInt64] = []
        var characterReadings: [Range<Int32>] = []
        characterKeys.reserveCapacity(32_768)
        characterReadings.reserveCapacity(32_768)
        characterTable.withUnsafeBufferPointer { table in
            Self.forEachRow(of: table) { key, value in
                guard let read = ChineseText.leadingScalar(of: UnsafeBufferPointer(rebasing: table[key])), read.isOnly else { return }
                characterKeys.append(UInt64(read.scalar.value) << 32 | UInt64(characterReadings.count))
                characterReadings.append(Int32(value.lowerBound)..<Int32(value.upperBound))
            }
        }
        characterKeys.sort()
        var characterRowsBMP = [Int32](repeating: 0, count: 0x10000)
        for key in characterKeys where key >> 32 < 0x10000 { characterRowsBMP[Int(key >> 32)] = Int32(key & 0xFFFF_FFFF) + 1 }
        self.characterRowsBMP = characterRowsBMP
        self.characterKeys = characterKeys
        self.characterReadings = characterReadings

        phraseTable = Array(phrasesTSV.utf8)
        var phraseKeys: [(hash: UInt64, row: Int32)] = []
        var phraseRows: [(phrase: Range<Int32>, readings: Range<Int32>)] = []
        var longestBMP = [Int32](repeating: 0, count: 0x10000)
        var longestBeyondBMP: [Unicode.Scalar: Int] = [:]
        phraseTable.withUnsafeBufferPointer { table in Self.forEachRow(of: table) { key, value in
            let phrase = UnsafeBufferPointer(rebasing: table[key])
            let readings = Self.fieldCount(UnsafeBufferPointer(rebasing: table[value]))
            guard readings == Self.scalarCount(phrase), let first = ChineseText.leadingScalar(of: phrase)?.scalar else { return }
            phraseKeys.append((SlugMaker.fnv1a(bytes: phrase), Int32(phraseRows.count)))
            phraseRows.append((Int32(key.lowerBound)..<Int32(key.upperBound), Int32(value.lowerBound)..<Int32(value.upperBound)))
            // A phrase's readings are fields of a table whose offsets are Int32: their count is too.
            if first.value < 0x10000 {
                longestBMP[Int(first.value)] = max(longestBMP[Int(first.value)], Int32(readings))
            } else {
                longestBeyondBMP[first] = max(longestBeyondBMP[first] ?? 0, readings)
            }
        } }
        phraseKeys.sort { ($0.hash, $0.row) < ($1.hash, $1.row) }
        self.phraseKeys = phraseKeys
        self.phraseRows = phraseRows
        self.longestPhraseStartingBMP = longestBMP
        self.longestPhraseStartingBeyondBMP = longestBeyondBMP
    }

    /// The reading of `scalar`, if the table has one (of two rows, the later).
    private func reading(of scalar: Unicode.Scalar) -> String? {
        guard let row = characterRow(of: scalar) else { return nil }
        let range = characterReadings[row]
        return String(decoding: characterTable[Int(range.lowerBound)..<Int(range.upperBound)], as: UTF8.self)
    }

    /// The place in `characterReadings` of `scalar`'s row (of two rows, the later), if it has one.
    private func characterRow(of scalar: Unicode.Scalar) -> Int? {
        if scalar.value < 0x10000 {
            let row = Int(characterRowsBMP[Int(scalar.value)])
            return row > 0 ? row - 1 : nil
        }
        // The first key past every row of `scalar`; the row before it, if it is the scalar's.
        let past = UInt64(scalar.value) << 32 | 0xFFFF_FFFF
        var (low, high) = (0, characterKeys.count)
        while low < high {
            let middle = (low + high) / 2
            if characterKeys[middle] <= past { low = middle + 1 } else { high = middle }
        }
        guard low > 0, characterKeys[low - 1] >> 32 == UInt64(scalar.value) else { return nil }
        return Int(characterKeys[low - 1] & 0xFFFF_FFFF)
    }

    /// The readings of the phrase whose UTF-8 is `phrase`, if the table has it (of two rows, the later).
    private func readings(ofPhrase phrase: some Collection<UInt8>) -> [String]? {
        let hash = SlugMaker.fnv1a(bytes: phrase)
        var (low, high) = (0, phraseKeys.count)
        while low < high {
            let middle = (low + high) / 2
            if phraseKeys[middle].hash <= hash { low = middle + 1 } else { high = middle }
        }
        // Rows of the same hash, the latest first: the first whose phrase is these bytes.
        while low > 0, phraseKeys[low - 1].hash == hash {
            low -= 1
            let row = phraseRows[Int(phraseKeys[low].row)]
            guard phraseTable[Int(row.phrase.lowerBound)..<Int(row.phrase.upperBound)].elementsEqual(phrase) else { continue }
            return phraseTable[Int(row.readings.lowerBound)..<Int(row.readings.upperBound)]
                .split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        }
        return nil
    }

    /// The number of Unicode scalars in valid UTF-8: the bytes that are not continuation bytes.
    private static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// The number of non-empty space-separated fields.
    private static func fieldCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var (count, inField) = (0, false)
        for byte in bytes {
            if byte == UInt8(ascii: " ") { inField = false } else if !inField { (count, inField) = (count + 1, true) }
        }
        return count
    }

    /// Calls `body` with each row of a table with two non-empty tab-separated fields (empty fields
    /// between tabs do not count), as ranges of `buffer`: lines and tabs found with `memchr`, and no
    /// list of the rows made (the tables have 25,000 of them, read at every build).
    private static func forEachRow(of buffer: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Range<Int>) -> Void) {
        guard let base = buffer.baseAddress else { return }
        let end = buffer.count
        var lineStart = 0
        while lineStart < end {
            let lineEnd = memchr(base + lineStart, Int32(UInt8(ascii: "\n")), end - lineStart)
                .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
            // The non-empty runs between tabs: the first two, and whether there are more.
            var fields: (Range<Int>?, Range<Int>?) = (nil, nil)
            var count = 0
            var fieldStart = lineStart
            while fieldStart <= lineEnd {
                let fieldEnd = memchr(base + fieldStart, Int32(UInt8(ascii: "\t")), lineEnd - fieldStart)
                    .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? lineEnd
                if fieldStart < fieldEnd {
                    if count == 0 { fields.0 = fieldStart..<fieldEnd } else if count == 1 { fields.1 = fieldStart..<fieldEnd }
                    count += 1
                }
                fieldStart = fieldEnd + 1
            }
            if count == 2, let key = fields.0, let value = fields.1 { body(key, value) }
            lineStart = lineEnd + 1
        }
    }

    /// Whether `scalar` is a CJK compatibility ideograph, canonically the same as a unified one.
    private static func isCompatibilityIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        (0xF900...0xFAFF).contains(scalar.value) || (0x2F800...0x2FA1F).contains(scalar.value)
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
                   phrasesTSV: BundledResource.text("pinyin-phrases", "tsv"),
                   surnamesTSV: BundledResource.text("pinyin-surnames", "tsv"))
    }

    /// Words of a person's name: its surname (the first two characters when they are a compound
    /// surname such as 尉迟, else the first) read as a surname, the given name as `words(_:)` reads it.
    public func nameWords(_ name: String) -> [String] {
        for length in [2, 1] where name.count > length {
            if let surname = surnameReadings[String(name.prefix(length))] {
                return surname + words(String(name.dropFirst(length)))
            }
        }
        return words(name)
    }

    /// Words of `text`: one pinyin syllable per Han character, ASCII letters and digits as lowercase
    /// words; everything else separates words.
    public func words(_ text: String) -> [String] {
        // A compatibility ideograph (六 as U+F9D1) reads as the ideograph it stands for, as text
        // compared by canonical equivalence would; the tables hold only the unified ones.
        let text = text.unicodeScalars.contains(where: Self.isCompatibilityIdeograph) ? text.precomposedStringWithCanonicalMapping : text
        // Each character as its one scalar (`nil` for a character of several), and where its UTF-8
        // starts (and the end), so a phrase is looked up as a slice of the text's bytes. Nearly every
        // title is made of scalars that are each a character of its own, and is read by scalar,
        // without grapheme breaking.
        let utf8 = Array(text.utf8)
        var characters: [Unicode.Scalar?] = []
        var starts: [Int] = []
        let scalars = Array(text.unicodeScalars)
        if scalars.allSatisfy(TextMetrics.isSimple) {
            characters.reserveCapacity(scalars.count)
            starts.reserveCapacity(scalars.count + 1)
            var offset = 0
            for scalar in scalars {
                characters.append(scalar)
                starts.append(offset)
                offset += UTF8.width(scalar)
            }
        } else {
            for index in text.indices {
                characters.append(Self.onlyScalar(of: text[index].unicodeScalars))
                starts.append(text.utf8.distance(from: text.startIndex, to: index))
            }
        }
        starts.append(utf8.count)

        var words: [String] = []
        var latin = ""
        var index = 0
        while index < characters.count {
            if let scalar = characters[index], let letter = Self.lowercasedLatin(scalar) {
                latin.unicodeScalars.append(letter)
                index += 1
                continue
            }
            if !latin.isEmpty { words.append(latin) }
            latin = ""
            if let matched = longestPhraseMatch(characters, utf8, starts, at: index) {
                words += matched
                index += matched.count
            } else {
                if let scalar = characters[index], let reading = reading(of: scalar) { words.append(reading) }
                index += 1
            }
        }
        if !latin.isEmpty { words.append(latin) }
        return words
    }

    /// An ASCII letter or digit, lowercased; `nil` for any other scalar.
    private static func lowercasedLatin(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: return scalar
        case 0x41...0x5A: return Unicode.Scalar(UInt8(scalar.value) + 0x20)
        default: return nil
        }
    }

    private func longestPhraseMatch(_ characters: [Unicode.Scalar?], _ utf8: [UInt8], _ starts: [Int], at start: Int) -> [String]? {
        // Most characters start no phrase, and those that do start few long ones.
        guard let first = characters[start] else { return nil }
        let longest = first.value < 0x10000 ? Int(longestPhraseStartingBMP[Int(first.value)]) : longestPhraseStartingBeyondBMP[first] ?? 0
        var length = min(longest, characters.count - start)
        while length >= 2 {
            if let readings = readings(ofPhrase: utf8[starts[start]..<starts[start + length]]) { return readings }
            length -= 1
        }
        return nil
    }
}
