import Foundation
import NewsModel
import Templates

/// Renders every page of the site from the loaded articles into an output sink.
///
/// Pages are rendered in parallel, in batches, and written as each batch is done, so the whole
/// site is never held in memory at once.
public struct SiteRenderer: Sendable {
    /// The portal's name and description.
    public var site: SiteInfo
    /// Pages rendered between two writes.
    static let batchSize = 256

    /// Creates a renderer for `site`.
    public init(site: SiteInfo) { self.site = site }

    /// What a render produced.
    public struct Summary: Sendable {
        /// Files written.
        public var files: Int
        /// Articles on the site.
        public var articles: Int
    }

    /// Renders the site for `articles` into `sink`.
    public func render(_ articles: [Article], into sink: any OutputSink) throws -> Summary {
        let plan = SitePlan(articles)
        let bodies = BodyRenderer()
        let texts = ConcurrentMap.map(plan.articles) { bodies.render($0) }
        let cards = zip(plan.articles, texts).map { StoryCard(article: $0, snippet: Excerpt.snippet($1.plainText)) }
        var written = 0

        func write(_ jobs: [@Sendable () -> (String, Data)]) throws {
            var start = 0
            while start < jobs.count {
                let batch = Array(jobs[start..<min(jobs.count, start + Self.batchSize)])
                let pages = ConcurrentMap.map(batch) { $0() }
                for (path, data) in pages { try sink.write(path, data) }
                written += pages.count
                start += Self.batchSize
            }
        }
        let site = self.site
        func page(_ path: String, _ render: @escaping @Sendable (PageContext) -> HTML) -> @Sendable () -> (String, Data) {
            { (path, Data(render(PageContext(site: site, path: path)).rendered.utf8)) }
        }

        var jobs: [@Sendable () -> (String, Data)] = []
        for (index, article) in plan.articles.enumerated() {
            let text = texts[index]
            let neighbours = ArticlePage.Neighbours(
                related: plan.related(to: index).map { cards[$0] },
                previous: index > 0 ? plan.articles[index - 1] : nil,
                next: index + 1 < plan.articles.count ? plan.articles[index + 1] : nil
            )
            jobs.append(page(article.url + "index.html") { context in
                ArticlePage.render(article, body: text.html, description: Excerpt.description(text.plainText),
                                   neighbours: neighbours, context: context)
            })
        }
        for region in plan.regions.values.sorted(by: { $0.slug < $1.slug }) {
            let stories = (plan.regionStories[region.slug] ?? []).map { cards[$0] }
            let ancestors = plan.ancestors(of: region)
            let children = plan.children(of: region).map { TermCount(name: $0.name, url: $0.url, count: plan.regionStories[$0.slug]?.count ?? 0) }
            jobs.append(page(region.url + "index.html") { context in
                TermPages.region(region, ancestors: ancestors, children: children, stories: stories, context: context)
            })
        }
        for topic in plan.sortedTopics {
            let stories = (plan.topicStories[topic.slug] ?? []).map { cards[$0] }
            jobs.append(page(topic.url + "index.html") { context in TermPages.topic(topic, stories: stories, context: context) })
        }
        let topicCounts = plan.sortedTopics.map { TermCount(name: $0.name, url: $0.url, count: plan.topicStories[$0.slug]?.count ?? 0) }
        let tree = plan.topRegions.map(plan.regionTree)
        let cities = plan.regions.values.filter { $0.level == .city }
            .sorted { (plan.regionStories[$0.slug]?.count ?? 0, $1.slug) > (plan.regionStories[$1.slug]?.count ?? 0, $0.slug) }
            .map { TermCount(name: $0.name, url: $0.url, count: plan.regionStories[$0.slug]?.count ?? 0) }
        let latest = Array(cards.prefix(SitePlan.homeStories))
        jobs.append(page("index.html") { HomePage.render(latest: latest, topics: topicCounts, cities: cities, context: $0) })
        jobs.append(page("regions/index.html") { TermPages.regionDirectory(tree, context: $0) })
        jobs.append(page("topics/index.html") { TermPages.topicDirectory(topicCounts, context: $0) })
        jobs.append(page("search/index.html") { UtilityPages.search(context: $0) })
        jobs.append({ ("404.html", Data(UtilityPages.notFound(site: site).rendered.utf8)) })
        try write(jobs)

        let documents = zip(plan.articles, texts).map { article, text in
            SearchIndex.Document(
                url: article.url, title: article.headline.title, date: article.date?.iso ?? "",
                region: article.regions.first?.name ?? "", snippet: Excerpt.snippet(text.plainText),
                text: article.headline.parts.joined(separator: "\n") + "\n" + text.plainText)
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
}
