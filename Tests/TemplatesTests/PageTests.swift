import Foundation
import Testing
import NewsModel
import Templates

/// The portal, as the tests call it.
let site = SiteInfo(name: "职工新闻网", description: "全省职工的新闻门户")

/// Composes an article for the templates (not a seed story).
func makeArticle(
    slug: String = "shuwu-daochejian",
    headline: Headline = Headline(title: "职工书屋开到车间"),
    byline: Byline = Byline(),
    attribution: String? = nil,
    kind: ArticleKind = .news,
    date: EditionDate? = nil,
    edition: Edition? = nil,
    regions: [Region] = [],
    topics: [Topic] = []
) -> Article {
    Article(
        slug: Slug(slug)!, headline: headline, byline: byline, attribution: attribution, kind: kind,
        date: date, edition: edition, regions: regions, topics: topics,
        body: .blocks([.paragraph("本报讯 职工书屋开到了车间。")]),
        source: SourceSpan(file: "pages/a.txt", firstLine: 1, lastLine: 4)
    )
}

let shangyu = Region(name: "上虞区", slug: "shangyu", level: .county, parent: "绍兴市")
let shaoxing = Region(name: "绍兴市", slug: "shaoxing", level: .city, parent: "浙江省")
let zhejiang = Region(name: "浙江省", slug: "zhejiang", level: .province, parent: nil)
let chanGai = Topic(name: "产改", slug: "chan-gai")

/// Renders an article page at its own path.
func articlePage(_ article: Article, body: HTML = "<p>正文</p>", description: String = "摘要",
                 neighbours: ArticlePage.Neighbours = .init(related: [], previous: nil, next: nil)) -> String {
    ArticlePage.render(article, body: body, description: description, neighbours: neighbours,
                       context: PageContext(site: site, path: "articles/\(article.slug.value)/index.html")).rendered
}

/// Every value of `href`, `src` and `action` attributes in `html`.
func linkTargets(in html: String) -> [String] {
    let pattern = /(?:href|src|action)="([^"]*)"/
    return html.matches(of: pattern).map { String($0.output.1) }
}

/// The text between the first `open` and the `close` after it.
func section(of html: String, from open: String, to close: String) -> String? {
    guard let start = html.range(of: open), let end = html.range(of: close, range: start.upperBound..<html.endIndex) else { return nil }
    return String(html[start.upperBound..<end.lowerBound])
}

@Suite("PageContext")
struct PageContextTests {
    @Test("the root page links to the root as ./ and to folders directly")
    func rootPage() {
        let context = PageContext(site: site, path: "index.html")
        #expect(context.root == "")
        #expect(context.link("") == "./")
        #expect(context.link("regions/") == "regions/")
        #expect(context.link("assets/site.css") == "assets/site.css")
        #expect(PageContext(site: site, path: "404.html").link("") == "./")
    }

    @Test("an article page two folders deep climbs two levels")
    func articlePageLinks() {
        let context = PageContext(site: site, path: "articles/x/index.html")
        #expect(context.root == "../../")
        #expect(context.link("") == "../../")
        #expect(context.link("articles/y/") == "../../articles/y/")
        #expect(context.link("assets/site.css") == "../../assets/site.css")
    }

    @Test("a directory page one folder deep climbs one level")
    func directoryPageLinks() {
        let context = PageContext(site: site, path: "regions/index.html")
        #expect(context.root == "../")
        #expect(context.link("") == "../")
        #expect(context.link("topics/") == "../topics/")
        #expect(PageContext(site: site, path: "regions/shangyu/index.html").link("regions/") == "../../regions/")
    }
}

@Suite("Layout")
struct LayoutTests {
    static let page = Layout.page(title: "标题", description: "描述", context: PageContext(site: site, path: "articles/x/index.html"), content: "<p id=\"content\">内容</p>").rendered

    @Test("the document is Chinese, UTF-8 and sized for phones")
    func head() {
        #expect(Self.page.hasPrefix("<!DOCTYPE html>"))
        #expect(Self.page.contains("<html lang=\"zh-CN\">"))
        #expect(Self.page.contains("<meta charset=\"utf-8\">"))
        #expect(Self.page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(Self.page.contains("<title>标题 · 职工新闻网</title>"))
    }

    @Test("a skip link to #main comes before the navigation, and #main holds the content")
    func skipLink() throws {
        let skip = try #require(Self.page.range(of: "href=\"#main\""))
        let nav = try #require(Self.page.range(of: "<nav"))
        #expect(skip.lowerBound < nav.lowerBound)
        let main = try #require(section(of: Self.page, from: "<main id=\"main\"", to: "</main>"))
        #expect(main.contains("<p id=\"content\">内容</p>"))
    }

    @Test("the navigation links to home, regions, topics, the archive and search relative to the page")
    func navigation() throws {
        let nav = try #require(section(of: Self.page, from: "<nav class=\"site-nav\"", to: "</nav>"))
        #expect(linkTargets(in: nav) == ["../../", "../../regions/", "../../topics/", "../../archive/", "../../search/"])
        #expect(Self.page.contains("href=\"../../assets/site.css\""))
        #expect(Self.page.contains("action=\"../../search/\""))
    }

    @Test("at the root the navigation links stay inside the site")
    func navigationAtRoot() throws {
        let page = Layout.page(title: nil, description: "描述", context: PageContext(site: site, path: "index.html"), content: HTML()).rendered
        let nav = try #require(section(of: page, from: "<nav class=\"site-nav\"", to: "</nav>"))
        #expect(linkTargets(in: nav) == ["./", "regions/", "topics/", "archive/", "search/"])
        #expect(page.contains("<title>职工新闻网</title>"))
    }

    @Test("the site name and description are escaped")
    func siteInfoEscaped() {
        let risky = SiteInfo(name: "A&B <工会>", description: "\"引号\"")
        let page = Layout.page(title: nil, description: risky.description, context: PageContext(site: risky, path: "index.html"), content: HTML()).rendered
        #expect(page.contains("<title>A&amp;B &lt;工会&gt;</title>"))
        #expect(page.contains("content=\"&quot;引号&quot;\""))
        #expect(!page.contains("<工会>"))
    }
}

@Suite("Article page")
struct ArticlePageTests {
    @Test("a title with markup is escaped in <title>, in <h1> and in pager links")
    func titleEscaped() throws {
        let title = "<script>alert('x')</script> & “工会”"
        let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; “工会”"
        let article = makeArticle(headline: Headline(title: title))
        let page = articlePage(article)
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("<title>\(escaped) · 职工新闻网</title>"))
        #expect(page.contains("<h1 class=\"article-title\">\(escaped)</h1>"))

        let other = makeArticle(slug: "other")
        let withPager = articlePage(other, neighbours: .init(related: [], previous: article, next: article))
        #expect(!withPager.contains("<script>alert"))
        #expect(withPager.contains("</span>\(escaped)</a>"))
    }

    @Test("the meta description is escaped inside its attribute")
    func descriptionEscaped() {
        let page = articlePage(makeArticle(), description: "他说：\"<b>加油</b>\" & '好'")
        #expect(page.contains("<meta name=\"description\" content=\"他说：&quot;&lt;b&gt;加油&lt;/b&gt;&quot; &amp; &#39;好&#39;\">"))
    }

    @Test("every headline part, name, term and attribution from the source is escaped")
    func allSourceTextEscaped() {
        let article = makeArticle(
            headline: Headline(column: "<zc>", kicker: "<zk>", title: "T", subtitle: "<zs>"),
            byline: Byline(reporters: ["<zr>"], correspondents: ["<zo>"], photographers: ["<zp>"]),
            attribution: "<za>",
            regions: [Region(name: "<zg>", slug: "g", level: .county, parent: nil)],
            topics: [Topic(name: "<zt>", slug: "t")]
        )
        let page = articlePage(article)
        // Markers that no template tag can be mistaken for.
        for marker in ["zc", "zk", "zs", "zr", "zo", "zp", "za", "zg", "zt"] {
            #expect(!page.contains("<\(marker)>"), "unescaped <\(marker)>")
            #expect(page.contains("&lt;\(marker)&gt;"), "missing escaped <\(marker)>")
        }
    }

    @Test("the rendered body is embedded as markup")
    func bodyEmbedded() throws {
        let page = articlePage(makeArticle(), body: HTML(unsafeRaw: "<h2>小标题</h2>\n<p>第一段</p>"))
        let body = try #require(section(of: page, from: "<div class=\"article-body\">", to: "</div>"))
        #expect(body.contains("<h2>小标题</h2>\n<p>第一段</p>"))
    }

    @Test("byline, date and edition are shown the way the paper prints them")
    func dateline() {
        let article = makeArticle(
            byline: Byline(reporters: ["王明"], correspondents: ["陈瑞瑶", "曹思怡"], photographers: ["赵强"]),
            date: EditionDate(year: 2021, month: 11, day: 22),
            edition: Edition(newspaper: "浙江工人日报", number: 11970, page: 3)
        )
        let page = articlePage(article)
        #expect(page.contains("<span>记者 王明</span> <span>通讯员 陈瑞瑶、曹思怡</span> <span>摄影 赵强</span>"))
        #expect(page.contains("<a href=\"../../editions/2021-11-22/\"><time datetime=\"2021-11-22\">2021年11月22日</time></a> · <span>浙江工人日报 第3版 总第11970号</span>"))
        #expect(articlePage(makeArticle(edition: Edition(number: 11970))).contains("<span>总第11970号</span>"))
    }

    @Test("a writer who took the pictures too is named once, as the paper prints it; a feature's writer is its 撰文")
    func writerPhotographed() {
        func byline(_ byline: Byline, kind: ArticleKind = .news) -> String? {
            let page = articlePage(makeArticle(byline: byline, kind: kind))
            return section(of: page, from: "<p class=\"article-byline\">", to: "</p>")
        }
        #expect(byline(Byline(reporters: ["邹伟锋"], photographers: ["邹伟锋"])) == "<span>记者 邹伟锋</span> <span>摄影报道</span>")
        #expect(byline(Byline(reporters: ["王明"], correspondents: ["李华"], photographers: ["王明", "李华", "赵强"]))
                == "<span>记者 王明</span> <span>通讯员 李华</span> <span>摄影报道</span> <span>摄影 赵强</span>")
        // Not every writer took pictures: each photographer is named, none is credited for another's.
        #expect(byline(Byline(reporters: ["王明"], correspondents: ["李华"], photographers: ["李华"]))
                == "<span>记者 王明</span> <span>通讯员 李华</span> <span>摄影 李华</span>")
        #expect(byline(Byline(reporters: ["叶知秋", "梁栋"], photographers: ["叶知秋"]), kind: .feature)
                == "<span>撰文 叶知秋、梁栋</span> <span>摄影 叶知秋</span>")
        #expect(byline(Byline(reporters: ["李志坚"], photographers: ["李志坚"]), kind: .feature) == "<span>撰文/摄影 李志坚</span>")
        #expect(byline(Byline(reporters: ["叶知秋"], photographers: ["梁栋"]), kind: .feature) == "<span>撰文 叶知秋</span> <span>摄影 梁栋</span>")
    }

    @Test("an article with no credits, date or terms shows no empty byline, dateline or chips")
    func noEmptyElements() {
        let page = articlePage(makeArticle())
        #expect(!page.contains("article-byline"))
        #expect(!page.contains("article-dateline"))
        #expect(!page.contains("article-terms"))
        #expect(!page.contains("article-attribution"))
        #expect(!page.contains("class=\"pager\""))
        #expect(!page.contains("class=\"related\""))
    }

    @Test("region, topic, related and pager links are relative to the article's folder")
    func relativeLinks() {
        let neighbour = makeArticle(slug: "linpian")
        let article = makeArticle(regions: [shangyu], topics: [chanGai])
        let page = articlePage(article, neighbours: .init(related: [StoryCard(article: neighbour, snippet: "片段")], previous: neighbour, next: nil))
        #expect(page.contains("href=\"../../regions/shangyu/\""))
        #expect(page.contains("href=\"../../topics/chan-gai/\""))
        #expect(page.contains("rel=\"prev\" href=\"../../articles/linpian/\""))
        // "./" is the page's own canonical link.
        for target in linkTargets(in: page) where !target.hasPrefix("#") && !target.hasPrefix("data:") && target != "./" {
            #expect(target.hasPrefix("../../"), "link \(target) does not climb to the site root")
        }
    }

    @Test("a reprint names the paper it comes from")
    func attribution() {
        #expect(articlePage(makeArticle(attribution: "江苏工人报")).contains("（据《江苏工人报》）"))
    }

    @Test("a photo story from a page dump says that the printed photo is not here; one with a picture, a Markdown one, and any other story, does not")
    func missingPictureNote() {
        let note = "原版照片未收录"
        let photo = makeArticle(kind: .photo)
        let page = articlePage(photo)
        #expect(page.contains(note))
        #expect(section(of: page, from: "<div class=\"article-body\">", to: "</div>")?.contains(note) == true, "in the body, above the caption")
        let pictured = ArticlePage.render(photo, body: "<p><img src=\"a.jpg\" alt=\"合影\"></p>", description: "摘要",
                                          neighbours: .init(related: [], previous: nil, next: nil),
                                          context: PageContext(site: site, path: "articles/\(photo.slug.value)/index.html"), image: "a.jpg").rendered
        #expect(!pictured.contains(note))
        #expect(!articlePage(makeArticle(kind: .news)).contains(note))
        var markdown = photo
        markdown.body = .markdown("骑手们在驿站前合影。")
        #expect(!articlePage(markdown).contains(note), "a Markdown story's missing picture is its editor's warning, not a note about the printed page")
        #expect(!articlePage(makeArticle(kind: .feature)).contains(note))
    }
}

@Suite("Page-dump body")
struct PageDumpBodyTests {
    @Test("paragraphs, subheadings and captions become <p>, <h2> and <p class=\"caption\">, escaped")
    func blocks() {
        let html = PageDumpBody.render([
            .paragraph("工资<2000元 & 加班"),
            .subheading("“小标题”'一'"),
            .caption("图为职工在<车间>读书"),
        ])
        #expect(html.rendered == """
        <p>工资&lt;2000元 &amp; 加班</p>
        <h2>“小标题”&#39;一&#39;</h2>
        <p class="caption">图为职工在&lt;车间&gt;读书</p>
        """)
    }

    @Test("no blocks render to nothing")
    func empty() {
        #expect(PageDumpBody.render([]).rendered.isEmpty)
    }
}

@Suite("Lists and term pages")
struct ListAndTermPageTests {
    @Test("a story item links the title relative to the page and shows the kind badge and date")
    func storyItem() {
        let article = makeArticle(kind: .photo, date: EditionDate(year: 2021, month: 3, day: 5), regions: [shangyu])
        let html = StoryList.item(StoryCard(article: article, snippet: "片段<1>"), context: PageContext(site: site, path: "topics/chan-gai/index.html")).rendered
        #expect(html.contains("<a href=\"../../articles/shuwu-daochejian/\">职工书屋开到车间</a>"))
        #expect(html.contains("图片新闻"))
        #expect(html.contains("<time datetime=\"2021-03-05\">2021年3月5日</time>"))
        #expect(html.contains("片段&lt;1&gt;"))
        #expect(StoryList.meta(makeArticle(kind: .feature), context: PageContext(site: site, path: "index.html"), linkTerms: false).rendered.contains("专题报道"))
    }

    @Test("a story's item made once serves every page: only the link differs with the page's depth")
    func storyItemPartsKept() {
        let article = makeArticle(headline: Headline(kicker: "引题<1>", title: "职工书屋开到车间"), kind: .feature,
                                  date: EditionDate(year: 2021, month: 3, day: 5), regions: [shangyu])
        let card = StoryCard(article: article, snippet: "片段 & 引文")
        let kept = StoryCard(article: article, snippet: card.snippet, itemParts: StoryList.itemParts(card))
        for (path, link) in [("index.html", "articles/shuwu-daochejian/"), ("topics/chan-gai/index.html", "../../articles/shuwu-daochejian/"),
                             ("archive/2021/03/page/2/index.html", "../../../../../articles/shuwu-daochejian/")] {
            let context = PageContext(site: site, path: path)
            let expected = "<li class=\"story-item\"><p class=\"story-kicker\">引题&lt;1&gt;</p><h3 class=\"story-title\"><a href=\"\(link)\">职工书屋开到车间</a></h3>"
                + "<p class=\"story-meta\"><span class=\"badge\">专题报道</span> · <time datetime=\"2021-03-05\">2021年3月5日</time> · <span>上虞区</span></p>"
                + "<p class=\"story-snippet\">片段 &amp; 引文</p></li>"
            #expect(StoryList.item(kept, context: context).rendered == expected)
            #expect(StoryList.item(card, context: context).rendered == expected)
        }
    }

    @Test("an empty list says so instead of rendering an empty <ol>")
    func emptyList() {
        let html = StoryList.list([], context: PageContext(site: site, path: "index.html")).rendered
        #expect(html == "<p class=\"empty\">暂无稿件。</p>")
    }

    @Test("a region page shows the way down from the province, in order")
    func regionBreadcrumbs() throws {
        let context = PageContext(site: site, path: "regions/shangyu/index.html")
        let page = TermPages.region(shangyu, ancestors: [shaoxing, zhejiang], children: [], stories: [StoryCard(article: makeArticle(), snippet: "")], total: 1, pagination: Pagination(page: 1, pageCount: 1, base: shangyu.url), context: context).rendered
        let trail = try #require(section(of: page, from: "<nav class=\"breadcrumbs\"", to: "</nav>"))
        #expect(linkTargets(in: trail) == ["../../regions/", "../../regions/zhejiang/", "../../regions/shaoxing/"])
        let order = ["地区", "浙江省", "绍兴市", "上虞区"].compactMap { trail.range(of: $0)?.lowerBound }
        #expect(order.count == 4 && order == order.sorted())
        #expect(page.contains("<h1 class=\"page-title\">上虞区</h1>"))
        #expect(page.contains("共 1 篇报道"))
    }

    @Test("an edition day's page shows the way down from the archive through its month")
    func editionBreadcrumbs() throws {
        let date = try #require(EditionDate(iso: "2021-09-05"))
        let context = PageContext(site: site, path: "editions/2021-09-05/index.html")
        let page = ArchivePages.day(date, stories: [StoryCard(article: makeArticle(), snippet: "")], context: context).rendered
        let trail = try #require(section(of: page, from: "<nav class=\"breadcrumbs\"", to: "</nav>"))
        #expect(linkTargets(in: trail) == ["../../archive/", "../../archive/2021/09/"])
        #expect(trail.contains(">2021年9月</a> › <span aria-current=\"page\">2021年9月5日</span>"))
        #expect(ArchivePages.monthURL(of: date) == ArchivePages.Month(month: date, count: 1, days: [date]).url)
    }

    @Test("the region directory nests children under their parent")
    func regionDirectory() {
        let tree = [TermCount(name: "浙江省", url: "regions/zhejiang/", count: 3, children: [
            TermCount(name: "绍兴市", url: "regions/shaoxing/", count: 2, children: [TermCount(name: "上虞区", url: "regions/shangyu/", count: 1)]),
        ])]
        let page = TermPages.regionDirectory(tree, context: PageContext(site: site, path: "regions/index.html")).rendered
        #expect(page.contains("<li><a href=\"../regions/zhejiang/\">浙江省</a> <span class=\"count\">3</span><ul class=\"region-tree\"><li><a href=\"../regions/shaoxing/\">绍兴市</a>"))
        #expect(TermPages.regionDirectory([], context: PageContext(site: site, path: "regions/index.html")).rendered.contains("暂无地区。"))
    }

    @Test("a topic name with markup is escaped on its page")
    func topicEscaped() {
        let page = TermPages.topic(Topic(name: "<i>新就业</i>", slug: "xin"), stories: [], total: 0, pagination: Pagination(page: 1, pageCount: 1, base: "topics/xin/"), context: PageContext(site: site, path: "topics/xin/index.html")).rendered
        #expect(!page.contains("<i>新就业</i>"))
        #expect(page.contains("<h1 class=\"page-title\">&lt;i&gt;新就业&lt;/i&gt;</h1>"))
    }
}

@Suite("Search and not-found pages")
struct UtilityPageTests {
    static let search = UtilityPages.search(context: PageContext(site: site, path: "search/index.html")).rendered

    @Test("the search page has the results element tools read, starting at zero")
    func resultsElement() throws {
        let match = try #require(Self.search.firstMatch(of: /<[a-z]+ [^>]*id="search-results"[^>]*>/))
        #expect(match.output.contains("data-result-count=\"0\""))
        #expect(Self.search.components(separatedBy: "id=\"search-results\"").count == 2, "exactly one results element")
    }

    @Test("the search form sends q and the script is linked relative to the page")
    func formAndScript() {
        #expect(Self.search.contains("name=\"q\""))
        #expect(Self.search.contains("<script src=\"../assets/search.js\" defer></script>"))
        #expect(Self.search.contains("href=\"../assets/site.css\""))
    }

    @Test("the not-found page is a complete Chinese document with the site name escaped")
    func notFound() {
        let page = UtilityPages.notFound(site: SiteInfo(name: "<工会>", description: "")).rendered
        #expect(page.contains("<html lang=\"zh-CN\">"))
        #expect(page.contains("name=\"viewport\""))
        #expect(page.contains("&lt;工会&gt;"))
        #expect(!page.contains("<工会>"))
        // Served at any missing address, it links to the root (or the site's own address) and asks
        // the browser for no icon.
        #expect(page.contains("<a href=\"/\">"))
        #expect(page.contains("<link rel=\"icon\" href=\"data:,\">"))
        let portal = UtilityPages.notFound(site: SiteInfo(name: "职工新闻网", description: "", baseURL: "https://news.example.org/portal")).rendered
        #expect(portal.contains("<a href=\"/portal/\">"))
        #expect(UtilityPages.notFound(site: SiteInfo(name: "职工新闻网", description: "", baseURL: "https://news.example.org")).rendered
            .contains("<a href=\"/\">"))
    }

    @Test("a site address with characters beyond ASCII is percent-encoded, so that sitemaps and feeds hold URLs as written")
    func addressBeyondASCII() {
        let site = SiteInfo(name: "职工新闻网", description: "", baseURL: "https://news.example.org/新闻")
        #expect(site.baseURL == "https://news.example.org/%E6%96%B0%E9%97%BB/")
        #expect(site.absolute("articles/a/") == "https://news.example.org/%E6%96%B0%E9%97%BB/articles/a/")
        let sitemap = Sitemaps.sitemap([Sitemaps.Page(path: "articles/a/", lastModified: nil)], site: site).rendered
        #expect(sitemap.contains("<loc>https://news.example.org/%E6%96%B0%E9%97%BB/articles/a/</loc>"))
        #expect(sitemap.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(UtilityPages.notFound(site: site).rendered.contains("<a href=\"/%E6%96%B0%E9%97%BB/\">"))
        #expect(SiteInfo(name: "", description: "", baseURL: "https://example.org/a%20b/").baseURL == "https://example.org/a%20b/", "ASCII as it was")
    }

    @Test("without a site address the home page's entry in the sitemap is ./, never an empty address")
    func homeWithoutAddress() {
        let site = SiteInfo(name: "职工新闻网", description: "")
        let sitemap = Sitemaps.sitemap([Sitemaps.Page(path: "", lastModified: nil), Sitemaps.Page(path: "articles/a/", lastModified: nil)], site: site).rendered
        #expect(sitemap.contains("<loc>./</loc>") && sitemap.contains("<loc>articles/a/</loc>"))
        #expect(!sitemap.contains("<loc></loc>"))
        #expect(SiteInfo(name: "", description: "", baseURL: "https://example.org").absolute("") == "https://example.org/")
    }
}

/// Readers are on phones behind whatever network the province has: pages must not pull fonts,
/// scripts or styles from other hosts.
@Suite("No external resources")
struct NoExternalResourceTests {
    /// One page of every kind, with every optional part present.
    static func everyPage() -> [(name: String, html: String)] {
        let article = makeArticle(
            headline: Headline(column: "栏目", kicker: "引题", title: "主题", subtitle: "副题"),
            byline: Byline(reporters: ["王明"]), attribution: "江苏工人报", kind: .feature,
            date: EditionDate(year: 2021, month: 11, day: 22), edition: Edition(newspaper: "浙江工人日报", number: 1, page: 2),
            regions: [shangyu], topics: [chanGai]
        )
        let card = StoryCard(article: article, snippet: "片段")
        let term = TermCount(name: "上虞区", url: "regions/shangyu/", count: 1)
        return [
            ("home", HomePage.render(latest: [card, card], topics: [term], cities: [term], context: PageContext(site: site, path: "index.html")).rendered),
            ("article", articlePage(article, neighbours: .init(related: [card], previous: article, next: article))),
            ("region", TermPages.region(shangyu, ancestors: [shaoxing, zhejiang], children: [term], stories: [card], total: 1, pagination: Pagination(page: 1, pageCount: 1, base: shangyu.url), context: PageContext(site: site, path: "regions/shangyu/index.html")).rendered),
            ("topic", TermPages.topic(chanGai, stories: [card], total: 1, pagination: Pagination(page: 1, pageCount: 1, base: chanGai.url), context: PageContext(site: site, path: "topics/chan-gai/index.html")).rendered),
            ("regions", TermPages.regionDirectory([term], context: PageContext(site: site, path: "regions/index.html")).rendered),
            ("topics", TermPages.topicDirectory([term], context: PageContext(site: site, path: "topics/index.html")).rendered),
            ("search", UtilityPages.search(context: PageContext(site: site, path: "search/index.html")).rendered),
            ("404", UtilityPages.notFound(site: site).rendered),
        ]
    }

    @Test("no page refers to an http:// or https:// URL or a protocol-relative one")
    func pagesStayLocal() {
        for (name, var html) in Self.everyPage() {
            // The JSON-LD vocabulary is a name, not a resource the page loads.
            html = html.replacingOccurrences(of: "\"@context\":\"https://schema.org\"", with: "")
            #expect(!html.contains("http://"), "\(name) page refers to http://")
            #expect(!html.contains("https://"), "\(name) page refers to https://")
            for target in linkTargets(in: html) {
                #expect(!target.hasPrefix("//"), "\(name) page links to \(target)")
            }
        }
    }

    @Test("the stylesheet and the search script load nothing from other hosts")
    func assetsStayLocal() throws {
        let assets = try Assets.all()
        #expect(assets.map(\.path) == ["assets/site.css", "assets/search.js"])
        for asset in assets {
            let text = String(decoding: asset.contents, as: UTF8.self)
            #expect(!text.isEmpty, "\(asset.path) is empty")
            #expect(!text.contains("http://"), "\(asset.path) refers to http://")
            #expect(!text.contains("https://"), "\(asset.path) refers to https://")
            #expect(!text.contains("@import"), "\(asset.path) imports another stylesheet")
        }
    }

    @Test("pages below the root never link with an absolute path")
    func relativeEverywhere() {
        for (name, html) in Self.everyPage() where name != "404" {
            for target in linkTargets(in: html) {
                #expect(!target.hasPrefix("/"), "\(name) page links to \(target)")
            }
        }
    }
}
