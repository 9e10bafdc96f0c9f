import Foundation
@testable import NewsLoader
import NewsModel
import Testing

/// The text operations the page reader runs on every line take a path over UTF-8 bytes or scalars
/// when the text allows; each must give what its path over characters gives.
@Suite("Text operations' fast paths")
struct TextFastPathTests {
    /// A repeatable generator (SplitMix64), so that a failure names a text that can be made again.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    /// Pieces the texts are made of: ideographs, Latin, digits, white space of every kind the
    /// paths tell apart, half- and full-width punctuation, quotes and shapes, and what the fast
    /// paths must hand back: a carriage return, combining marks, a Greek question mark, compatibility
    /// ideographs equal to a traditional marker, an emoji.
    static let pieces: [String] = [
        "工", "会", "职", "工", "报", "讯", "圖", "報", "記", "者", "杭", "州", "a", "Z", "5", "0", " ", " ", "\t", "\n", "\u{A0}", "\u{3000}",
        ",", ";", ":", "?", "!", "(", ")", "，", "；", "：", "？", "（", "）", "。", "、", "“", "”", "《", "》", "…", "—", "■", "·", "※",
        "\r", "\r\n", "e\u{301}", "\u{301}", "\u{37E}", "\u{2F84B}", "\u{2F857}", "\u{F900}", "👷", "ｱ", "①",
    ]

    /// `count` texts of up to `length` pieces; a third are made of the first pieces only, which the
    /// fast paths take whole.
    static func texts(_ count: Int, length: Int = 24) -> [String] {
        var generator = Generator(state: 20_261_124)
        let simple = pieces.firstIndex(of: "\r")!
        return (0..<count).map { number in
            let pool = number % 3 == 0 ? pieces[..<simple] : pieces[...]
            return (0..<Int.random(in: 0...length, using: &generator)).map { _ in pool.randomElement(using: &generator)! }.joined()
        }
    }

    @Test("every simple scalar: kept or dropped by `comparable`, and Chinese context or not, as its character is")
    func everySimpleScalar() {
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF where TextMetrics.isSimple(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = Character(scalar)
            let text = String(character)
            if ChineseText.comparable(text) != String(text.filter { !$0.isWhitespace && !$0.isPunctuation }) {
                mismatches.append("comparable U+\(String(value, radix: 16))")
            }
            if ChineseText.isChineseContext(scalar) != ChineseText.isChineseContext(character) {
                mismatches.append("Chinese context U+\(String(value, radix: 16))")
            }
            let line = " x\(text)\u{3000}y "
            if ChineseText.tidy(Substring(line)) != ChineseText.tidyCharacters(Substring(line)) {
                mismatches.append("tidy U+\(String(value, radix: 16))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test("tidy, comparable, display punctuation and the traditional markers agree with their character paths on mixed texts")
    func mixedTexts() {
        for text in Self.texts(3000) {
            #expect(ChineseText.tidy(Substring(text)) == ChineseText.tidyCharacters(Substring(text)), "tidy \(text.debugDescription)")
            #expect(ChineseText.comparable(text) == String(text.filter { !$0.isWhitespace && !$0.isPunctuation }),
                    "comparable \(text.debugDescription)")
            #expect(ChineseText.displayPunctuation(text) == ChineseText.displayPunctuation(characters: Array(text)),
                    "display punctuation \(text.debugDescription)")
            let folded = String(text.map { ChineseText.traditionalMarkers[$0] ?? $0 })
            #expect(ChineseText.simplifiedMarkers(text) == folded, "markers \(text.debugDescription)")
        }
    }

    @Test("contains answers as Foundation does: parts cut from the text by characters or by scalars, parts made apart, and the empty part")
    func containsAsFoundation() {
        var generator = Generator(state: 7)
        let texts = Self.texts(2000)
        for (number, text) in texts.enumerated() {
            let characters = Array(text)
            var parts = [texts[(number + 1) % texts.count], ""]
            if !characters.isEmpty {
                let start = Int.random(in: 0..<characters.count, using: &generator)
                let end = Int.random(in: start...characters.count, using: &generator)
                parts.append(String(characters[start..<end]))
                parts.append(String(characters[start...]) + "工")
            }
            // Cut by scalars too: a part may then end inside a character of the text (an `e` whose
            // accent follows it), which Foundation does not find.
            let scalars = Array(text.unicodeScalars)
            if !scalars.isEmpty {
                let start = Int.random(in: 0..<scalars.count, using: &generator)
                let end = Int.random(in: start...scalars.count, using: &generator)
                var part = String.UnicodeScalarView()
                part.append(contentsOf: scalars[start..<end])
                parts.append(String(part))
            }
            for part in parts {
                #expect(ChineseText.contains(text, part) == (text.range(of: part) != nil), "\(text.debugDescription) ∋ \(part.debugDescription)")
            }
        }
    }
}
