import Foundation
import NewsLoader
import NewsModel
import Templates

/// Renders every page of the site from the loaded articles into an output sink.
///
/// Pages are rendered in parallel, in batches, and written as each batch is done, so the whole
/// site is never held in memory at once.
public struct SiteRenderer: Sendable {
    /// The portal's name, description and address.
    public var site: SiteInfo
    /// Reads people's names for their pages' slugs.
    public var pinyin: Pinyin?
    /// Pages rendered between two writes.
    static let batchSize = 256
    /// Entries per feed.
    public static let feedEntries = 50

    /// Creates a renderer for `site`; people's slugs are read with `pinyin` (the bundled tables by default).
    public init(site: SiteInfo, pinyin: Pinyin? = try? Pinyin.bundled()) {
        self.site = site
        self.pinyin = pinyin
    }

    /// What a render produced.
    public struct Summary: Sendable {
        /// Files written.
        public var files: Int
        /// Articles on the site.
        public var articles: Int
    }

    private typealias Job = @Sendable () -> (String, Data)

    /// Renders the site for `articles` into `sink`.
    public func render(_ articles: [Article], into sink: any OutputSink) throws -> Summary {
        let plan = SitePlan(articles)
        let bodies = BodyRenderer()
        let texts = ConcurrentMap.map(plan.articles) { bodies.render($0) }
        let cards = zip(plan.articles, texts).map { StoryCard(article: $0, snippet: Excerpt.snippet($1.plainText)) }
        let people = PeopleIndex(articles: plan.articles, pinyin: pinyin)
        let site = self.site
        var jobs: [Job] = []

        func page(_ path: String, _ render: @escaping @Sendable (PageContext) -> HTML) -> Job {
            { (path, Data(render(PageContext(site: site, path: path)).rendered.utf8)) }
        }
        /// Pages of a list of stories: `base/index.html`, `base/page/2/index.html`, …
        func paginated(_ base: String, _ positions: [Int],
                       _ render: @escaping @Sendable ([StoryCard], Pagination, PageContext) -> HTML) {
            let pageCount = max(1, (positions.count + Pagination.pageSize - 1) / Pagination.pageSize)
            for number in 1...pageCount {
                let pagination = Pagination(page: number, pageCount: pageCount, base: base)
                let slice = positions.dropFirst((number - 1) * Pagination.pageSize).prefix(Pagination.pageSize).map { cards[$0] }
                jobs.append(page(pagination.folder + "index.html") { render(slice, pagination, $0) })
            }
        }

        for (index, article) in plan.articles.enumerated() {
            let text = texts[index]
            let neighbours = ArticlePage.Neighbours(
                related: plan.related(to: index).map { cards[$0] },
                previous: index > 0 ? plan.articles[index - 1] : nil,
                next: index + 1 < plan.articles.count ? plan.articles[index + 1] : nil
            )
            let characters = text.plainText.reduce(0) { $1.isWhitespace ? $0 : $0 + 1 }
            let personURLs = people.urls.filter { article.byline.allNames.contains($0.key) }
            jobs.append(page(article.url + "index.html") { context in
                ArticlePage.render(article, body: text.html, description: Excerpt.description(text.plainText),
                                   neighbours: neighbours, context: context, characterCount: characters, personURLs: personURLs)
            })
        }
        for region in plan.regions.values.sorted(by: { $0.slug < $1.slug }) {
            let positions = plan.regionStories[region.slug] ?? []
            let ancestors = plan.ancestors(of: region)
            let children = plan.children(of: region).map { TermCount(name: $0.name, url: $0.url, count: plan.regionStories[$0.slug]?.count ?? 0) }
            paginated(region.url, positions) { stories, pagination, context in
                TermPages.region(region, ancestors: ancestors, children: children, stories: stories, total: positions.count,
                                 pagination: pagination, context: context)
            }
        }
        for topic in plan.sortedTopics {
            let positions = plan.topicStories[topic.slug] ?? []
            paginated(topic.url, positions) { stories, pagination, context in
                TermPages.topic(topic, stories: stories, total: positions.count, pagination: pagination, context: context)
            }
        }
        let archive = plan.archive
        for month in archive.months {
            let positions = archive.monthStories[month.url] ?? []
            paginated(month.url, positions) { stories, pagination, context in
                ArchivePages.month(month.month, stories: stories, total: positions.count, pagination: pagination, context: context)
            }
        }
        for (day, positions) in archive.dayStories {
            let stories = positions.map { cards[$0] }
            jobs.append(page(ArchivePages.dayURL(day) + "index.html") { ArchivePages.day(day, stories: stories, context: $0) })
        }
        for person in people.people {
            paginated(person.url, people.stories[person.name] ?? []) { stories, pagination, context in
                ArchivePages.person(person, stories: stories, pagination: pagination, context: context)
            }
        }
        let topicCounts = plan.sortedTopics.map { TermCount(name: $0.name, url: $0.url, count: plan.topicStories[$0.slug]?.count ?? 0) }
        let tree = plan.topRegions.map(plan.regionTree)
        let cities = plan.regions.values.filter { $0.level == .city }
            .sorted { (plan.regionStories[$0.slug]?.count ?? 0, $1.slug) > (plan.regionStories[$1.slug]?.count ?? 0, $0.slug) }
            .map { TermCount(name: $0.name, url: $0.url, count: plan.regionStories[$0.slug]?.count ?? 0) }
        let latest = Array(cards.prefix(SitePlan.homeStories))
        let peopleList = people.people
        let undated = plan.articles.filter { $0.date == nil }.count
        jobs.append(page("index.html") { HomePage.render(latest: latest, topics: topicCounts, cities: cities, context: $0) })
        jobs.append(page("regions/index.html") { TermPages.regionDirectory(tree, context: $0) })
        jobs.append(page("topics/index.html") { TermPages.topicDirectory(topicCounts, context: $0) })
        jobs.append(page("archive/index.html") { ArchivePages.index(archive.months, undated: undated, context: $0) })
        jobs.append(page("people/index.html") { ArchivePages.people(peopleList, context: $0) })
        let regionOptions = plan.regions.values.sorted { ($0.level.depth, $0.slug) < ($1.level.depth, $1.slug) }.map { ($0.slug, $0.name) }
        let topicOptions = plan.sortedTopics.map { ($0.slug, $0.name) }
        jobs.append(page("search/index.html") { UtilityPages.search(regions: regionOptions, topics: topicOptions, context: $0) })
        jobs.append({ ("404.html", Data(UtilityPages.notFound(site: site).rendered.utf8)) })
        jobs += feedJobs(plan: plan, texts: texts)
        jobs += crawlerJobs(plan: plan, people: people)

        var written = 0
        var start = 0
        while start < jobs.count {
            let batch = Array(jobs[start..<min(jobs.count, start + Self.batchSize)])
            for (path, data) in ConcurrentMap.map(batch, { $0() }) { try sink.write(path, data) }
            written += batch.count
            start += Self.batchSize
        }

        let documents = zip(plan.articles, texts).map { article, text in
            SearchIndex.Document(
                url: article.url, title: article.headline.title, kicker: article.headline.kicker,
                headline: [article.headline.title] + [article.headline.kicker, article.headline.subtitle, article.headline.column].compactMap { $0 },
                date: article.date?.iso ?? "", region: article.regions.first?.name ?? "",
                regionSlugs: article.regions.map(\.slug), topicSlugs: article.topics.map(\.slug), text: text.plainText)
        }
        for (path, data) in SearchIndex.files(for: documents) {
            try sink.write(path, data)
            written += 1
        }
        for asset in try Assets.all() {
            try sink.write(asset.path, asset.contents)
            written += 1
        }
        return Summary(files: written, articles: plan.articles.count)
    }

    /// Atom feeds for the site, each region and each topic, and the site's RSS feed.
    private func feedJobs(plan: SitePlan, texts: [RenderedBody]) -> [Job] {
        let site = self.site
        func entries(_ positions: [Int]) -> [FeedEntry] {
            positions.filter { plan.articles[$0].date != nil }.prefix(Self.feedEntries).map {
                FeedEntry(article: plan.articles[$0], summary: Excerpt.description(texts[$0].plainText), content: texts[$0].html)
            }
        }
        let all = entries(Array(plan.articles.indices))
        var jobs: [Job] = [
            { ("feed.xml", Data(Feeds.atom(title: site.name, path: "feed.xml", pagePath: "", entries: all, site: site).utf8)) },
            { ("rss.xml", Data(Feeds.rss(path: "rss.xml", entries: all, site: site).utf8)) },
        ]
        for region in plan.regions.values {
            let regionEntries = entries(plan.regionStories[region.slug] ?? [])
            jobs.append({ (region.url + "feed.xml", Data(Feeds.atom(title: "\(region.name) · \(site.name)", path: region.url + "feed.xml",
                                                                   pagePath: region.url, entries: regionEntries, site: site).utf8)) })
        }
        for topic in plan.topics.values {
            let topicEntries = entries(plan.topicStories[topic.slug] ?? [])
            jobs.append({ (topic.url + "feed.xml", Data(Feeds.atom(title: "\(topic.name) · \(site.name)", path: topic.url + "feed.xml",
                                                                  pagePath: topic.url, entries: topicEntries, site: site).utf8)) })
        }
        return jobs
    }

    /// `sitemap.xml`, the Google News sitemap and `robots.txt`.
    private func crawlerJobs(plan: SitePlan, people: PeopleIndex) -> [Job] {
        let site = self.site
        let newest = plan.articles.compactMap(\.date).max()
        var pages = ["", "regions/", "topics/", "archive/", "people/"].map { Sitemaps.Page(path: $0, lastModified: newest) }
        func newestDate(_ positions: [Int]?) -> EditionDate? { positions?.compactMap { plan.articles[$0].date }.max() }
        pages += plan.regions.values.sorted { $0.slug < $1.slug }.map { Sitemaps.Page(path: $0.url, lastModified: newestDate(plan.regionStories[$0.slug])) }
        pages += plan.topics.values.sorted { $0.slug < $1.slug }.map { Sitemaps.Page(path: $0.url, lastModified: newestDate(plan.topicStories[$0.slug])) }
        pages += plan.archive.months.map { Sitemaps.Page(path: $0.url, lastModified: newestDate(plan.archive.monthStories[$0.url])) }
        pages += plan.archive.dayStories.map { Sitemaps.Page(path: ArchivePages.dayURL($0.key), lastModified: $0.key) }
        pages += people.people.map { Sitemaps.Page(path: $0.url, lastModified: newestDate(people.stories[$0.name])) }
        pages += plan.articles.map { Sitemaps.Page(path: $0.url, lastModified: $0.date) }
        let articles = plan.articles
        let sitemapPages = pages
        return [
            { ("sitemap.xml", Data(Sitemaps.sitemap(sitemapPages, site: site).utf8)) },
            { ("news-sitemap.xml", Data(Sitemaps.newsSitemap(articles, site: site).utf8)) },
            { ("robots.txt", Data(Sitemaps.robots(site: site).utf8)) },
        ]
    }
}
