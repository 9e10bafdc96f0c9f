import NewsModel

/// Lists of stories and the small pieces that describe one story.
public enum StoryList {
    /// A list of story cards.
    /// - Parameter heading: a heading for the list, for screen readers only: on a page whose list
    ///   follows its `h1` directly, the stories' `h3` titles would skip a level without it.
    public static func list(_ cards: [StoryCard], context: PageContext, emptyMessage: String = "暂无稿件。", heading: String? = nil) -> HTML {
        guard !cards.isEmpty else { return "<p class=\"empty\">\(emptyMessage)</p>" }
        let title: HTML? = heading.map { "<h2 class=\"visually-hidden\">\($0)</h2>" }
        return "\(title)<ol class=\"story-list\">\(cards.map { item($0, context: context) })</ol>"
    }

    /// One story in a list: kicker, linked title, meta line, snippet.
    public static func item(_ card: StoryCard, context: PageContext) -> HTML {
        let parts = card.itemParts ?? itemParts(card)
        return "\(parts.beforeLink)\(context.link(card.article.url))\(parts.afterLink)"
    }

    /// A story's list item on either side of the link to the story: the same on every page that
    /// lists the story, so a builder can make it once per story (see `StoryCard.itemParts`).
    public struct ItemParts: Sendable, Hashable {
        /// The item up to the link's address.
        public var beforeLink: HTML
        /// The item after the link's address.
        public var afterLink: HTML

        /// Parts from markup on either side of the link's address.
        public init(beforeLink: HTML, afterLink: HTML) {
            self.beforeLink = beforeLink
            self.afterLink = afterLink
        }
    }

    /// The parts of `card`'s list item.
    public static func itemParts(_ card: StoryCard) -> ItemParts {
        let article = card.article
        let kicker: HTML? = article.headline.kicker.map { "<p class=\"story-kicker\">\($0)</p>" }
        return ItemParts(
            beforeLink: "<li class=\"story-item\">\(kicker)<h3 class=\"story-title\"><a href=\"",
            afterLink: "\">\(article.headline.title)</a></h3>\(meta(article, regionLink: nil))<p class=\"story-snippet\">\(card.snippet)</p></li>"
        )
    }

    /// The line under a title: kind badge, date, regions.
    public static func meta(_ article: Article, context: PageContext, linkTerms: Bool) -> HTML {
        meta(article, regionLink: linkTerms ? { context.link($0.url) } : nil)
    }

    /// The line under a title, its region linked to the address `regionLink` gives, if any.
    private static func meta(_ article: Article, regionLink: ((Region) -> String)?) -> HTML {
        var parts: [HTML] = []
        if article.kind == .photo { parts.append("<span class=\"badge\">图片新闻</span>") }
        if article.kind == .feature { parts.append("<span class=\"badge\">专题报道</span>") }
        if let date = article.date { parts.append("<time datetime=\"\(date.iso)\">\(date.chinese)</time>") }
        if let region = article.regions.first {
            parts.append(regionLink.map { "<a href=\"\($0(region))\">\(region.name)</a>" } ?? "<span>\(region.name)</span>")
        }
        return "<p class=\"story-meta\">\(HTML.joined(parts, separator: " · "))</p>"
    }

    /// Chips linking to regions or topics.
    public static func chips(_ terms: [TermCount], context: PageContext, label: String) -> HTML {
        guard !terms.isEmpty else { return HTML() }
        let items: [HTML] = terms.map { "<li><a class=\"chip\" href=\"\(context.link($0.url))\">\($0.name)<span class=\"count\">\($0.count)</span></a></li>" }
        return "<ul class=\"chips\" aria-label=\"\(label)\">\(items)</ul>"
    }
}
