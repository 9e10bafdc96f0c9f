/// One story of the portal, read from a page dump or a Markdown file.
///
/// Articles are plain values: everything the site needs about a story is loaded into one before any
/// page is rendered, so lists, links and the search index all see the whole set.
public struct Article: Sendable, Hashable {
    /// The URL slug, unique within a site; also the article's stable identifier.
    public var slug: Slug
    /// Column label, kicker, title and subtitle.
    public var headline: Headline
    /// Reporters, correspondents and photographers named on the story.
    public var byline: Byline
    /// The newspaper a reprinted story comes from (`江苏工人报`), or `nil` for the paper's own stories.
    public var attribution: String?
    /// News story, photo story or feature.
    public var kind: ArticleKind
    /// The date the story was printed or published.
    public var date: EditionDate?
    /// The printed edition the story appeared in, when the page carried a masthead or a sidecar said so.
    public var edition: Edition?
    /// Places the story is about, most specific first.
    public var regions: [Region]
    /// Topics the story is about, strongest first.
    public var topics: [Topic]
    /// The story's text.
    public var body: ArticleBody
    /// Where the story was read from.
    public var source: SourceSpan

    /// Creates an article.
    public init(
        slug: Slug, headline: Headline, byline: Byline = Byline(), attribution: String? = nil,
        kind: ArticleKind = .news, date: EditionDate? = nil, edition: Edition? = nil,
        regions: [Region] = [], topics: [Topic] = [], body: ArticleBody, source: SourceSpan
    ) {
        self.slug = slug
        self.headline = headline
        self.byline = byline
        self.attribution = attribution
        self.kind = kind
        self.date = date
        self.edition = edition
        self.regions = regions
        self.topics = topics
        self.body = body
        self.source = source
    }

    /// The site-relative URL of the article's page, e.g. `articles/<slug>/`.
    public var url: String { "articles/\(slug.value)/" }
}

/// What sort of story an article is.
public enum ArticleKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An ordinary news story.
    case news
    /// A photo story: a headline, a caption and a photo credit.
    case photo
    /// A long feature, usually credited at its end.
    case feature
}
