import Foundation
@testable import NewsLoader
import NewsModel
import Testing
import TestSupport

/// The text operations the page reader runs on every line take a path over UTF-8 bytes or scalars
/// when the text allows; each must give what its path over characters gives.
@Suite("Text operations' fast paths")
struct TextFastPathTests {
    /// Pieces the texts are made of: ideographs, Latin, digits, white space of every kind the
    /// paths tell apart, half- and full-width punctuation, quotes and shapes, and what the fast
    /// paths must hand back: a carriage return, combining marks, a Greek question mark, compatibility
    /// ideographs equal to a traditional marker, an emoji.
    static let pieces: [String] = [
        "工", "会", "职", "工", "报", "讯", "圖", "報", "記", "者", "杭", "州", "a", "Z", "5", "0", " ", " ", "\t", "\n", "\u{A0}", "\u{3000}",
        ",", ";", ":", "?", "!", "(", ")", "，", "；", "：", "？", "（", "）", "。", "、", "“", "”", "《", "》", "…", "—", "■", "·", "※",
        "\r", "\r\n", "\n\u{301}", "e\u{301}", "\u{301}", "\u{37E}", "\u{2F84B}", "\u{2F857}", "\u{F900}", "\u{2000}", "\u{2028}",
        "👷", "ｱ", "①",
    ]

    /// `count` texts of up to `length` pieces; a third are made of the first pieces only, which the
    /// fast paths take whole.
    static func texts(_ count: Int, length: Int = 24) -> [String] {
        var generator = SeededGenerator(seed: 20_261_124)
        let simple = pieces.firstIndex(of: "\r")!
        return (0..<count).map { number in
            let pool = number % 3 == 0 ? pieces[..<simple] : pieces[...]
            return (0..<Int.random(in: 0...length, using: &generator)).map { _ in pool.randomElement(using: &generator)! }.joined()
        }
    }

    /// The lines of the repository's seed pages.
    static func seedLines() throws -> [String] {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds")
        return try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted().filter { $0.hasSuffix(".txt") }.flatMap { name in
            try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }

    @Test("every simple scalar: kept or dropped by `comparable`, and Chinese context or not, as its character is")
    func everySimpleScalar() {
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF where TextMetrics.isSimple(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = Character(scalar)
            let text = String(character)
            if Array(ChineseText.comparable(text).utf8) != Array(String(text.filter { !$0.isWhitespace && !$0.isPunctuation }).utf8) {
                mismatches.append("comparable U+\(String(value, radix: 16))")
            }
            if ChineseText.isChineseContext(scalar) != ChineseText.isChineseContext(character) {
                mismatches.append("Chinese context U+\(String(value, radix: 16))")
            }
            let line = " x\(text)\u{3000}y "
            if Array(ChineseText.tidy(Substring(line)).utf8) != Array(ChineseText.tidyCharacters(Substring(line)).utf8) {
                mismatches.append("tidy U+\(String(value, radix: 16))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test("tidy, comparable, display punctuation and the traditional markers agree with their character paths on mixed texts")
    func mixedTexts() {
        for text in Self.texts(3000) {
            // Compared as bytes: the site is, and `==` on strings is canonical equivalence.
            #expect(Array(ChineseText.tidy(Substring(text)).utf8) == Array(ChineseText.tidyCharacters(Substring(text)).utf8),
                    "tidy \(text.debugDescription)")
            #expect(Array(ChineseText.comparable(text).utf8) == Array(String(text.filter { !$0.isWhitespace && !$0.isPunctuation }).utf8),
                    "comparable \(text.debugDescription)")
            #expect(Array(ChineseText.displayPunctuation(text).utf8) == Array(ChineseText.displayPunctuation(characters: Array(text)).utf8),
                    "display punctuation \(text.debugDescription)")
            let folded = String(text.map { ChineseText.traditionalMarkers[$0] ?? $0 })
            #expect(Array(ChineseText.simplifiedMarkers(text).utf8) == Array(folded.utf8), "markers \(text.debugDescription)")
            // Lines split as by characters: a line feed is one unless a carriage return comes before it.
            #expect(PageBlock.lines(of: text).map { Array($0.utf8) } == text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) },
                    "lines \(text.debugDescription)")
        }
    }

    @Test("contains answers as Foundation does: parts cut from the text by characters or by scalars, parts made apart, and the empty part")
    func containsAsFoundation() {
        var generator = SeededGenerator(seed: 7)
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

    @Test("a plain scalar has no canonical decomposition, no combining class and extends no character: plain text equals only itself")
    func plainScalars() {
        var wrong: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(scalar).utf8)
            guard bytes.withUnsafeBufferPointer(ChineseText.isPlain) else { continue }
            let properties = scalar.properties
            if Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars) != [scalar]
                || properties.canonicalCombiningClass != .notReordered || properties.isGraphemeExtend {
                wrong.append("U+\(String(value, radix: 16))")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    @Test("every scalar whose character is a traditional marker or a half-width form is in the pre-scan's list")
    func preScanLists() {
        var missing: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = Character(scalar)
            if ChineseText.traditionalMarkers[character] != nil, !ChineseText.traditionalMarkerScalars.contains(value) {
                missing.append("marker U+\(String(value, radix: 16))")
            }
            if ChineseText.fullWidthForms[character] != nil, !ChineseText.halfWidthScalars.contains(value) {
                missing.append("half-width U+\(String(value, radix: 16))")
            }
        }
        #expect(missing.isEmpty, "\(missing)")
    }

    @Test("a part ending in NUL is looked for whole")
    func trailingNUL() {
        #expect(!ChineseText.contains("ab", "b\u{0}"))
        #expect(ChineseText.contains("ab\u{0}", "b\u{0}"))
    }

    @Test("a line the masthead's gate lets by is one its patterns might match; every line it stops matches none")
    func mastheadGate() throws {
        // The seed pages' lines, whole and cut, and lines made of masthead pieces and others.
        var lines = try Self.seedLines().flatMap { [$0, String($0.prefix(12)), String($0.suffix(12))] }
        let pieces = ["2023", "年", "月", "日", "星期三", "农历", "癸卯", "正月", "初一", "电子版", "社址", "：", "总第", "1234", "号", "期", "CN",
                      "33", "-", "0001", "—", " ", "新闻热线", "服务热线", "热线", "浙江", "工人日报", "劳动报", "报", "线", "工会", "a", "０",
                      "\u{663}", "Ⅻ", "C", "Ｃ", "星", "e\u{301}", "年\u{301}"]
        // The gate stops most lines of a page: the saving is real.
        #expect(lines.filter { !MastheadReader.mayBeMastheadLine($0) }.count * 2 > lines.count)
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<5000 {
            lines.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        // Each pattern's shortest lines, every address word among them (with what follows it: a
        // hotline's number, so that its first character lets it by): each matches, and passes the gate.
        let shortest = ["2023年5月1日", "2023年5月1日 星期一", "农历癸卯年三月十二", "癸卯年正月初一", "星期三", "电子版：", "电子信箱", "电子邮箱",
                        "社址：", "邮编", "国内统一刊号", "国际标准连续出版物号", "邮发代号", "新闻热线：1", "广告热线：1", "发行热线：1", "新闻服务热线：1", "网址",
                        "本报地址", "总第12345期", "总第 3 号", "CN33-0001", "-1234567", "—1234567", " 1234567", "0571-8888888", "服务热线", "热线",
                        "浙江工人日报", "上海劳动报", "某某工报"]
        for line in shortest {
            #expect(MastheadReader.matchesMastheadPattern(line), "\(line) matches a pattern")
            #expect(MastheadReader.mayBeMastheadLine(line), "\(line) passes the gate")
        }
        let wrong = lines.filter { !MastheadReader.mayBeMastheadLine($0) && MastheadReader.matchesMastheadPattern($0) }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }

    @Test("a paragraph the byline's gate stops has no byline to read")
    func bylineGate() throws {
        var paragraphs = try Self.seedLines()
        #expect(paragraphs.filter { !BylineReader.mayOpen($0) }.count * 2 > paragraphs.count, "the gate stops most paragraphs")
        let pieces = ["本报讯", "本報訊", "本报消息", "记者", "記者", "通讯员", "通訊員", "实习生", "特约记者", "（", "）", "(", ")", " ", "\u{3000}",
                      "王芳", "李", "陈瑞瑶", "、", "，", "报道", "報導", "摄", "攝影報道", "杭州市总工会", "e\u{301}", "\u{2F857}", "本"]
        var generator = SeededGenerator(seed: 13)
        func any(_ choices: [String]) -> String { choices.randomElement(using: &generator)! }
        for _ in 0..<5000 {
            paragraphs.append((0..<Int.random(in: 0...7, using: &generator)).map { _ in any(pieces) }.joined())
            // A byline's shape, each part there or not: space, marker, parenthesis, roles and names, ending, closing.
            let role = any(["记者", "記者", "通讯员", "实习生", "特约记者", ""]) + any(["王芳", "陈瑞瑶", "李", "王芳、陈瑞瑶", ""])
            paragraphs.append(any(["", " ", "\u{3000}"]) + any(["本报讯", "本報訊", "本报消息", ""]) + any(["（", "(", ""]) + role
                              + any(["", " 通讯员李明"]) + any(["报道", "摄", ""]) + any(["）", ")", ""]) + any(["杭州市总工会近日", ""]))
        }
        let wrong = paragraphs.filter { !BylineReader.mayOpen($0) && BylineReader.readOpening($0) != nil }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
        #expect(paragraphs.contains { BylineReader.readOpening($0) != nil }, "bylines among the texts")
    }
}
