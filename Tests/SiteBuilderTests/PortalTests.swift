import Foundation
import NewsLoader
import NewsModel
@testable import SiteBuilder
import Templates
import Testing

/// A site of `count` dated Markdown stories in one topic, day by day back from 2023-03-31.
private func datedSite(_ count: Int, baseURL: String? = nil, title: (Int) -> String = { "第\($0)篇报道" }) throws -> [String: Data] {
    var files: [String: String] = [:]
    var date = EditionDate(year: 2023, month: 3, day: 31)!
    for number in 1...count {
        files["a/\(number).md"] = "---\ntitle: \(title(number))\ndate: \(date.iso)\nregions: [杭州市]\ntopics: [产改]\nreporters: [王芳]\n---\n\n杭州市总工会推进产改工作。\n"
        date = date.adding(days: -1)
    }
    let root = try makeTree(files)
    defer { try? FileManager.default.removeItem(at: root) }
    let loaded = try testLoader.load(source: root)
    let output = MemoryOutput()
    _ = try SiteRenderer(site: SiteInfo(name: "测试网", description: "测试", baseURL: baseURL)).render(loaded.articles, into: output)
    return output.snapshot
}

private func text(_ site: [String: Data], _ path: String) throws -> String {
    String(decoding: try #require(site[path], "\(path) is written"), as: UTF8.self)
}

@Suite("A portal for readers and crawlers")
struct PortalTests {
    @Test("story text cannot close the JSON-LD script, and the JSON-LD parses as a NewsArticle")
    func jsonLDIsSafe() throws {
        let site = try datedSite(1, title: { _ in "\"</script><script>alert(1)</script>\"" })
        let page = try #require(site.first { $0.key.hasPrefix("articles/") }.map { String(decoding: $0.value, as: UTF8.self) })
        #expect(!page.contains("<script>alert(1)"))
        let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        #expect(json["@type"] as? String == "NewsArticle")
        #expect(json["headline"] as? String == "</script><script>alert(1)</script>")
        #expect(json["datePublished"] as? String == "2023-03-31T00:00:00+08:00")
        #expect((json["author"] as? [[String: String]])?.first?["name"] == "王芳")
    }

    @Test("feeds run newest first, hold at most 50 entries, and date them with +08:00")
    func feeds() throws {
        let site = try datedSite(60, baseURL: "https://news.example.org/")
        let atom = try text(site, "feed.xml")
        let updated = atom.matches(of: #/<published>([^<]+)</published>/#).map { String($0.1) }
        #expect(updated.count == SiteRenderer.feedEntries)
        #expect(updated.first == "2023-03-31T00:00:00+08:00")
        #expect(updated == updated.sorted(by: >))
        #expect(atom.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://news.example.org/feed.xml\"/>"))
        let rss = try text(site, "rss.xml")
        #expect(rss.contains("<pubDate>Fri, 31 Mar 2023 00:00:00 +0800</pubDate>"))
        #expect(site["regions/hangzhou/feed.xml"] != nil && site["topics/chan-gai/feed.xml"] != nil)
    }

    @Test("the news sitemap holds the stories of the two days before the newest one")
    func newsSitemap() throws {
        let site = try datedSite(5, baseURL: "https://news.example.org/")
        let news = try text(site, "news-sitemap.xml")
        let dates = news.matches(of: #/<news:publication_date>([^<]+)</news:publication_date>/#).map { String($0.1.prefix(10)) }
        #expect(Set(dates) == ["2023-03-31", "2023-03-30", "2023-03-29"])
        let sitemap = try text(site, "sitemap.xml")
        #expect(sitemap.contains("<lastmod>2023-03-27</lastmod>"))
        #expect(try text(site, "robots.txt").contains("Sitemap: https://news.example.org/news-sitemap.xml"))
    }

    @Test("a list of 45 stories runs over three pages of 20 with self-canonical pages and rel links")
    func pagination() throws {
        let site = try datedSite(45, baseURL: "https://news.example.org/")
        let second = try text(site, "topics/chan-gai/page/2/index.html")
        #expect(second.contains("<link rel=\"canonical\" href=\"https://news.example.org/topics/chan-gai/page/2/\">"))
        #expect(second.contains("<link rel=\"prev\" href=\"../../../../topics/chan-gai/\">"))
        #expect(second.contains("<link rel=\"next\" href=\"../../../../topics/chan-gai/page/3/\">"))
        #expect(second.matches(of: #/class="story-item"/#).count == 20)
        let third = try text(site, "topics/chan-gai/page/3/index.html")
        #expect(third.matches(of: #/class="story-item"/#).count == 5)
        #expect(site["topics/chan-gai/page/4/index.html"] == nil)
    }

    @Test("archives by month and by edition day, and a page per person")
    func archives() throws {
        let site = try datedSite(3)
        #expect(try text(site, "archive/index.html").contains("href=\"../archive/2023/03/\""))
        #expect(try text(site, "archive/2023/03/index.html").contains("第1篇报道"))
        #expect(try text(site, "editions/2023-03-30/index.html").contains("第2篇报道"))
        let person = try text(site, "people/wang-fang/index.html")
        #expect(person.contains("第3篇报道") && person.contains("记者"))
    }

    @Test("stories with no date are listed on a page of their own, linked from the archive; the home page leads to the archive")
    func undatedStories() throws {
        var files: [String: String] = [:]
        for number in 1...22 { files["u/\(number).md"] = "---\ntitle: 未注明日期的第\(number)篇\nregions: [宁波市]\n---\n\n宁波市总工会走访一线职工。\n" }
        files["d/1.md"] = "---\ntitle: 有日期的报道\ndate: 2023-03-31\nregions: [杭州市]\n---\n\n杭州市总工会推进产改工作。\n"
        let root = try makeTree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let output = MemoryOutput()
        _ = try SiteRenderer(site: SiteInfo(name: "测试网", description: "测试")).render(try testLoader.load(source: root).articles, into: output)
        let site = output.snapshot
        #expect(try text(site, "archive/index.html").contains("另有 <a href=\"../archive/undated/\">22 篇报道未注明日期</a>。"))
        let first = try text(site, "archive/undated/index.html")
        #expect(first.matches(of: #/class="story-item"/#).count == 20)
        #expect(!first.contains("有日期的报道"))
        #expect(try text(site, "archive/undated/page/2/index.html").matches(of: #/class="story-item"/#).count == 2)
        #expect(try text(site, "index.html").contains("<a href=\"archive/\">更多报道：往期回顾</a>"))
    }

    @Test("no page's headings skip a level: each comes at most one below the one before it")
    func headingLevels() throws {
        let site = try datedSite(25)
        var checked = 0
        for (path, bytes) in site where path.hasSuffix(".html") {
            let levels = String(decoding: bytes, as: UTF8.self).matches(of: #/<h([1-6])[ >]/#).compactMap { Int($0.1) }
            guard let first = levels.first else { continue }
            #expect(first == 1, "\(path) opens with an h1")
            for (before, after) in zip(levels, levels.dropFirst()) {
                #expect(after <= before + 1, "\(path): h\(before) then h\(after)")
            }
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test("reading time is counted the CJK way, by characters")
    func readingTime() throws {
        let body = String(repeating: "职工", count: 500)
        let article = Article(slug: Slug("x")!, headline: Headline(title: "标题"), body: .markdown(body),
                              source: SourceSpan(file: "x.md", firstLine: 1, lastLine: 1))
        let page = ArticlePage.render(article, body: HTML(), description: "", neighbours: .init(related: [], previous: nil, next: nil),
                                      context: PageContext(site: Site.defaultInfo, path: "articles/x/index.html"), characterCount: 1000).rendered
        #expect(page.contains("全文约1000字 · 阅读约3分钟"))
    }
}
