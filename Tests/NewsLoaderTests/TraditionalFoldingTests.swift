@testable import NewsLoader
import Testing

@Suite("Traditional characters folded to simplified")
struct TraditionalFoldingTests {
    static let folding = TraditionalFolding(tsv: "區\t区\n總\t总\n會\t会\n蕭\t萧\n𡞵\t㛟\n\u{30000}\t丁\n兩字\t两\n")

    @Test("each traditional character is replaced, wherever it stands among other text")
    func replaces() {
        #expect(Self.folding.fold("蕭山區總工會") == "萧山区总工会")
        #expect(Self.folding.fold("ASCII 在前：區") == "ASCII 在前：区")
        #expect(Self.folding.fold("區 e\u{301} 👍🏽 𡞵") == "区 e\u{301} 👍🏽 㛟")
        // Past the bitmap, looked up in the table.
        #expect(Self.folding.fold("甲\u{30000}") == "甲丁")
    }

    @Test("the bundled table puts a character for a character, each standing on its own, so folding keeps the character count")
    func keepsCharacterCount() throws {
        let tsv = try BundledResource.text("t2s-chars", "tsv")
        var traditional = ""
        for line in tsv.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, fields[0].unicodeScalars.count == 1, fields[1].unicodeScalars.count == 1 else { continue }
            let (from, to) = (fields[0].unicodeScalars.first!, fields[1].unicodeScalars.first!)
            // Each a character of its own, whatever stands beside it.
            #expect("甲\(from)乙".count == 3 && "甲\(to)乙".count == 3, "U+\(String(from.value, radix: 16)) → U+\(String(to.value, radix: 16))")
            traditional.unicodeScalars.append(from)
        }
        let folding = try TraditionalFolding.bundled()
        #expect(traditional.unicodeScalars.count > 1000)
        #expect(folding.fold(traditional) != traditional)
        #expect(folding.fold(traditional).count == traditional.count)
    }

    @Test("the table is read line by line: Windows line ends, blank lines, extra tabs and stray fields")
    func tableLines() {
        let folding = TraditionalFolding(tsv: "區\t区\r\n\n\t總\t\t总\t\n會\n蕭\t萧\t多\n兩字\t两\n\r\n")
        #expect(folding.fold("區總") == "区总", "CRLF line ends and empty fields between tabs")
        #expect(folding.fold("會蕭兩") == "會蕭兩", "one field or three is no pair; two characters are not one")
    }

    @Test("text with nothing to fold comes back as it is; a line that maps two characters is skipped")
    func leavesOthers() {
        for text in ["", "萧山区总工会", "ASCII only", "全角　空格 👷‍♀️ é", "兩字"] {
            #expect(Self.folding.fold(text) == text)
        }
    }
}
