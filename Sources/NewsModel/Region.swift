/// A place in the administrative hierarchy: province → prefecture city → county or district.
public struct Region: Sendable, Hashable {
    /// How high a place stands in the hierarchy.
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
        /// A province (浙江省).
        case province
        /// A prefecture-level city, or a municipality such as 上海市.
        case city
        /// A county, county-level city or district.
        case county

        /// 0 for a province, 1 for a city, 2 for a county: for listing larger places first.
        public var depth: Int {
            switch self {
            case .province: return 0
            case .city: return 1
            case .county: return 2
            }
        }
    }

    /// Full official name, e.g. `上虞区`.
    public var name: String
    /// URL slug in correct pinyin, e.g. `shangyu`.
    public var slug: String
    /// Level in the hierarchy.
    public var level: Level
    /// Full name of the parent region, or `nil` at the top.
    public var parent: String?

    /// Creates a region.
    public init(name: String, slug: String, level: Level, parent: String?) {
        self.name = name
        self.slug = slug
        self.level = level
        self.parent = parent
    }

    /// The site-relative URL of the region's page.
    public var url: String { Self.url(slug: slug) }

    /// The site-relative URL of the page of the region whose slug is `slug`.
    public static func url(slug: String) -> String { .concatenating("regions/", slug, "/") }
}

/// A subject of the portal, such as 产改 or 新就业形态.
public struct Topic: Sendable, Hashable {
    /// Display name.
    public var name: String
    /// URL slug.
    public var slug: String

    /// Creates a topic.
    public init(name: String, slug: String) {
        self.name = name
        self.slug = slug
    }

    /// The site-relative URL of the topic's page.
    public var url: String { Self.url(slug: slug) }

    /// The site-relative URL of the page of the topic whose slug is `slug`.
    public static func url(slug: String) -> String { .concatenating("topics/", slug, "/") }
}
