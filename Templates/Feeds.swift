import NewsModel

/// A story as a feed entry: what it says and where it lives.
public struct FeedEntry: Sendable {
    /// The story.
    public var article: Article
    /// Its summary, whole sentences.
    public var summary: String
    /// Its rendered body.
    public var content: HTML

    /// Creates an entry.
    public init(article: Article, summary: String, content: HTML) {
        self.article = article
        self.summary = summary
        self.content = content
    }
}

/// Atom and RSS feeds. Entries come in the site's order: newest first, undated stories last. An
/// undated story has no `published` (Atom) or `pubDate` (RSS), and its Atom `updated`, which Atom
/// requires, is that of the feed's oldest dated entry (the feed's own when it has none), so that a
/// reader that sorts by date keeps it last, not first. An entry's content is its page's body, whose links are relative to the page: the entry
/// says so (`xml:base`, the page's address), so that a reader resolves them as the page does; and
/// when the site's address is known, the links that climb to the site's root (its pictures,
/// documents and links to other stories) are made absolute, for readers that ignore `xml:base`. Dates carry the +08:00 offset of China Standard Time. A feed says it was updated on its
/// newest dated entry's date; one with no dated entry (a region whose stories are all undated) on
/// the site's newest story's, the last time anything the feed follows could have been published.
public enum Feeds {
    /// An Atom 1.0 feed.
    /// - Parameters:
    ///   - title: the feed's title.
    ///   - path: the feed's site-relative path (`feed.xml`, `regions/x/feed.xml`).
    ///   - pagePath: the site-relative path of the HTML page the feed follows.
    ///   - entries: the entries, newest first.
    ///   - siteUpdated: the date of the site's newest story, if any story is dated: the feed's
    ///     `updated` when it has no dated entry.
    ///   - site: the site.
    public static func atom(title: String, path: String, pagePath: String, entries: [FeedEntry], siteUpdated: EditionDate?,
                            site: SiteInfo) -> HTML {
        let context = PageContext(site: site, path: path)
        func address(_ target: String) -> String { site.baseURL.map { $0 + target } ?? context.link(target) }
        // Atom requires an `updated`; only a site with no dated story at all falls back to the epoch.
        let dates = entries.compactMap(\.article.date)
        let updated = (dates.max() ?? siteUpdated)?.timestamp ?? "1970-01-01T00:00:00+08:00"
        let undatedUpdated = dates.min()?.timestamp ?? updated
        let items: [HTML] = entries.map { entry in
            let article = entry.article
            let published: HTML? = article.date.map { "<published>\($0.timestamp)</published>\n" }
            let authors: [HTML] = article.byline.allNames.map { "<author><name>\($0)</name></author>" }
            let categories: [HTML] = article.topics.map { "<category term=\"\($0.slug)\" label=\"\($0.name)\"/>" }
            return """
            <entry>
            <title>\(article.headline.title)</title>
            <link rel="alternate" type="text/html" href="\(address(article.url))"/>
            <id>\(identifier(article.url, site: site))</id>
            \(published)<updated>\(article.date?.timestamp ?? undatedUpdated)</updated>
            \(authors)\(categories)
            <summary type="text">\(entry.summary)</summary>
            <content type="html" xml:base="\(address(article.url))">\(characterData: content(of: entry, site: site))</content>
            </entry>

            """
        }
        let feed: HTML = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
        <title>\(title)</title>
        <subtitle>\(site.description)</subtitle>
        <link rel="self" type="application/atom+xml" href="\(address(path))"/>
        <link rel="alternate" type="text/html" href="\(address(pagePath))"/>
        <id>\(identifier(path, site: site))</id>
        <updated>\(updated)</updated>
        <author><name>\(site.name)</name></author>
        <generator>UnionPress</generator>
        \(items)</feed>

        """
        return feed
    }

    /// An RSS 2.0 feed of the whole site.
    public static func rss(path: String, entries: [FeedEntry], site: SiteInfo) -> HTML {
        let context = PageContext(site: site, path: path)
        func address(_ target: String) -> String { site.baseURL.map { $0 + target } ?? context.link(target) }
        let newest = entries.compactMap(\.article.date).max()
        let items: [HTML] = entries.map { entry in
            let article = entry.article
            let categories: [HTML] = article.topics.map { "<category>\($0.name)</category>" }
            return """
            <item>
            <title>\(article.headline.title)</title>
            <link>\(address(article.url))</link>
            <guid isPermaLink="\(site.baseURL == nil ? "false" : "true")">\(site.baseURL == nil ? identifier(article.url, site: site) : address(article.url))</guid>
            \(article.date.map { "<pubDate>\($0.rfc822)</pubDate>" as HTML })\(categories)
            <description xml:base="\(address(article.url))">\(characterData: content(of: entry, site: site))</description>
            </item>

            """
        }
        let feed: HTML = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
        <channel>
        <title>\(site.name)</title>
        <link>\(address(""))</link>
        <description>\(site.description)</description>
        <language>zh-cn</language>
        <atom:link href="\(address(path))" rel="self" type="application/rss+xml"/>
        \(newest.map { "<lastBuildDate>\($0.rfc822)</lastBuildDate>" as HTML })<generator>UnionPress</generator>
        \(items)</channel>
        </rss>

        """
        return feed
    }

    /// The content of `entry`: its body, the links that climb to the site's root made absolute
    /// when the site's address is known.
    static func content(of entry: FeedEntry, site: SiteInfo) -> HTML {
        guard let baseURL = site.baseURL else { return entry.content }
        return entry.content.absolutized(root: PageContext(site: site, path: entry.article.url + "index.html").root, base: baseURL)
    }

    /// A permanent identifier: the absolute URL with a base URL, else a `tag:` URI that does not
    /// depend on where the site is published.
    static func identifier(_ path: String, site: SiteInfo) -> String {
        site.baseURL.map { $0 + path } ?? "tag:unionpress,2021:\(path)"
    }
}
