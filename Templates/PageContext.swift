import NewsModel

/// What every page knows about the site.
public struct SiteInfo: Sendable, Hashable {
    /// The portal's name, shown in the header and page titles.
    public var name: String
    /// One sentence about the portal.
    public var description: String
    /// The public address the site is served from, ending in `/` (`https://news.example.org/`), or
    /// `nil` when unknown: feeds, the sitemap and canonical links then stay relative.
    public var baseURL: String?

    /// Creates site information.
    /// - Parameters:
    ///   - name: the portal's name.
    ///   - description: one sentence about it.
    ///   - baseURL: its public address; a missing final `/` is added, and characters beyond ASCII
    ///     are percent-encoded (`/新闻/` → `/%E6%96%B0%E9%97%BB/`): a sitemap's and a feed's
    ///     addresses must be URLs as written, and browsers read either form alike.
    public init(name: String, description: String, baseURL: String? = nil) {
        self.name = name
        self.description = description
        self.baseURL = baseURL.map { Self.asciiAddress($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    /// `address` with each byte of its UTF-8 beyond ASCII written as `%XX`.
    static func asciiAddress(_ address: String) -> String {
        PercentEncoding.encoded(address) { $0 < 0x80 }
    }

    /// The address of the site-relative `path`: absolute with a base URL, else `path` itself (`./`
    /// for the home page, whose path is empty: an empty address is none).
    public func absolute(_ path: String) -> String { baseURL.map { $0 + path } ?? (path.isEmpty ? "./" : path) }
}

/// Where a page stands in the site, so its links can be relative.
public struct PageContext: Sendable, Hashable {
    /// The site.
    public var site: SiteInfo
    /// The page's own site-relative path, e.g. `articles/x/index.html`.
    public var path: String {
        didSet { root = Self.root(of: path) }
    }
    /// The relative prefix that leads from this page to the site root (`../../`, or empty at the
    /// root); kept with the path, as every link of the page starts with it.
    public private(set) var root: String

    /// Creates a context for the page at `path`.
    public init(site: SiteInfo, path: String) {
        self.site = site
        self.path = path
        root = Self.root(of: path)
    }

    /// The relative prefix that leads from the page at `path` to the site root.
    private static func root(of path: String) -> String {
        // The path's non-empty components, counted on its bytes (`path.split(separator: "/").count`;
        // a path with non-ASCII characters is split as characters, in case one joins a slash).
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else {
            return String(repeating: "../", count: max(0, path.split(separator: "/").count - 1))
        }
        var components = 0
        var inComponent = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                inComponent = false
            } else if !inComponent {
                inComponent = true
                components += 1
            }
        }
        return String(repeating: "../", count: max(0, components - 1))
    }

    /// A relative link to the site-relative `target` (a folder ending in `/`, or a file).
    public func link(_ target: String) -> String {
        let relative = root + target
        return relative.isEmpty ? "./" : relative
    }

    /// The page's own address without `index.html`: absolute with a base URL, relative (`./`) without.
    public var canonical: String {
        guard let baseURL = site.baseURL else { return "./" }
        // The suffix compared as bytes: `hasSuffix` compares characters (asked twice for every page).
        let index = Array("index.html".utf8)
        let bytes = Array(path.utf8)
        guard bytes.count >= index.count, bytes[(bytes.count - index.count)...].elementsEqual(index) else { return baseURL + path }
        return baseURL + String(decoding: bytes[..<(bytes.count - index.count)], as: UTF8.self)
    }
}

/// A story as it appears in lists: enough to show and link it.
public struct StoryCard: Sendable, Hashable {
    /// The article.
    public var article: Article
    /// The opening of its text.
    public var snippet: String
    /// `StoryList.itemParts(self)`, when the builder has it at hand (made once per story, as the
    /// story is listed on many pages); `nil` to have each list make it.
    public var itemParts: StoryList.ItemParts?

    /// Creates a card.
    public init(article: Article, snippet: String, itemParts: StoryList.ItemParts? = nil) {
        self.article = article
        self.snippet = snippet
        self.itemParts = itemParts
    }
}

/// A region or topic with how many stories it has, for directories and entry points.
public struct TermCount: Sendable, Hashable {
    /// Display name.
    public var name: String
    /// Site-relative URL.
    public var url: String
    /// Number of stories.
    public var count: Int
    /// Terms under this one (counties under a city).
    public var children: [TermCount]

    /// Creates an entry.
    public init(name: String, url: String, count: Int, children: [TermCount] = []) {
        self.name = name
        self.url = url
        self.count = count
        self.children = children
    }
}
