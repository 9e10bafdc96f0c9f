/// One story of the portal, read from a page dump or a Markdown file.
///
/// Articles are plain values: everything the site needs about a story is loaded into one before any
/// page is rendered, so lists, links and the search index all see the whole set.
///
/// The fields live in one shared, copy-on-write box: an article is copied many times on its way from
/// the loader to the pages (into the plan, the model, the page jobs), and copying the fields
/// themselves retained each of their dozen or more strings and arrays — in a one-article rebuild of
/// 100,000 articles those copies took about a tenth of the CPU. A copy now retains the box once, and
/// changing a property of a copy copies the fields first, so articles still behave as values.
public struct Article: Sendable, Hashable {
    /// The stored fields.
    @usableFromInline
    struct Fields: Sendable, Hashable {
        @usableFromInline var slug: Slug
        @usableFromInline var headline: Headline
        @usableFromInline var byline: Byline
        @usableFromInline var attribution: String?
        @usableFromInline var kind: ArticleKind
        @usableFromInline var date: EditionDate?
        @usableFromInline var edition: Edition?
        @usableFromInline var regions: [Region]
        @usableFromInline var topics: [Topic]
        @usableFromInline var body: ArticleBody
        @usableFromInline var source: SourceSpan
        @usableFromInline var permalink: Permalink
    }

    /// The box holding the fields, shared by copies until one of them is changed.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Safe to share: the fields are changed only through an article that holds the only reference.
        // For the same reason no two accesses can overlap, so they are not checked at run time: every
        // read of a story's property paid a dynamic exclusivity check (about 80 instructions) — a
        // quarter of a million of them in a one-article rebuild of 10,000 stories.
        @exclusivity(unchecked) @usableFromInline var fields: Fields
        /// The page's URL, made when the slug is set (lists read it for every story they show).
        @exclusivity(unchecked) @usableFromInline var url: String
        @usableFromInline init(_ fields: Fields, url: String? = nil) {
            self.fields = fields
            self.url = url ?? Article.url(of: fields.slug)
        }
    }

    @usableFromInline var storage: Storage

    /// The fields, for changing: copied into a box of this article's own first if it is shared.
    @inlinable
    var uniqueFields: Fields {
        get { storage.fields }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields, url: storage.url) }
            yield &storage.fields
        }
    }

    /// The URL slug, unique within a site; also the article's stable identifier.
    @inlinable public var slug: Slug {
        get { storage.fields.slug }
        set {
            uniqueFields.slug = newValue
            storage.url = Article.url(of: newValue)
        }
    }
    /// Column label, kicker, title and subtitle.
    @inlinable public var headline: Headline {
        get { storage.fields.headline }
        set { uniqueFields.headline = newValue }
    }
    /// Reporters, correspondents and photographers named on the story.
    @inlinable public var byline: Byline {
        get { storage.fields.byline }
        set { uniqueFields.byline = newValue }
    }
    /// The newspaper a reprinted story comes from (`江苏工人报`), or `nil` for the paper's own stories.
    @inlinable public var attribution: String? {
        get { storage.fields.attribution }
        set { uniqueFields.attribution = newValue }
    }
    /// News story, photo story or feature.
    @inlinable public var kind: ArticleKind {
        get { storage.fields.kind }
        set { uniqueFields.kind = newValue }
    }
    /// The date the story was printed or published.
    @inlinable public var date: EditionDate? {
        get { storage.fields.date }
        set { uniqueFields.date = newValue }
    }
    /// The printed edition the story appeared in, when the page carried a masthead or a sidecar said so.
    @inlinable public var edition: Edition? {
        get { storage.fields.edition }
        set { uniqueFields.edition = newValue }
    }
    /// Places the story is about, most specific first.
    @inlinable public var regions: [Region] {
        get { storage.fields.regions }
        set { uniqueFields.regions = newValue }
    }
    /// Topics the story is about, strongest first.
    @inlinable public var topics: [Topic] {
        get { storage.fields.topics }
        set { uniqueFields.topics = newValue }
    }
    /// The story's text.
    @inlinable public var body: ArticleBody {
        get { storage.fields.body }
        set { uniqueFields.body = newValue }
    }
    /// Where the story was read from.
    @inlinable public var source: SourceSpan {
        get { storage.fields.source }
        set { uniqueFields.source = newValue }
    }

    /// Whether the source fixed the slug, and the page's former addresses.
    @inlinable public var permalink: Permalink {
        get { storage.fields.permalink }
        set { uniqueFields.permalink = newValue }
    }

    /// Creates an article.
    public init(
        slug: Slug, headline: Headline, byline: Byline = Byline(), attribution: String? = nil,
        kind: ArticleKind = .news, date: EditionDate? = nil, edition: Edition? = nil,
        regions: [Region] = [], topics: [Topic] = [], body: ArticleBody, source: SourceSpan, permalink: Permalink = Permalink()
    ) {
        storage = Storage(Fields(slug: slug, headline: headline, byline: byline, attribution: attribution, kind: kind, date: date,
                                 edition: edition, regions: regions, topics: topics, body: body, source: source, permalink: permalink))
    }

    /// The site-relative URL of the article's page, e.g. `articles/<slug>/`.
    @inlinable public var url: String { storage.url }

    /// The URL of the page of the story with `slug`.
    public static func url(of slug: Slug) -> String { .concatenating("articles/", slug.value, "/") }

    /// Equal when every field is equal, whether or not the two share their box.
    public static func == (left: Article, right: Article) -> Bool {
        left.storage === right.storage || left.storage.fields == right.storage.fields
    }

    /// Hashes the fields.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.fields)
    }
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
