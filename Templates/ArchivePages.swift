import NewsModel

/// A person credited on stories, with the site-relative URL of their page.
public struct PersonEntry: Sendable, Hashable {
    /// The bare name.
    public var name: String
    /// Site-relative URL (`people/wang-fang/`).
    public var url: String
    /// Roles in which the person is credited (记者, 通讯员, 摄影).
    public var roles: [String]
    /// Number of stories.
    public var count: Int

    /// Creates an entry.
    public init(name: String, url: String, roles: [String], count: Int) {
        self.name = name
        self.url = url
        self.roles = roles
        self.count = count
    }
}

/// The archive by date and the pages of the paper's people.
public enum ArchivePages {
    /// A month with its edition days.
    public struct Month: Sendable, Hashable {
        /// First day of the month (day 1).
        public var month: EditionDate
        /// Stories that month.
        public var count: Int
        /// Days with stories, in order.
        public var days: [EditionDate]

        /// Creates a month.
        public init(month: EditionDate, count: Int, days: [EditionDate]) {
            self.month = month
            self.count = count
            self.days = days
        }

        /// Site-relative URL of the month's page.
        public var url: String { ArchivePages.monthURL(of: month) }
    }

    /// Site-relative URL of the page of the month `date` lies in.
    public static func monthURL(of date: EditionDate) -> String {
        .concatenating("archive/", String(date.year), (date.month < 10 ? "/0" : "/") + String(date.month) + "/")
    }

    /// Site-relative URL of the list of stories with no date.
    public static let undatedURL = "archive/undated/"

    /// The stories with no date (a page dump without a masthead date or a sidecar's), in the site's order.
    public static func undated(stories: [StoryCard], total: Int, pagination: Pagination, context: PageContext) -> HTML {
        let content: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><a href="\(context.link("archive/"))">往期回顾</a> › <span aria-current="page">未注明日期</span></nav>
        <h1 class="page-title">\(pagination.title("未注明日期的报道"))</h1>
        <p class="page-summary">共 \(total) 篇报道</p>
        \(StoryList.list(stories, context: context, heading: "报道"))
        \(pagination.navigation(context: context))
        """
        return Layout.page(title: pagination.title("未注明日期的报道"), description: "未注明日期的报道：共 \(total) 篇。",
                           context: context, content: content, extraHead: pagination.headLinks(context: context))
    }

    /// Site-relative URL of an edition day's page.
    public static func dayURL(_ date: EditionDate) -> String { .concatenating("editions/", date.iso, "/") }

    /// The archive: years, their months, and the edition days of each month.
    public static func index(_ months: [Month], undated: Int, context: PageContext) -> HTML {
        let years = Dictionary(grouping: months, by: \.month.year).sorted { $0.key > $1.key }
        let sections: [HTML] = years.map { year, months in
            let items: [HTML] = months.sorted { $0.month > $1.month }.map { month in
                let days: [HTML] = month.days.map { "<a href=\"\(context.link(dayURL($0)))\">\($0.day)日</a>" }
                return "<li><a href=\"\(context.link(month.url))\">\(month.month.month)月</a> <span class=\"count\">\(month.count)篇</span><p class=\"archive-days\">\(HTML.joined(days, separator: " "))</p></li>"
            }
            return "<section aria-labelledby=\"year-\(year)\"><h2 id=\"year-\(year)\" class=\"section-title\">\(year)年</h2><ul class=\"archive-months\">\(items)</ul></section>\n"
        }
        let note: HTML? = undated > 0
            ? "<p class=\"page-summary\">另有 <a href=\"\(context.link(undatedURL))\">\(undated) 篇报道未注明日期</a>。</p>" : nil
        let content: HTML = """
        <h1 class="page-title">往期回顾</h1>
        \(sections.isEmpty ? "<p class=\"empty\">暂无注明日期的报道。</p>" : HTML.joined(sections))\(note)
        """
        return Layout.page(title: "往期回顾", description: "按年月和出版日期浏览往期报道。", context: context, content: content)
    }

    /// A month's stories.
    public static func month(_ month: EditionDate, stories: [StoryCard], total: Int, pagination: Pagination, context: PageContext) -> HTML {
        let content: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><a href="\(context.link("archive/"))">往期回顾</a> › <span aria-current="page">\(month.chineseMonth)</span></nav>
        <h1 class="page-title">\(pagination.title(month.chineseMonth))</h1>
        <p class="page-summary">共 \(total) 篇报道</p>
        \(StoryList.list(stories, context: context, heading: "本月报道"))
        \(pagination.navigation(context: context))
        """
        return Layout.page(title: pagination.title(month.chineseMonth), description: "\(month.chineseMonth)的报道：共 \(total) 篇。",
                           context: context, content: content, extraHead: pagination.headLinks(context: context))
    }

    /// An edition day's stories, grouped by printed page where the page is known.
    public static func day(_ date: EditionDate, stories: [StoryCard], context: PageContext) -> HTML {
        let byPage = Dictionary(grouping: stories) { $0.article.edition?.page ?? 0 }.sorted { $0.key < $1.key }
        let groups: [HTML] = byPage.map { page, cards in
            guard page != 0 || byPage.count > 1 else { return StoryList.list(cards, context: context, heading: "当日报道") }
            let heading: HTML = page == 0 ? "<h2 class=\"section-title\">其他版面</h2>" : "<h2 class=\"section-title\">第\(page)版</h2>"
            return heading + StoryList.list(cards, context: context)
        }
        let newspapers = Set(stories.compactMap(\.article.edition?.newspaper)).sorted()
        let content: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><a href="\(context.link("archive/"))">往期回顾</a> › <a href="\(context.link(monthURL(of: date)))">\(date.chineseMonth)</a> › <span aria-current="page">\(date.chinese)</span></nav>
        <h1 class="page-title">\(date.chinese)</h1>
        <p class="page-summary">\(newspapers.joined(separator: "、"))\(newspapers.isEmpty ? "" : " · ")共 \(stories.count) 篇报道</p>
        \(HTML.joined(groups, separator: "\n"))
        """
        return Layout.page(title: date.chinese, description: "\(date.chinese)的报道：共 \(stories.count) 篇。", context: context, content: content)
    }

    /// The directory of reporters, correspondents and photographers.
    public static func people(_ people: [PersonEntry], context: PageContext) -> HTML {
        let items: [HTML] = people.map {
            "<li><a class=\"chip\" href=\"\(context.link($0.url))\">\($0.name)<span class=\"count\">\($0.count)</span></a></li>"
        }
        let content: HTML = """
        <h1 class="page-title">记者与通讯员</h1>
        <p class="page-summary">本站报道的记者、通讯员和摄影作者。</p>
        \(people.isEmpty ? "<p class=\"empty\">暂无署名作者。</p>" : "<ul class=\"chips\" aria-label=\"作者\">\(items)</ul>" as HTML)
        """
        return Layout.page(title: "记者与通讯员", description: "本站报道的记者、通讯员和摄影作者。", context: context, content: content)
    }

    /// One person's stories.
    public static func person(_ person: PersonEntry, stories: [StoryCard], pagination: Pagination, context: PageContext) -> HTML {
        let content: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><a href="\(context.link("people/"))">记者与通讯员</a> › <span aria-current="page">\(person.name)</span></nav>
        <h1 class="page-title">\(pagination.title(person.name))</h1>
        <p class="page-summary">\(person.roles.joined(separator: "、")) · 共 \(person.count) 篇报道</p>
        \(StoryList.list(stories, context: context, heading: "署名报道"))
        \(pagination.navigation(context: context))
        """
        return Layout.page(title: pagination.title(person.name), description: "\(person.name)（\(person.roles.joined(separator: "、"))）署名的报道：共 \(person.count) 篇。",
                           context: context, content: content, extraHead: pagination.headLinks(context: context))
    }
}
