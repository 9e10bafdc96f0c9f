import Foundation
@testable import MarkdownRendering
import Testing

/// Documents that exercise the block parser and every inline construct but no inline extension.
let plainDocuments: [String] = [
    "",
    "正文一段。\n\n正文二段，含 ASCII 标点: 冒号, 逗号 (括号)。",
    "## 小标题\n\n**粗体**与*斜体*、`代码`。\n\n> 引用\n> 第二行\n\n- 甲\n- 乙\n\n1. 一\n2. 二",
    "| 列 | 值 |\n|---|---:|\n| 上虞区 | 1200 |\n| 杭州 | 30 |",
    "[链接](/a/b) 与 ![图](a.png) 与 <span>原始</span> 与 [引用][1]\n\n[1]: /x",
    "    代码块\n    第二行\n\n```swift\nlet x = 1\n```\n\n---\n\nSetext\n======",
    "Latin words\nacross lines\\\nwith a break  \nand spaces. 中文\n接着写",
    "10:30 开会; 比如:这样; 网址 example.org 不自动成链接",
    "<script>alert(1)</script>\n\n[坏链接](javascript:alert(1))",
    "𠮷野家 👍🏽 é 组合字符 ̀ 与全角　空格",
    "* 一\n\n  继续\n* 二\n\n  ```\n  块\n  ```",
]

/// Documents that need an inline extension somewhere.
let extensionDocuments: [String] = [
    "工资~~拖欠~~已结清",
    "详见 https://example.org/news/1 。",
    "访问 www.example.com 。",
    "写信到 union@example.org 。",
    "WWW.EXAMPLE.COM 与 Www.example.com",
]

@Suite("Lock-free parsing", .serialized)
struct LockFreeParsingTests {
    @Test("documents with no inline-extension trigger render exactly as with every extension attached")
    func sameAsEveryExtension() {
        for document in plainDocuments {
            var source = document
            let needs = source.withUTF8 { MarkdownRenderer.needsInlineExtensions($0) }
            #expect(!needs, "\(document)")
            #expect(renderer.render(document) == renderer.renderWithEveryExtension(document), "\(document)")
        }
    }

    @Test("documents with a trigger take the locked path with every extension")
    func triggers() {
        for document in extensionDocuments {
            var source = document
            #expect(source.withUTF8 { MarkdownRenderer.needsInlineExtensions($0) }, "\(document)")
            #expect(renderer.render(document) == renderer.renderWithEveryExtension(document))
        }
        #expect(renderer.render("工资~~拖欠~~已结清").html.contains("<del>拖欠</del>"))
        #expect(renderer.render("写信到 union@example.org 。").html.contains("mailto:union@example.org"))
    }

    @Test("a trigger is found wherever it stands, the end of the text included")
    func triggersAnywhere() {
        // Every string of five pieces from an alphabet rich in near-triggers (so a trigger stands at
        // every offset, the end included), checked against the definition read one byte at a time.
        let pieces = ["~", "@", ":", "/", "w", "W", ".", "工", "a"]
        func reference(_ bytes: [UInt8]) -> Bool {
            bytes.indices.contains { index in
                let rest = bytes[index...]
                return rest.starts(with: Array("~".utf8)) || rest.starts(with: Array("@".utf8))
                    || rest.starts(with: Array("://".utf8)) || rest.map { $0 | 0x20 }.starts(with: Array("www".utf8))
                    && rest.dropFirst(3).first == UInt8(ascii: ".")
            }
        }
        var documents = [""]
        for _ in 1...5 { documents = documents.flatMap { prefix in pieces.map { prefix + $0 } } }
        var triggered = 0
        for document in documents {
            var source = document
            let needs = source.withUTF8 { MarkdownRenderer.needsInlineExtensions($0) }
            #expect(needs == reference(Array(document.utf8)), "\(document)")
            if needs { triggered += 1 }
        }
        #expect(triggered > 0 && triggered < documents.count)
        var empty = ""
        #expect(!empty.withUTF8 { MarkdownRenderer.needsInlineExtensions($0) })
    }

    @Test("lock-free and locked parses running together each give their serial result")
    func mixedConcurrency() {
        let documents = (0..<400).map { index in
            index % 2 == 0
                ? plainDocuments[index % plainDocuments.count] + "\n\n第\(index)段: 比如 w 和 : 都在。"
                : "# 标题\(index)\n\n~~第\(index)段~~ https://example.org/\(index) www.example\(index).com"
        }
        let expected = documents.map { renderer.render($0) }
        let results = Slots<RenderedMarkdown>(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: documents.count) { index in
            results.set(index, MarkdownRenderer().render(documents[index]))
        }
        let differing = documents.indices.filter { results.values[$0] != expected[$0] }
        #expect(differing.isEmpty, "\(differing.count) of \(documents.count) renders differ from their serial render")
    }

    @Test("plain text is tidied the same way by the fast and the general path")
    func tidy() {
        let samples = ["  甲  \n\n\n乙\n丙  \n\n", "a\r\nb\n\n c ", "\u{3000}全角\u{3000}\n\n\u{00A0}", " é\u{301} \n\n x", "\n\n", "",
                       "一丁 \n\n\n 鿿末", "丁䷀ 三\n", "乙ꀀ\n\n丙", "\n甲", "甲\n"]
        for sample in samples {
            #expect(MarkdownRenderer.tidyPlainText(sample) == Self.reference(sample), "\(sample.debugDescription)")
        }
        // The fast path takes the ideographs at its range's edges and refuses the scalars just outside.
        func fast(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { MarkdownRenderer.tidy($0) } != nil }
        #expect(fast("一伀倀鿿 甲\n乙"))
        #expect(!fast("䷀") && !fast("ꀀ"))
    }

    /// The original definition of the tidying, on characters.
    static func reference(_ text: String) -> String {
        var blocks: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
            if trimmed.isEmpty {
                if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(Substring(trimmed))
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
        return blocks.joined(separator: "\n\n")
    }
}
