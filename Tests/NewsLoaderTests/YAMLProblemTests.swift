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
