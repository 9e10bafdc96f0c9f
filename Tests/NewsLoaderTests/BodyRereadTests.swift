import Foundation
import Testing
@testable import NewsLoader
import NewsModel

/// A build reads each Markdown body twice — to load the story, then to render its page — and the
/// second time finds the body among the file's bytes without decoding them: it must be exactly the
/// body the first read gave.
@Suite("a Markdown body read again as bytes")
struct BodyRereadTests {
    /// Texts with front matter written in the ways editors write it.
    static let withFrontMatter = [
        "---\ntitle: 甲\n---\n\n正文。\n",
        "---\ntitle: 甲\ndate: 2024-01-02\n---\t\n正文一。  \n\n正文二。",
        "---\ntitle: 甲\n...\n正文在省略号后。",
        " --- \ntitle: \"引号\"\n  ---  \n\n## 小标题\n\n---\n\n分隔线后。\n",
        "---\n# 注释\ntitle: 甲\nregions:\n  - 杭州市\n  - 萧山区\n---\n",
        "---\ntitle: 甲\n---",
        "---\ntitle: 甲\n---\n\n\n",
        "---\ntitle: 甲\ntopics: [产改, 建会入会]\n----\n--- x\n---\n正文。\n",
        "---\ntitle: 甲\nkicker: ---\n---\n正文。\n",
    ]

    /// Texts that are not articles: no front matter, or front matter never closed.
    static let withoutFrontMatter = ["正文。\n", "---\ntitle: 没有结束\n正文。", "", "---", "\n---\ntitle: 甲\n---\n正文。\n", "- - -\n---\n正文\n"]

    /// What `bodyRange(ofUTF8:)` finds in `text`.
    static func found(_ text: String) -> MarkdownArticleReader.BodyInBytes {
        Array(text.utf8).withUnsafeBufferPointer { MarkdownArticleReader.bodyRange(ofUTF8: $0) }
    }

    @Test("found among the bytes, the body is the one read from the text", arguments: withFrontMatter)
    func sameBody(text: String) throws {
        guard case .body(let range) = Self.found(text) else {
            Issue.record("no body found in \(text.debugDescription): \(Self.found(text))")
            return
        }
        let body = try #require(MarkdownArticleReader.body(of: text))
        #expect(Array(text.utf8)[range] == ArraySlice(body.utf8))
        if let article = MarkdownArticleReader().read(text, file: "a.md").article { #expect(body == article.markdown) }
    }

    @Test("a text without front matter has no body among its bytes either", arguments: withoutFrontMatter)
    func noBody(text: String) {
        #expect(MarkdownArticleReader.body(of: text) == nil)
        #expect(Self.found(text) == .none)
    }

    @Test("a fence among Unicode spaces is left to the text, which trims them")
    func unicodeSpaces() {
        for text in ["---\ntitle: 甲\n\u{3000}---\n正文。\n", "---\ntitle: 甲\n---\u{3000}\n正文。\n", "\u{00A0}---\ntitle: 甲\n---\n正文。\n"] {
            #expect(Self.found(text) == .undecided, "\(text.debugDescription)")
            #expect(MarkdownArticleReader.body(of: text) != nil, "\(text.debugDescription)")
        }
    }

    @Test("read again from the file, the body's bytes are the loaded body's, whatever the file's encoding")
    func fromFile() throws {
        let story = "---\ntitle: 职工驿站\n---\n\n本报讯 正文一。\n\n正文二。\n"
        let variants: [(name: String, bytes: [UInt8])] = [
            ("plain.md", Array(story.utf8)),
            ("crlf.md", Array(story.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
            ("bom.md", [0xEF, 0xBB, 0xBF] + Array(story.utf8)),
            ("spaced.md", Array(story.replacingOccurrences(of: "\n---\n", with: "\n---\u{3000}\n").utf8)),
            // No byte-order mark, NUL or carriage return, as plain UTF-8 has none: its bytes are not the body's.
            ("gb18030.md", Array(try SourceEncodingTests.gb18030(story))),
        ]
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-reread-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, bytes) in variants {
            let url = root.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            let file = SourceFile(root: root.path, relativePath: name, kind: .markdown, stamp: FileStamp(size: 0, modified: 0, changed: 0, inode: 0))
            let (result, hash) = sharedLoader.loadMarkdownFile(file)
            let article = try #require(result.articles.first, "\(name)")
            guard case .markdown(let body) = article.body else {
                Issue.record("\(name): not a Markdown body")
                continue
            }
            #expect(sharedLoader.markdownBodyUTF8(of: file, contentHash: hash) == Array(body.utf8), "\(name)")
            #expect(sharedLoader.markdownBodyUTF8(of: file, contentHash: hash &+ 1) == nil, "\(name): another file's bytes")
        }
    }
}
