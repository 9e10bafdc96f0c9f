import Foundation
import NewsLoader
import NewsModel
import Templates

/// An article as the renderer sees it: its record, a fingerprint of what it was made from, the
/// digest of its body, and where to find the body when a page needs it.
struct ArticleEntry: Sendable {
    /// The record; for a Markdown article read from a file its body may be left out (see `body`).
    let article: Article
    /// Changes whenever anything the article is made from changes: its source bytes, its path, the
    /// loader's data.
    var fingerprint: UInt64
    /// Summary, description and length of the body.
    var digest: BodyDigest
    /// Where the body is.
    var body: BodySource
    /// The body's plain text, when it is at hand (for the search index).
    var plainText: String?
    /// `SiteModel.linkFingerprint(article)`, worked out as the entry is made: its slug and title are
    /// in the processor's caches then, and not when the model is made, at 100,000 stories later.
    let linkFingerprint: UInt64

    init(article: Article, fingerprint: UInt64, digest: BodyDigest, body: BodySource, plainText: String?) {
        self.article = article
        self.fingerprint = fingerprint
        self.digest = digest
        self.body = body
        self.plainText = plainText
        linkFingerprint = SiteModel.linkFingerprint(article)
    }
}

/// Where an article's body is.
enum BodySource: Sendable {
    /// In the record itself.
    case inline
    /// In a Markdown file, read again when needed; the fingerprint of the bytes it was first read from.
    case markdownFile(SourceFile, contentHash: UInt64)
}

/// One page (or other file) of the site: which one, and everything it is made from, reduced to a
/// fingerprint, so a build can tell without rendering it whether it would come out the same.
struct PageJob: Sendable {
    /// Site-relative path.
    let path: String
    /// Fingerprint of the page's inputs.
    let fingerprint: UInt64
    /// What to render.
    let page: Page
}

/// The kinds of files the renderer makes, each naming what it shows by position.
enum Page: Sendable {
    case article(Int)
    /// The page at former address `alias` (by its number among the story's aliases) of story `story`.
    case alias(story: Int, alias: Int)
    case region(String, page: Int, pageCount: Int)
    case topic(String, page: Int, pageCount: Int)
    case month(Int, page: Int, pageCount: Int)
    /// A page of the list of stories with no date.
    case undated(page: Int, pageCount: Int)
    case day(Int)
    case person(Int, page: Int, pageCount: Int)
    case home, regionDirectory, topicDirectory, archiveIndex, peopleIndex, search, notFound
    case siteFeed, siteRSS
    case regionFeed(String)
    case topicFeed(String)
    case sitemap, newsSitemap, robots
}

/// Everything the pages of a site are made from, arranged once: the plan, the people, the
/// archive, the directories. Renders any page, and fingerprints any page without rendering it.
struct SiteModel: Sendable {
    let site: SiteInfo
    let plan: SitePlan
    /// The entries in site order (as `plan.articles`).
    let entries: [ArticleEntry]
    let people: PeopleIndex
    let sortedRegions: [Region]
    let topicCounts: [TermCount]
    let regionTree: [TermCount]
    let cities: [TermCount]
    let undated: Int
    /// The search page's region filter: the regions in the order of the regions page, with depth.
    let regionOptions: [(slug: String, name: String, depth: Int)]
    let topicOptions: [(String, String)]
    let sitemapPages: [Sitemaps.Page]
    /// Fingerprint of the site's own information, part of every page's.
    let siteFingerprint: UInt64
    /// For each story (in site order), `linkFingerprint(_:)`: what the pages beside it show of it.
    let linkFingerprints: [UInt64]
    /// The stories' list items, made as pages list them.
    let storyItems: StoryItemCache
    /// Each story's related stories (in site order).
    let related: RelatedStories

    /// Every name a site's pages and files may have at the top of the output (each page's path's
    /// first part, the assets', the search index's, the media files'). Any other entry there is the
    /// user's, kept by every build (see `DiskOutput.isUsersEntry`).
    static let topEntries: Set<String> = [
        "index.html", "404.html", "feed.xml", "rss.xml", "sitemap.xml", "news-sitemap.xml", "robots.txt",
        "articles", "regions", "topics", "archive", "editions", "people", "search", "assets", "media",
    ]

    /// Positions of the stories with no date: the last of the site's order.
    var undatedPositions: Range<Int> { (plan.articles.count - undated)..<plan.articles.count }

    /// The date of the site's newest story, if any is dated (the site's order puts it first).
    var newestDate: EditionDate? { plan.articles.first?.date }

    /// Puts `elements` in the order `order` gives (`elements[i]` becomes the old `elements[order[i]]`),
    /// by moving them along each cycle of the permutation, in their memory: neither copied (a copy of
    /// a story retains each of its texts and lists, and a map of a few hundred thousand made
    /// millions) nor swapped (`swapAt` on stories retained and released every field of both).
    static func arrange<Element>(_ elements: inout [Element], in order: [Int]) {
        precondition(order.count == elements.count)
        // Checked first, so that no cycle is left half moved: every position taken exactly once.
        var taken = [Bool](repeating: false, count: order.count)
        for next in order {
            precondition(next >= 0 && next < order.count && !taken[next], "not an order of the elements")
            taken[next] = true
        }
        var placed = [Bool](repeating: false, count: order.count)
        elements.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in order.indices where !placed[start] {
                // The cycle's first element is held while the others move up along the cycle.
                let held = (base + start).move()
                var position = start
                while true {
                    placed[position] = true
                    let next = order[position]
                    if next == start {
                        (base + position).initialize(to: held)
                        break
                    }
                    (base + position).moveInitialize(from: base + next, count: 1)
                    position = next
                }
            }
        }
    }

    /// A fingerprint of what a link to `article` from the story before or after it shows: its slug
    /// and title.
    static func linkFingerprint(_ article: Article) -> UInt64 {
        var hash = Fingerprint(seed: 0x4C49_4E4B)
        hash.combine(article.slug.value)
        hash.combine(article.headline.title)
        return hash.value
    }

    /// - Parameter relatedBefore: the related stories of an earlier build, taken if they were picked
    ///   from the same term lists.
    /// - Parameter entries: given up to the model, which puts them in site order where they are
    ///   (a caller that keeps them too makes the model copy them all).
    init(entries unordered: consuming [ArticleEntry], site: SiteInfo, pinyin: Pinyin?, relatedBefore: RelatedStories? = nil) {
        self.site = site
        let order = SitePlan.siteOrder(count: unordered.count) { unordered[$0].article.date }
        var ordered = consume unordered
        Self.arrange(&ordered, in: order)
        let sorted = ordered.map(\.article)
        let links = ordered.map(\.linkFingerprint)
        // The plan (term lists and archive) is made on one core while, on the other, the people
        // are indexed and the stories' sitemap entries made: about the same work each.
        let (plan, (people, storyPages)) = Parallel.both(
            { SitePlan(sorted: sorted, order: order) },
            { (PeopleIndex(articles: sorted, pinyin: pinyin), sorted.map { Sitemaps.Page(path: $0.url, lastModified: $0.date) }) })
        self.plan = plan
        related = RelatedStories(plan: plan, previous: relatedBefore)
        entries = ordered
        linkFingerprints = links
        storyItems = StoryItemCache(count: ordered.count)
        self.people = people
        let sortedRegions = plan.regions.values.sorted { $0.slug < $1.slug }
        self.sortedRegions = sortedRegions
        topicCounts = plan.sortedTopics.map { TermCount(name: $0.name, url: $0.url, count: plan.topicStories[$0.slug]?.count ?? 0) }
        regionTree = plan.topRegions.map(plan.regionTree)
        cities = plan.regions.values.filter { $0.level == .city }
            .sorted { (plan.regionStories[$0.slug]?.count ?? 0, $1.slug) > (plan.regionStories[$1.slug]?.count ?? 0, $0.slug) }
            .map { TermCount(name: $0.name, url: $0.url, count: plan.regionStories[$0.slug]?.count ?? 0) }
        undated = plan.articles.filter { $0.date == nil }.count
        regionOptions = Self.regionOptions(plan.topRegions, children: plan.children(of:))
        topicOptions = plan.sortedTopics.map { ($0.slug, $0.name) }

        let newest = plan.articles.compactMap(\.date).max()
        var pages = ["", "regions/", "topics/", "archive/", "people/"].map { Sitemaps.Page(path: $0, lastModified: newest) }
        func newestDate(_ positions: [Int]?) -> EditionDate? { positions?.compactMap { plan.articles[$0].date }.max() }
        pages += sortedRegions.map { Sitemaps.Page(path: $0.url, lastModified: newestDate(plan.regionStories[$0.slug])) }
        pages += plan.topics.values.sorted { $0.slug < $1.slug }.map { Sitemaps.Page(path: $0.url, lastModified: newestDate(plan.topicStories[$0.slug])) }
        pages += plan.archive.months.map { Sitemaps.Page(path: $0.url, lastModified: newestDate(plan.archive.monthStories[$0.url])) }
        pages += plan.archive.dayStories.map { Sitemaps.Page(path: ArchivePages.dayURL($0.key), lastModified: $0.key) }
        pages += people.people.map { Sitemaps.Page(path: $0.url, lastModified: newestDate(people.stories[$0.name])) }
        pages += storyPages
        sitemapPages = pages

        var fingerprint = Fingerprint(seed: 0x5349_5445)
        fingerprint.combine(site.name)
        fingerprint.combine(site.description)
        fingerprint.combine(site.baseURL)
        siteFingerprint = fingerprint.value
    }

    // MARK: - The pages

    /// Every page of the site, with its fingerprint, in a fixed order.
    func jobs() -> [PageJob] {
        var pages: [Page] = []
        pages.reserveCapacity(entries.count * 2 + 64)
        func paginated(count: Int, _ page: (Int, Int) -> Page) {
            let pageCount = max(1, (count + Pagination.pageSize - 1) / Pagination.pageSize)
            for number in 1...pageCount { pages.append(page(number, pageCount)) }
        }
        pages += plan.articles.indices.map { .article($0) }
        for index in plan.articles.indices {
            let aliases = plan.articles[index].permalink.aliases
            if !aliases.isEmpty { pages += aliases.indices.map { .alias(story: index, alias: $0) } }
        }
        for region in sortedRegions {
            paginated(count: plan.regionStories[region.slug]?.count ?? 0) { .region(region.slug, page: $0, pageCount: $1) }
        }
        for topic in plan.sortedTopics {
            paginated(count: plan.topicStories[topic.slug]?.count ?? 0) { .topic(topic.slug, page: $0, pageCount: $1) }
        }
        for (index, month) in plan.archive.months.enumerated() {
            paginated(count: plan.archive.monthStories[month.url]?.count ?? 0) { .month(index, page: $0, pageCount: $1) }
        }
        if undated > 0 { paginated(count: undated) { .undated(page: $0, pageCount: $1) } }
        pages += plan.archive.dayStories.indices.map { .day($0) }
        for (index, person) in people.people.enumerated() {
            paginated(count: people.stories[person.name]?.count ?? 0) { .person(index, page: $0, pageCount: $1) }
        }
        pages += [.home, .regionDirectory, .topicDirectory, .archiveIndex, .peopleIndex, .search, .notFound, .siteFeed, .siteRSS]
        pages += plan.regions.keys.sorted().map { .regionFeed($0) }
        pages += plan.topics.keys.sorted().map { .topicFeed($0) }
        pages += [.sitemap, .newsSitemap, .robots]
        // Each page's path made, and its fingerprint worked out (which weighs every story it shows),
        // on every core; what the pages of a list share, once for the list.
        let heads = listHeads()
        return ConcurrentMap.map(pages) { page in
            let path = self.path(of: page)
            return PageJob(path: path, fingerprint: fingerprint(page, path: path, heads: heads), page: page)
        }
    }

    /// The site-relative path of the file of `page`.
    func path(of page: Page) -> String {
        func listPage(_ base: String, _ number: Int, _ pageCount: Int) -> String {
            .concatenating(Pagination(page: number, pageCount: pageCount, base: base).folder, "index.html")
        }
        switch page {
        case .article(let index): return .concatenating(plan.articles[index].url, "index.html")
        case .alias(let story, let alias): return .concatenating(Article.url(of: plan.articles[story].permalink.aliases[alias]), "index.html")
        case .region(let slug, let number, let pageCount): return listPage(Region.url(slug: slug), number, pageCount)
        case .topic(let slug, let number, let pageCount): return listPage(Topic.url(slug: slug), number, pageCount)
        case .month(let index, let number, let pageCount): return listPage(plan.archive.months[index].url, number, pageCount)
        case .undated(let number, let pageCount): return listPage(ArchivePages.undatedURL, number, pageCount)
        case .day(let index): return .concatenating(ArchivePages.dayURL(plan.archive.dayStories[index].key), "index.html")
        case .person(let index, let number, let pageCount): return listPage(people.people[index].url, number, pageCount)
        case .home: return "index.html"
        case .regionDirectory: return "regions/index.html"
        case .topicDirectory: return "topics/index.html"
        case .archiveIndex: return "archive/index.html"
        case .peopleIndex: return "people/index.html"
        case .search: return "search/index.html"
        case .notFound: return "404.html"
        case .siteFeed: return "feed.xml"
        case .siteRSS: return "rss.xml"
        case .regionFeed(let slug): return Region.url(slug: slug) + "feed.xml"
        case .topicFeed(let slug): return Topic.url(slug: slug) + "feed.xml"
        case .sitemap: return "sitemap.xml"
        case .newsSitemap: return "news-sitemap.xml"
        case .robots: return "robots.txt"
        }
    }

    /// Positions of the stories on page `number` of a list.
    private func slice<Positions: Collection<Int>>(_ positions: Positions, page number: Int) -> Positions.SubSequence {
        positions.dropFirst((number - 1) * Pagination.pageSize).prefix(Pagination.pageSize)
    }

    private func cards<Positions: Sequence<Int>>(_ positions: Positions) -> [StoryCard] {
        positions.map { position in
            var card = StoryCard(article: entries[position].article, snippet: entries[position].digest.snippet)
            card.itemParts = storyItems.item(at: position) { StoryList.itemParts(card) }
            return card
        }
    }

    /// Positions of a feed's entries: the stories its page lists, in the site's order (newest first,
    /// undated stories last), at most `SiteRenderer.feedEntries`.
    func feedPositions(_ positions: [Int]) -> [Int] {
        Array(positions.prefix(SiteRenderer.feedEntries))
    }

    /// Positions of the stories a feed page shows.
    func feedPositions(of page: Page) -> [Int] {
        switch page {
        case .siteFeed, .siteRSS: return feedPositions(Array(plan.articles.indices))
        case .regionFeed(let slug): return feedPositions(plan.regionStories[slug] ?? [])
        case .topicFeed(let slug): return feedPositions(plan.topicStories[slug] ?? [])
        default: return []
        }
    }

    /// Renders `page` at `path`. `body` gives the HTML of a story's body by position (for a feed);
    /// `articleBody` the body an article page shows, with its count of characters.
    func render(_ page: Page, path: String, body: (Int) throws -> HTML, articleBody: (Int) throws -> RenderedBody) throws -> HTML {
        let context = PageContext(site: site, path: path)
        switch page {
        case .article(let index):
            let entry = entries[index]
            let article = entry.article
            let names = article.byline.allNames
            var personURLs: [String: String] = [:]
            for name in names { if let url = people.urls[name] { personURLs[name] = url } }
            let neighbours = ArticlePage.Neighbours(
                related: cards(related.positions(of: index)),
                previous: index > 0 ? plan.articles[index - 1] : nil,
                next: index + 1 < plan.articles.count ? plan.articles[index + 1] : nil
            )
            let shown = try articleBody(index)
            return ArticlePage.render(article, body: shown.html, description: entry.digest.description, neighbours: neighbours,
                                      context: context, characterCount: shown.characters, personURLs: personURLs, image: shown.image)
        case .region(let slug, let number, let pageCount):
            guard let region = plan.regions[slug] else { return HTML() }
            let positions = plan.regionStories[slug] ?? []
            let children = plan.children(of: region).map { TermCount(name: $0.name, url: $0.url, count: plan.regionStories[$0.slug]?.count ?? 0) }
            return TermPages.region(region, ancestors: plan.ancestors(of: region), children: children,
                                    stories: cards(slice(positions, page: number)), total: positions.count,
                                    pagination: Pagination(page: number, pageCount: pageCount, base: region.url), context: context)
        case .topic(let slug, let number, let pageCount):
            guard let topic = plan.topics[slug] else { return HTML() }
            let positions = plan.topicStories[slug] ?? []
            return TermPages.topic(topic, stories: cards(slice(positions, page: number)), total: positions.count,
                                   pagination: Pagination(page: number, pageCount: pageCount, base: topic.url), context: context)
        case .month(let index, let number, let pageCount):
            let month = plan.archive.months[index]
            let positions = plan.archive.monthStories[month.url] ?? []
            return ArchivePages.month(month.month, stories: cards(slice(positions, page: number)), total: positions.count,
                                      pagination: Pagination(page: number, pageCount: pageCount, base: month.url), context: context)
        case .undated(let number, let pageCount):
            return ArchivePages.undated(stories: cards(slice(undatedPositions, page: number)), total: undated,
                                        pagination: Pagination(page: number, pageCount: pageCount, base: ArchivePages.undatedURL), context: context)
        case .day(let index):
            let (day, positions) = plan.archive.dayStories[index]
            return ArchivePages.day(day, stories: cards(positions), context: context)
        case .person(let index, let number, let pageCount):
            let person = people.people[index]
            let positions = people.stories[person.name] ?? []
            return ArchivePages.person(person, stories: cards(slice(positions, page: number)),
                                       pagination: Pagination(page: number, pageCount: pageCount, base: person.url), context: context)
        case .home:
            return HomePage.render(latest: cards(plan.articles.indices.prefix(SitePlan.homeStories)), topics: topicCounts, cities: cities,
                                   context: context)
        case .regionDirectory:
            return TermPages.regionDirectory(regionTree, context: context)
        case .topicDirectory:
            return TermPages.topicDirectory(topicCounts, context: context)
        case .archiveIndex:
            return ArchivePages.index(plan.archive.months, undated: undated, context: context)
        case .peopleIndex:
            return ArchivePages.people(people.people, context: context)
        case .search:
            return UtilityPages.search(regions: regionOptions, topics: topicOptions, context: context)
        case .notFound:
            return UtilityPages.notFound(site: site)
        case .alias(let story, _):
            let article = plan.articles[story]
            return UtilityPages.redirect(title: article.headline.title, target: article.url, context: context)
        case .siteFeed, .siteRSS, .regionFeed, .topicFeed:
            let entries = try feedPositions(of: page).map { position in
                FeedEntry(article: plan.articles[position], summary: self.entries[position].digest.description, content: try body(position))
            }
            switch page {
            case .siteFeed: return Feeds.atom(title: site.name, path: path, pagePath: "", entries: entries, siteUpdated: newestDate, site: site)
            case .siteRSS: return Feeds.rss(path: path, entries: entries, site: site)
            case .regionFeed(let slug):
                let region = plan.regions[slug]
                return Feeds.atom(title: "\(region?.name ?? slug) · \(site.name)", path: path, pagePath: region?.url ?? "", entries: entries, siteUpdated: newestDate, site: site)
            case .topicFeed(let slug):
                let topic = plan.topics[slug]
                return Feeds.atom(title: "\(topic?.name ?? slug) · \(site.name)", path: path, pagePath: topic?.url ?? "", entries: entries, siteUpdated: newestDate, site: site)
            default: return HTML()
            }
        case .sitemap:
            return Sitemaps.sitemap(sitemapPages, site: site)
        case .newsSitemap:
            return Sitemaps.newsSitemap(plan.articles, site: site)
        case .robots:
            return HTML(unsafeRaw: Sitemaps.robots(site: site))
        }
    }

    // MARK: - Fingerprints

    /// What the pages of one list (a region's, a topic's, a month's, a person's) share: the
    /// fingerprint of everything above its stories, and its stories.
    struct ListHead: Sendable {
        var fingerprint: UInt64
        var positions: [Int]
    }

    /// The heads of every list, worked out once for all the pages of each: a region's page found its
    /// region, ancestors and children, each child's count by its slug, again for each of its pages.
    struct ListHeads: Sendable {
        var regions: [String: ListHead] = [:]
        var topics: [String: ListHead] = [:]
        /// By index among the archive's months, and among the people: one for each.
        var months: [ListHead] = []
        var people: [ListHead] = []
    }

    /// The head of every list the site has pages of.
    func listHeads() -> ListHeads {
        var heads = ListHeads()
        for region in sortedRegions { heads.regions[region.slug] = regionHead(region.slug) }
        for topic in plan.sortedTopics { heads.topics[topic.slug] = topicHead(topic.slug) }
        heads.months = plan.archive.months.indices.map(monthHead)
        heads.people = people.people.indices.map(personHead)
        return heads
    }

    /// The head of region `slug`'s list: the region, its ancestors, its children and their counts.
    private func regionHead(_ slug: String) -> ListHead {
        var hash = Fingerprint(seed: 0x5245_4749)
        func combine(region: Region) {
            hash.combine(region.name)
            hash.combine(region.slug)
            hash.combine(region.level.rawValue)
            hash.combine(region.parent)
        }
        let positions = plan.regionStories[slug] ?? []
        if let region = plan.regions[slug] {
            combine(region: region)
            let ancestors = plan.ancestors(of: region)
            hash.combine(ancestors.count)
            for ancestor in ancestors { combine(region: ancestor) }
            for child in plan.children(of: region) {
                combine(region: child)
                hash.combine(plan.regionStories[child.slug]?.count ?? 0)
            }
        }
        hash.combine(positions.count)
        return ListHead(fingerprint: hash.value, positions: positions)
    }

    /// The head of topic `slug`'s list.
    private func topicHead(_ slug: String) -> ListHead {
        var hash = Fingerprint(seed: 0x544F_5049)
        let positions = plan.topicStories[slug] ?? []
        if let topic = plan.topics[slug] {
            hash.combine(topic.name)
            hash.combine(topic.slug)
        }
        hash.combine(positions.count)
        return ListHead(fingerprint: hash.value, positions: positions)
    }

    /// The head of the list of month `index` of the archive: the month and its days.
    private func monthHead(_ index: Int) -> ListHead {
        var hash = Fingerprint(seed: 0x4D4F_4E54)
        let month = plan.archive.months[index]
        let positions = plan.archive.monthStories[month.url] ?? []
        hash.combine(month.month)
        hash.combine(month.count)
        hash.combine(month.days.count)
        for day in month.days { hash.combine(day) }
        hash.combine(positions.count)
        return ListHead(fingerprint: hash.value, positions: positions)
    }

    /// The head of the list of person `index`: the name, page, roles and count.
    private func personHead(_ index: Int) -> ListHead {
        var hash = Fingerprint(seed: 0x5045_5253)
        let person = people.people[index]
        hash.combine(person.name)
        hash.combine(person.url)
        hash.combine(person.roles)
        hash.combine(person.count)
        return ListHead(fingerprint: hash.value, positions: people.stories[person.name] ?? [])
    }

    /// A fingerprint of everything `render(page, path:)` reads, the lists' heads taken from `heads`
    /// (`listHeads()`). The templates themselves are not in it: a different program makes a
    /// different build state, and then every page is rendered.
    func fingerprint(_ page: Page, path: String, heads: ListHeads) -> UInt64 {
        var hash = Fingerprint(seed: 0x5041_4745)
        hash.combine(path)
        hash.combine(siteFingerprint)
        func combine(cards positions: some Sequence<Int>) {
            for position in positions { hash.combine(entries[position].fingerprint) }
            hash.combine(-1)
        }
        func combine(region: Region) {
            hash.combine(region.name)
            hash.combine(region.slug)
            hash.combine(region.level.rawValue)
            hash.combine(region.parent)
        }
        func combine(term: TermCount) {
            hash.combine(term.name)
            hash.combine(term.url)
            hash.combine(term.count)
            hash.combine(term.children.count)
            for child in term.children { combine(term: child) }
        }
        func combine(pagination number: Int, _ pageCount: Int) {
            hash.combine(number)
            hash.combine(pageCount)
        }
        /// A page of a list: its head, its place among the list's pages, and its stories.
        func combine(list head: ListHead, _ number: Int, _ pageCount: Int) {
            hash.combine(head.fingerprint)
            combine(pagination: number, pageCount)
            combine(cards: slice(head.positions, page: number))
        }
        func combine(month: ArchivePages.Month) {
            hash.combine(month.month)
            hash.combine(month.count)
            hash.combine(month.days.count)
            for day in month.days { hash.combine(day) }
        }
        switch page {
        case .article(let index):
            hash.combine(1)
            hash.combine(entries[index].fingerprint)
            combine(cards: related.positions(of: index))
            // The previous and the next story's links.
            hash.combine(index > 0 ? linkFingerprints[index - 1] : 0)
            hash.combine(index + 1 < linkFingerprints.count ? linkFingerprints[index + 1] : 0)
            // Each role's people as credited (a name in two roles twice), their names and pages: the
            // same inputs as the page's list of people, without making that list.
            for credit in people.credits(of: index) { hash.combine(credit) }
        case .region(let slug, let number, let pageCount):
            hash.combine(2)
            combine(list: heads.regions[slug] ?? regionHead(slug), number, pageCount)
        case .topic(let slug, let number, let pageCount):
            hash.combine(3)
            combine(list: heads.topics[slug] ?? topicHead(slug), number, pageCount)
        case .month(let index, let number, let pageCount):
            hash.combine(4)
            combine(list: heads.months[index], number, pageCount)
        case .alias(let story, let alias):
            hash.combine(19)
            hash.combine(plan.articles[story].permalink.aliases[alias].value)
            hash.combine(linkFingerprints[story])
        case .undated(let number, let pageCount):
            hash.combine(18)
            hash.combine(undated)
            hash.combine(number)
            hash.combine(pageCount)
            combine(cards: slice(undatedPositions, page: number))
        case .day(let index):
            hash.combine(5)
            let (day, positions) = plan.archive.dayStories[index]
            hash.combine(day)
            combine(cards: positions)
        case .person(let index, let number, let pageCount):
            hash.combine(6)
            combine(list: heads.people[index], number, pageCount)
        case .home:
            hash.combine(7)
            combine(cards: plan.articles.indices.prefix(SitePlan.homeStories))
            for term in topicCounts { combine(term: term) }
            hash.combine(-1)
            for term in cities { combine(term: term) }
        case .regionDirectory:
            hash.combine(8)
            for term in regionTree { combine(term: term) }
        case .topicDirectory:
            hash.combine(9)
            for term in topicCounts { combine(term: term) }
        case .archiveIndex:
            hash.combine(10)
            for month in plan.archive.months { combine(month: month) }
            hash.combine(undated)
        case .peopleIndex:
            hash.combine(11)
            hash.combine(people.people.count)
            for head in heads.people { hash.combine(head.fingerprint) }
        case .search:
            hash.combine(12)
            for option in regionOptions {
                hash.combine(option.slug)
                hash.combine(option.name)
                hash.combine(option.depth)
            }
            hash.combine("")
            for (slug, name) in topicOptions {
                hash.combine(slug)
                hash.combine(name)
            }
        case .notFound:
            hash.combine(13)
        case .siteFeed, .siteRSS, .regionFeed, .topicFeed:
            hash.combine(14)
            switch page {
            case .regionFeed(let slug): if let region = plan.regions[slug] { combine(region: region) }
            case .topicFeed(let slug): if let topic = plan.topics[slug] { hash.combine(topic.name); hash.combine(topic.url) }
            default: break
            }
            let positions = feedPositions(of: page)
            combine(cards: positions)
            // A feed with no dated entry is dated by the site's newest story.
            if !positions.contains(where: { plan.articles[$0].date != nil }) { hash.combine(newestDate) }
        case .sitemap:
            hash.combine(15)
            for entry in sitemapPages {
                hash.combine(entry.path)
                hash.combine(entry.lastModified)
            }
        case .newsSitemap:
            hash.combine(16)
            let newest = plan.articles.compactMap(\.date).max()
            let cutoff = newest?.adding(days: -Sitemaps.newsWindowDays)
            for article in plan.articles {
                guard let date = article.date, let cutoff, date >= cutoff else { continue }
                hash.combine(article.slug.value)
                hash.combine(date)
                hash.combine(article.headline.title)
            }
        case .robots:
            hash.combine(17)
        }
        return hash.value
    }

}

extension SiteModel {
    /// `regions` and, after each, the regions under it, depth first: the regions page's order.
    static func regionOptions(_ regions: [Region], children: (Region) -> [Region], depth: Int = 0)
        -> [(slug: String, name: String, depth: Int)] {
        regions.flatMap { region in
            [(slug: region.slug, name: region.name, depth: depth)] + regionOptions(children(region), children: children, depth: depth + 1)
        }
    }
}
