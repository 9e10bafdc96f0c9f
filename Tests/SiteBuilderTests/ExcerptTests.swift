import NewsModel
@testable import SiteBuilder
import Testing

/// The short texts lists and page heads show: a snippet and a meta description.
@Suite("Excerpts of a story's text")
struct ExcerptTests {
    /// What `Excerpt.description` gave when it walked characters: the reference the scalar walk
    /// must agree with.
    static func characterDescription(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined()
        guard flat.count > limit else { return flat }
        let head = String(flat.prefix(limit))
        if let end = head.lastIndex(where: { "。！？!?".contains($0) }), head.distance(from: head.startIndex, to: end) >= limit / 3 {
            return String(head[...end])
        }
        return head + "…"
    }

    @Test("a description ends at the last sentence end a third of the way in or later, else with an ellipsis")
    func sentenceEnds() {
        let first = String(repeating: "职工", count: 10) + "。"           // a sentence end at offset 20
        let second = String(repeating: "技能", count: 20) + "！"          // … and at offset 61
        let rest = String(repeating: "竞赛", count: 40)
        #expect(Excerpt.description(first + second + rest, limit: 120) == first + second)
        #expect(Excerpt.description(first + rest + rest, limit: 120) == String((first + rest + rest).prefix(120)) + "…",
                "the only sentence end is before a third of the limit")
        #expect(Excerpt.description(String(repeating: "工会", count: 80), limit: 120) == String(repeating: "工会", count: 60) + "…")
        #expect(Excerpt.description("短讯。", limit: 120) == "短讯。", "a text within the limit is whole")
        #expect(Excerpt.description(String(repeating: "a", count: 50) + "? " + String(repeating: "b", count: 100), limit: 120)
                == String(repeating: "a", count: 50) + "?", "ASCII sentence ends count too")
    }

    @Test("a snippet runs paragraphs on without a space after 。, and cuts with an ellipsis")
    func snippetParagraphs() {
        #expect(Excerpt.snippet("衢州市总工会开展送清凉活动。\n\n活动持续到八月底。") == "衢州市总工会开展送清凉活动。活动持续到八月底。")
        #expect(Excerpt.snippet("工会驿站。\n\n" + String(repeating: "职工", count: 60), limit: 10) == "工会驿站。职工职工职" + "…")
    }

    @Test("texts whose characters are more than one scalar give what the character view gives",
          arguments: [
              "e\u{301}" + String(repeating: "工会", count: 20) + "。" + String(repeating: "职工", count: 60),
              String(repeating: "服务", count: 20) + "。\u{301}" + String(repeating: "职工", count: 60),
              "👩‍🔧" + String(repeating: "技能", count: 30) + "？" + String(repeating: "比武", count: 60),
              String(repeating: "产改", count: 10) + "。" + String(repeating: "🇨🇳", count: 150),
          ])
    func unusualCharacters(_ text: String) {
        #expect(Excerpt.description(text, limit: 120) == Self.characterDescription(text, limit: 120))
    }

    @Test("simple texts give what the character view gives", arguments: [30, 60, 120])
    func simpleTexts(_ limit: Int) {
        let sentences = ["工会组织职工参加技能竞赛。", "新就业形态劳动者入会！", "Workers join unions? ", "产改走深走实"]
        for count in 1...40 {
            let text = (0..<count).map { sentences[($0 * 7 + count) % sentences.count] }.joined(separator: count % 3 == 0 ? "\n" : "")
            #expect(Excerpt.description(text, limit: limit) == Self.characterDescription(text, limit: limit), "\(count) sentences")
        }
    }

    /// Markdown bodies whose digest is made from the opening of their text: long and short, with
    /// headings, lists, a table, Latin words across lines, blank lines and spaces to tidy, one
    /// about the opening's length, ones with characters of several scalars (the whole text then),
    /// and long ones whose first blocks are parsed alone, or not (a link defined at the end).
    static let markdownBodies: [String] = {
        let paragraph = "本报讯 记者李凡报道 日前，由龙游县总工会、龙游县人社局共同主办的龙游县首届劳动关系协调员职业技能竞赛在衢州工商学校成功举行。"
        let opening = String(repeating: "工", count: BodyDigest.openingCharacters)
        return [
            paragraph, "短", "",
            String(repeating: paragraph + "\n\n", count: 12),
            "## 知识大比武\n\n" + paragraph + "\n\n- 推优入党\n- 民主管理\n\n" + paragraph,
            "   \n\n\u{3000}\u{3000}" + paragraph + "  \nThe Union\nworks hard\n\n\n\n" + paragraph + "\u{A0}",
            "| 区 | 人数 |\n|---|---|\n| 萧山 | 60 |\n\n" + paragraph,
            opening, opening + "。", String(opening.dropLast()) + "\n\n甲乙", opening + "\n\n" + paragraph,
            "骑手👷‍♀️入会：" + paragraph, paragraph + String(repeating: "e\u{301}", count: 300),
            String(repeating: paragraph + "\n\n", count: 40) + String(repeating: "e\u{301}", count: 300),
            "## 标题\n\n[工会][定义]\n\n" + String(repeating: paragraph + "\n\n", count: 40) + "[定义]: https://example.com\n",
        ]
    }()

    @Test("a Markdown body's digest from the opening of its text equals the digest of the whole text", arguments: markdownBodies)
    func digestFromOpening(markdown: String) {
        let renderer = BodyRenderer()
        let body = ArticleBody.markdown(markdown)
        #expect(renderer.digest(body) == BodyDigest(plainText: renderer.plainText(body)))
    }
}

@Suite("A story's digest kept in the build state")
struct DigestStateTests {
    @Test("a digest read back from the state equals the one written and shows the same texts")
    func roundTrip() throws {
        let digests = [
            BodyDigest(plainText: "杭州市总工会近日开展“送清凉”活动。走访一线职工3000余人次，送去防暑降温物资。" + String(repeating: "职工", count: 200)),
            BodyDigest(plainText: ""),
            BodyDigest(snippet: "a 👷‍♀️", description: ""),
        ]
        for digest in digests {
            var writer = StateWriter(capacity: 64)
            StateCoding.write(&writer, digest: digest)
            var reader = StateReader(writer.bytes)
            let read = try StateCoding.readDigest(&reader)
            #expect(reader.isAtEnd)
            #expect(read == digest && read.hashValue == digest.hashValue)
            #expect((read.snippet, read.description) == (digest.snippet, digest.description))
            // And written again from the kept bytes, the same bytes.
            var again = StateWriter(capacity: 64)
            StateCoding.write(&again, digest: read)
            #expect(again.bytes == writer.bytes)
        }
        #expect(BodyDigest(snippet: "甲", description: "乙") != BodyDigest(snippet: "甲", description: "丙"))
    }

    @Test("bytes that are not UTF-8 read as U+FFFD; a digest cut short is an unreadable state")
    func damaged() throws {
        var writer = StateWriter(capacity: 16)
        writer.unsigned(2)
        writer.raw([0xE5, 0x8F])  // the first two bytes of 叏
        writer.unsigned(2)
        writer.raw([0xFF, 0x41])
        var reader = StateReader(writer.bytes)
        let read = try StateCoding.readDigest(&reader)
        #expect(read.snippet == "\u{FFFD}" && read.description == "\u{FFFD}A")
        var cut = StateReader(Array(writer.bytes.dropLast(1)))
        #expect(throws: StateReader.Corrupt.self) { try StateCoding.readDigest(&cut) }
    }
}
