import Foundation
@testable import NewsLoader
import Testing

/// Malformed YAML is reported on the line an editor has to fix, in front matter, sidecars and
/// `site.yml` alike.
@Suite("Where malformed YAML is reported")
struct YAMLProblemTests {
    @Test("a bracket or quote left open is reported where it was opened, naming the line where it was noticed")
    func leftOpen() throws {
        let bracket = MarkdownArticleReader().read("---\ntitle: [不闭合\ndate: 2023-04-29\n---\n\n正文。\n", file: "a.md")
        let error = try #require(bracket.diagnostics.first { $0.severity == .error })
        #expect(error.line == 2)
        #expect(error.message.contains("noticed on line 3"), "\(error.message)")
        let quote = MarkdownArticleReader().read("---\ndate: 2023-04-29\ntitle: \"不闭合\nkind: news\n---\n\n正文。\n", file: "a.md")
        #expect(quote.diagnostics.first { $0.severity == .error }?.line == 3)
    }

    @Test("the slips editors make are named: a colon and a space in an unquoted value, a tab among the spaces")
    func slipsNamed() throws {
        let colon = MarkdownArticleReader().read("---\ntitle: 记者手记: 骑手的一天\ndate: 2023-04-29\n---\n\n正文。\n", file: "a.md")
        let colonError = try #require(colon.diagnostics.first { $0.severity == .error })
        #expect(colonError.line == 2)
        #expect(colonError.message.hasSuffix("; a value holding “: ” must be quoted (title: \"…\"), or use a full-width colon “：”"), "\(colonError.message)")
        let tab = MarkdownArticleReader().read("---\ntitle: 甲\nregions:\n\t- 杭州市\n---\n\n正文。\n", file: "a.md")
        let tabError = try #require(tab.diagnostics.first { $0.severity == .error })
        #expect(tabError.line == 4)
        #expect(tabError.message.hasSuffix("; the line holds a tab: YAML indents with spaces only"), "\(tabError.message)")
        // A full-width colon, or a quoted value, is no slip.
        #expect(MarkdownArticleReader().read("---\ntitle: \"记者手记: 骑手\"\nkicker: 记者手记：骑手\n---\n\n正文。\n", file: "a.md").article != nil)
    }

    @Test("a line that breaks a block (indented unlike the lines above it) is reported on itself, not where the block began")
    func blockBroken() throws {
        let list = MarkdownArticleReader().read("---\ntitle: 甲\ndate: 2023-04-29\nregions:\n  - 杭州市\n - 宁波市\n---\n\n正文。\n", file: "a.md")
        let listError = try #require(list.diagnostics.first { $0.severity == .error })
        #expect(listError.line == 6, "\(listError)")
        #expect(listError.message.contains("indented unlike the lines above it"), "\(listError.message)")
        #expect(!listError.message.contains("begun on this line"), "\(listError.message)")
        let trailing = MarkdownArticleReader().read("---\ntitle: 甲\nkicker: \"引题\" 之后\n---\n\n正文。\n", file: "a.md")
        #expect(trailing.diagnostics.first { $0.severity == .error }?.line == 3)
    }

    @Test("a key typed with a full-width colon (title：…) is named on its line, with the colon to use")
    func fullWidthColonKey() throws {
        for (text, line) in [("---\ntitle：温州鹿城工会驿站启用\ndate: 2023-04-29\n---\n\n正文。\n", 2),
                             ("---\ntitle: 甲\ntopics：[产改, 技能竞赛]\ndate: 2023-04-29\n---\n\n正文。\n", 3),
                             ("---\ntitle：温州鹿城工会驿站启用\n---\n\n正文。\n", 2)] {
            let article = MarkdownArticleReader().read(text, file: "a.md")
            let error = try #require(article.diagnostics.first { $0.severity == .error })
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains("full-width colon") && error.message.contains(": …`"), "\(error.message)")
        }
        // A full-width colon inside a value is the value's.
        #expect(MarkdownArticleReader().read("---\ntitle: 工会：答问\n---\n\n正文。\n", file: "a.md").article != nil)
    }

    @Test("a tab inside a value is no indentation slip: the colon in the value is named")
    func tabInsideValue() throws {
        let article = MarkdownArticleReader().read("---\ntitle: 记者手记\t工会: 答问\n---\n\n正文。\n", file: "a.md")
        let error = try #require(article.diagnostics.first { $0.severity == .error })
        #expect(error.message.hasSuffix("or use a full-width colon “：”"), "\(error.message)")
    }

    @Test("the entries before and after a YAML syntax error are still checked: every mistake is told in one round")
    func mistakesAroundSyntaxError() throws {
        let text = "---\ndate: 2023-02-30\ntitle: 记者手记: 骑手\nregions: [杭州市\nkind: report\n---\n\n正文。\n"
        let article = MarkdownArticleReader().read(text, file: "a.md")
        #expect(article.article == nil)
        let errors = article.diagnostics.filter { $0.severity == .error }
        // The date before the broken title; the title's colon; nothing of the open bracket's
        // lines, which YAML read to the end; no title called missing, as its line was not read.
        #expect(errors.map(\.line) == [2, 3], "\(errors)")
        #expect(errors.first?.message.contains("no such day") == true)
        let after = MarkdownArticleReader().read("---\ntitle: 记者手记: 骑手\ndate: 2023-02-30\nkind: report\nsummary: 多余\n---\n\n正文。\n", file: "a.md")
        #expect(after.diagnostics.filter { $0.severity == .error }.map(\.line) == [2, 3, 4], "\(after.diagnostics)")
        #expect(after.diagnostics.contains { $0.severity == .warning && $0.line == 5 && $0.message.contains("unknown key `summary`") })
    }

    @Test("a Markdown article saved as UTF-16 is an error that says to save it as UTF-8")
    func utf16() throws {
        let text = "---\ntitle: 甲\n---\n\n正文。\n"
        let littleEndian: [UInt8] = text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let withMark: [UInt8] = [0xFF, 0xFE] + littleEndian
        for (name, bytes) in [("le.md", withMark), ("bare.md", littleEndian)] {
            let root = try makeSourceTree([:])
            defer { try? FileManager.default.removeItem(at: root) }
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Data(bytes).write(to: root.appendingPathComponent(name))
            do {
                _ = try sharedLoader.load(source: root)
                Issue.record("\(name) loaded")
            } catch {
                #expect(error.diagnostics.first?.message == "the file is UTF-16 text (as some Windows editors save it): save it as UTF-8", "\(name)")
            }
        }
        #expect(!NewsLoader.looksUTF16(Data("---\ntitle: 甲\n".utf8)))
    }

    @Test("a key given twice is reported where it is given again")
    func duplicateKey() throws {
        let article = MarkdownArticleReader().read("---\ntitle: 甲\ndate: 2023-04-29\ntitle: 乙\n---\n\n正文。\n", file: "a.md")
        #expect(article.diagnostics.first { $0.severity == .error }?.line == 4)
        let (_, sidecar) = PageSidecar.read("date: 2023-01-01\npage: 1\ndate: 2023-01-02\n", file: "p.yml")
        let error = try #require(sidecar.first { $0.severity == .error })
        #expect(error.line == 3 && error.message == "malformed YAML: duplicate key date", "\(error)")
    }

    @Test("a sidecar's or the site settings' problem has a line within the file, and a message of one line")
    func sidecarAndSettings() throws {
        let (_, sidecar) = PageSidecar.read("date: 2023-01-01\npage: 1\nnumber: 2\nkind: [bad\n", file: "p.yml")
        let sidecarError = try #require(sidecar.first { $0.severity == .error })
        #expect(sidecarError.line == 4)
        let (_, settings) = SiteSettings.read("name: 职工新闻网\nurl: [broken\ndescription: 新闻\n", file: "site.yml")
        let settingsError = try #require(settings.first { $0.severity == .error })
        #expect(settingsError.line == 2)
        #expect(settingsError.description.hasPrefix("site.yml:2: error: [site settings] malformed YAML:"))
        #expect(!settingsError.description.contains("\n"))
    }

    @Test("site settings that are not a mapping are an error; empty ones are no settings")
    func settingsNotAMapping() throws {
        let (settings, diagnostics) = SiteSettings.read("- 职工新闻网\n- 新闻\n", file: "site.yml")
        #expect(settings == nil)
        #expect(diagnostics.map(\.description) == ["site.yml:1: error: [site settings] site settings must be a mapping of `key: value` lines (name, description, url)"])
        let (empty, none) = SiteSettings.read("", file: "site.yml")
        #expect(empty != nil && none.isEmpty)
    }

    @Test("a site address is an http(s) address of a host with no query, fragment or space: every page's address is it and a path")
    func siteAddresses() throws {
        for good in ["https://news.example.org/", "http://localhost:8080/portal/", "https://news.example.org/%E6%8A%A5/"] {
            #expect(SiteSettings.problem(withAddress: good) == nil, "\(good)")
        }
        let bad = ["news.example.org": "http://", "https:///x": "no host", "https://news.example.org/?x=1": "query",
                   "https://news.example.org/#top": "fragment", "https://news.example.org/a b/": "cannot hold", "https://x.org/\"/": "cannot hold"]
        for (address, reason) in bad {
            #expect(SiteSettings.problem(withAddress: address)?.contains(reason) == true, "\(address)")
        }
        let (settings, diagnostics) = SiteSettings.read("name: 职工新闻网\nurl: https://news.example.org/?lang=zh\n", file: "site.yml")
        #expect(settings == nil)
        #expect(diagnostics.first?.line == 2 && diagnostics.first?.message.contains("query") == true)
    }
}
