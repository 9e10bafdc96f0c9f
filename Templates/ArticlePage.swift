import NewsModel

/// The page of one story.
public enum ArticlePage {
    /// What the article page shows besides the article itself.
    public struct Neighbours: Sendable {
        /// Stories from the same topic or region.
        public var related: [StoryCard]
        /// The story before this one in the site's order.
        public var previous: Article?
        /// The story after this one.
        public var next: Article?

        /// Creates the neighbours.
        public init(related: [StoryCard], previous: Article?, next: Article?) {
            self.related = related
            self.previous = previous
            self.next = next
        }
    }

    /// Renders the page.
    /// - Parameters:
    ///   - article: the story.
    ///   - body: the story's body, already rendered.
    ///   - description: a short summary for the meta description.
    ///   - neighbours: related stories and previous/next.
    ///   - context: where the page stands.
    ///   - characterCount: characters of body text, for the reading time.
    ///   - personURLs: site-relative URLs of the people's pages, by name.
    ///   - image: the address of the body's first picture, relative to the page, if it has one.
    public static func render(_ article: Article, body: HTML, description: String, neighbours: Neighbours, context: PageContext,
                              characterCount: Int = 0, personURLs: [String: String] = [:], image: String? = nil) -> HTML {
        let headline = article.headline
        let column: HTML? = headline.column.map { "<p class=\"article-column\">\($0)</p>" }
        let kicker: HTML? = headline.kicker.map { "<p class=\"article-kicker\">\($0)</p>" }
        let subtitle: HTML? = headline.subtitle.map { "<p class=\"article-subtitle\">\($0)</p>" }
        let content: HTML = """
        <article class="article">
        <header class="article-header">
        \(column)\(kicker)<h1 class="article-title">\(headline.title)</h1>
        \(subtitle)\(byline(article, personURLs: personURLs, context: context))\(dateline(article, context: context))\(readingStats(characterCount))\(terms(article, context: context))</header>
        <div class="article-body">
        \(missingPictureNote(article, image: image))\(body)
        </div>
        \(credits(article))</article>
        \(related(neighbours.related, context: context))\(pager(neighbours, context: context))
        """
        return Layout.page(title: headline.title, description: description, context: context, content: content,
                           extraHead: Metadata.article(article, description: description, context: context, image: image))
    }

    /// A photo story (图片新闻) read from a page dump, which has no picture: the reader is told
    /// that the printed photo is not here and the text is its caption, not left to look for it. (A
    /// Markdown photo story with no picture is a warning for its editor instead.)
    static func missingPictureNote(_ article: Article, image: String?) -> HTML? {
        guard article.kind == .photo, image == nil, case .blocks = article.body else { return nil }
        return "<p class=\"article-note\">图片新闻：原版照片未收录，以下为图片说明。</p>\n"
    }

    /// Characters Chinese readers read in a minute, for the reading time.
    public static let charactersPerMinute = 400

    /// `全文约1234字 · 阅读约4分钟`, counted the CJK way: every character, not words.
    static func readingStats(_ count: Int) -> HTML? {
        guard count > 0 else { return nil }
        let minutes = max(1, (count + charactersPerMinute - 1) / charactersPerMinute)
        return "<p class=\"article-stats\">全文约\(count)字 · 阅读约\(minutes)分钟</p>\n"
    }

    /// `记者 X　通讯员 Y　摄影 Z`, each name linking to the person's page when there is one. Writers
    /// who all took pictures too are named once, as the paper prints it: `记者 X 摄影报道`; a
    /// feature's writer is its `撰文` (`撰文/摄影 X` when the same person took its pictures).
    static func byline(_ article: Article, personURLs: [String: String], context: PageContext) -> HTML? {
        let byline = article.byline
        func names(_ list: [String]) -> HTML {
            HTML.joined(list.map { name in
                personURLs[name].map { "<a href=\"\(context.link($0))\">\(name)</a>" } ?? "\(name)"
            }, separator: "、")
        }
        // Only when every writer took pictures too does the byline say so once for all of them.
        let writers = byline.reporters + byline.correspondents
        let writersPhotographed = !writers.isEmpty && writers.allSatisfy(byline.photographers.contains)
        let photographers = writersPhotographed ? byline.photographers.filter { !writers.contains($0) } : byline.photographers
        let feature = article.kind == .feature
        // A feature whose writers (no correspondents among them) took its pictures too.
        let featureWritersPhotographed = feature && writersPhotographed && byline.correspondents.isEmpty
        var parts: [HTML] = []
        if !byline.reporters.isEmpty {
            let label = feature ? (featureWritersPhotographed ? "撰文/摄影" : "撰文") : "记者"
            parts.append("<span>\(label) \(names(byline.reporters))</span>")
        }
        if !byline.correspondents.isEmpty { parts.append("<span>通讯员 \(names(byline.correspondents))</span>") }
        if writersPhotographed, !featureWritersPhotographed { parts.append("<span>摄影报道</span>") }
        if !photographers.isEmpty { parts.append("<span>摄影 \(names(photographers))</span>") }
        guard !parts.isEmpty else { return nil }
        return "<p class=\"article-byline\">\(HTML.joined(parts, separator: " "))</p>\n"
    }

    /// Date and edition: `2021年11月22日 · 浙江工人日报 总第11970号`.
    static func dateline(_ article: Article, context: PageContext) -> HTML? {
        var parts: [HTML] = []
        if let date = article.date {
            parts.append("<a href=\"\(context.link(ArchivePages.dayURL(date)))\"><time datetime=\"\(date.iso)\">\(date.chinese)</time></a>")
        }
        if let edition = article.edition {
            var text = edition.newspaper ?? ""
            if let page = edition.page { text += " 第\(page)版" }
            if let number = edition.number { text += " 总第\(number)号" }
            if !text.isEmpty { parts.append("<span>\(text.drop(while: { $0 == " " }).description)</span>") }
        }
        guard !parts.isEmpty else { return nil }
        return "<p class=\"article-dateline\">\(HTML.joined(parts, separator: " · "))</p>\n"
    }

    /// Region and topic links.
    static func terms(_ article: Article, context: PageContext) -> HTML? {
        guard !article.regions.isEmpty || !article.topics.isEmpty else { return nil }
        let regions: [HTML] = article.regions.map { "<li><a class=\"chip chip-region\" href=\"\(context.link($0.url))\">\($0.name)</a></li>" }
        let topics: [HTML] = article.topics.map { "<li><a class=\"chip chip-topic\" href=\"\(context.link($0.url))\">\($0.name)</a></li>" }
        return "<ul class=\"chips article-terms\" aria-label=\"地区与专题\">\(regions)\(topics)</ul>\n"
    }

    /// End credits and the reprint note.
    static func credits(_ article: Article) -> HTML? {
        guard let paper = article.attribution else { return nil }
        return "<p class=\"article-attribution\">（据《\(paper)》）</p>\n"
    }

    static func related(_ cards: [StoryCard], context: PageContext) -> HTML? {
        guard !cards.isEmpty else { return nil }
        return """
        <section class="related" aria-labelledby="related-heading">
        <h2 id="related-heading" class="section-title">相关报道</h2>
        \(StoryList.list(cards, context: context))
        </section>

        """
    }

    static func pager(_ neighbours: Neighbours, context: PageContext) -> HTML? {
        guard neighbours.previous != nil || neighbours.next != nil else { return nil }
        let previous: HTML? = neighbours.previous.map { "<a class=\"pager-prev\" rel=\"prev\" href=\"\(context.link($0.url))\"><span>上一篇</span>\($0.headline.title)</a>" }
        let next: HTML? = neighbours.next.map { "<a class=\"pager-next\" rel=\"next\" href=\"\(context.link($0.url))\"><span>下一篇</span>\($0.headline.title)</a>" }
        return "<nav class=\"pager\" aria-label=\"上一篇和下一篇\">\(previous)\(next)</nav>\n"
    }
}

/// The body of a story read from a printed page: paragraphs, subheadings and captions.
public enum PageDumpBody {
    /// Renders the blocks.
    public static func render(_ blocks: [BodyBlock]) -> HTML {
        HTML.joined(blocks.map { block -> HTML in
            switch block {
            case .paragraph(let text): return "<p>\(text)</p>"
            case .subheading(let text): return "<h2>\(text)</h2>"
            case .caption(let text): return "<p class=\"caption\">\(text)</p>"
            }
        }, separator: "\n")
    }
}
