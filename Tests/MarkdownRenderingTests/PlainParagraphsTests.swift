import Foundation
import Testing
@testable import MarkdownRendering

/// Plain paragraphs are read without cmark-gfm; whatever they are read as must be what cmark
/// collects from them, and anything else must be left to cmark.
@Suite("Plain paragraphs read without a parse")
struct PlainParagraphsTests {
    static func fast(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { MarkdownRenderer.plainParagraphsText($0) }
    }

    static func parsed(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { MarkdownRenderer.parsedCollectedText($0) }
    }

    @Test("prose paragraphs are read as cmark reads them", arguments: [
        "本报讯 日前，县总工会举办首届劳动关系协调员职业技能竞赛。\n\n来自140余家企业的选手参加了比赛。",
        "全省职工\n踊跃入会。\n\n\n\ntrade\nunion 2023\n2023年，骑手(外卖)入会率达到95%。",
        "“我负责阳光雨露，你负责茁壮成长”，这是共识。\n第二行: 冒号、感叹号! 引号\"双\"'单' 井号#和加号+、等号=与减号-。\n",
        "\u{3000}\u{3000}全角空格开头的段落\u{3000}\n下一行", "a\nb\n\nc", "", "\n\n", "10年\n2010 年", "1\n22",
    ])
    func sameAsCmark(_ text: String) throws {
        let fast = try #require(Self.fast(text))
        #expect(fast == Self.parsed(text), "\(String(decoding: fast, as: UTF8.self).debugDescription)")
    }

    /// Each rule keeps out text that cmark reads as something other than plain paragraphs.
    @Test("text that may hold a Markdown construct is left to cmark", arguments: [
        "# 标题", "正文\n## 标题", "> 引用", "- 列表", "+ 列表", "* 列表", "1. 有序", "2) 有序", "正文\n===", "正文\n---",
        "    缩进代码", " 前导空格", "\t制表", "行尾两个空格  \n下一行", "行尾一个空格 \n下一行", "*强调*", "__粗体__",
        "`代码`", "[链接](https://example.org)", "<b>标签</b>", "&amp;实体", "转义\\*", "| 表 | 格 |", "删除~~线~~",
        "邮件 a@b.org", "网址 www.example.org", "协议 https://example.org", "回车\r\n换行", "空字符\u{0}",
        "\u{FEFF}字节顺序标记", "```\n围栏\n```", ":冒号开头", "!感叹号开头", "\"引号开头",
    ])
    func leftToCmark(_ text: String) {
        #expect(Self.fast(text) == nil)
    }

    /// Random texts of prose and Markdown's characters: whenever the fast path reads one, it
    /// reads it as cmark does.
    @Test("random texts read without a parse are read as cmark reads them")
    func randomTexts() {
        // A linear congruential sequence's high bits: the same texts on every run.
        var state: UInt64 = 0x5EED_0001
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let pieces = ["职工", "工会", "，", "。", "“", "”", "\u{3000}", "a", "Z", "riders", "0", "7", "2023", ".", ")", "(", " ", "  ",
                      "\n", "\n\n", "#", "-", "+", "=", ":", "!", "\"", "'", "*", "_", "[", "]", "`", "<", "&", "|", "\\", "~", "e\u{301}", "👷‍♀️"]
        var read = 0
        for _ in 0..<4000 {
            let length = Int(next() % 24) + 1
            let text = (0..<length).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
            guard let fast = Self.fast(text) else { continue }
            read += 1
            #expect(fast == Self.parsed(text), "\(text.debugDescription)")
        }
        // The generator must give the fast path texts to read, or the test checks nothing.
        #expect(read > 200)
    }
}
