import NewsModel

/// The sitemaps and robots.txt that tell crawlers what the site holds.
public enum Sitemaps {
    /// One page of the site for the sitemap.
    public struct Page: Sendable {
        /// Site-relative folder or file path (`articles/x/`).
        public var path: String
        /// When the page last changed, if known.
        public var lastModified: EditionDate?

        /// Creates an entry.
        public init(path: String, lastModified: EditionDate?) {
            self.path = path
            self.lastModified = lastModified
        }
    }

    /// `sitemap.xml` listing `pages`.
    public static func sitemap(_ pages: [Page], site: SiteInfo) -> HTML {
        let urls: [HTML] = pages.map { page in
            "<url><loc>\(site.absolute(page.path))</loc>\(page.lastModified.map { "<lastmod>\($0.iso)</lastmod>" as HTML })</url>\n"
        }
        let xml: HTML = """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        \(urls)</urlset>

        """
        return xml
    }

    /// How many days before the newest story a story stays in the news sitemap (Google News reads two).
    public static let newsWindowDays = 2

    /// The Google News sitemap: the stories of the last two days before the newest story — measured
    /// from the newest story, never from the wall clock, so a build stays deterministic.
    public static func newsSitemap(_ articles: [Article], site: SiteInfo) -> HTML {
        let newest = articles.compactMap(\.date).max()
        let cutoff = newest?.adding(days: -newsWindowDays)
        let recent = articles.filter { article in
            guard let date = article.date, let cutoff else { return false }
            return date >= cutoff
        }
        let urls: [HTML] = recent.map { article in
            """
            <url><loc>\(site.absolute(article.url))</loc><news:news><news:publication><news:name>\(site.name)</news:name>\
            <news:language>zh-cn</news:language></news:publication><news:publication_date>\(article.date?.timestamp ?? "")</news:publication_date>\
            <news:title>\(article.headline.title)</news:title></news:news></url>

            """
        }
        let xml: HTML = """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        \(urls)</urlset>

        """
        return xml
    }

    /// `robots.txt`: everything may be crawled; the sitemaps are named when the site's address is known.
    public static func robots(site: SiteInfo) -> String {
        var lines = ["User-agent: *", "Allow: /"]
        if let base = site.baseURL {
            lines += ["", "Sitemap: \(base)sitemap.xml", "Sitemap: \(base)news-sitemap.xml"]
        } else {
            lines += ["", "# Build with --base-url to list the sitemaps here (they need absolute addresses)."]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
