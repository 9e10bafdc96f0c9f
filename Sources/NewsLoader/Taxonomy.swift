import Foundation
import NewsModel
import Yams

/// The portal's topics with the words and column labels that imply them, and the conventions of the
/// paper's pages. Read from `taxonomy.yml`, which editors maintain.
public struct Taxonomy: Sendable {
    /// One topic.
    public struct Entry: Sendable, Hashable {
        /// The topic record.
        public var topic: Topic
        /// Words whose presence supports the topic.
        public var keywords: [String]
        /// Column labels that put a story in the topic.
        public var columns: [String]
    }

    /// Topics in the taxonomy's order.
    public var entries: [Entry]
    /// The paper's home province (`浙江省`).
    public var homeProvince: String
    /// Words that make a story province-wide (`我省`, `全省`).
    public var provinceWideWords: [String]
    /// Short names of places that are also ordinary words (`天台`, `江山`).
    public var placeNamesThatAreWords: Set<String>
    /// Column labels and banner openings printed on pages.
    var conventions: PageConventions

    /// Reads a taxonomy from YAML text.
    public init(yaml: String) throws {
        // Every value of the taxonomy is text: scalars are read as strings, without the default
        // resolver's patterns for numbers, dates and booleans (compiling them took longer than
        // reading the file).
        guard let root = try Yams.load(yaml: yaml, .basic) as? [String: Any] else {
            throw ResourceError(resource: "taxonomy.yml", message: "expected a mapping at the top")
        }
        let topics = root["topics"] as? [[String: Any]] ?? []
        entries = try topics.enumerated().map { index, item in
            guard let name = item["name"] as? String, let slug = item["slug"] as? String else {
                throw ResourceError(resource: "taxonomy.yml", message: "topic \(index + 1) needs a name and a slug")
            }
            return Entry(topic: Topic(name: name, slug: slug), keywords: item["keywords"] as? [String] ?? [name],
                         columns: item["columns"] as? [String] ?? [])
        }
        homeProvince = root["home_province"] as? String ?? "浙江省"
        provinceWideWords = root["province_wide"] as? [String] ?? []
        placeNamesThatAreWords = Set(root["place_names_that_are_words"] as? [String] ?? [])
        let columns = (root["columns"] as? [String] ?? []) + entries.flatMap(\.columns)
        conventions = PageConventions(columnLabels: columns, bannerOpenings: root["banners"] as? [String] ?? [])
    }

    /// The taxonomy shipped with UnionPress.
    public static func bundled() throws -> Taxonomy {
        try Taxonomy(yaml: BundledResource.text("taxonomy", "yml"))
    }

    /// The topic called `name`, if the taxonomy has it.
    public func topic(named name: String) -> Topic? {
        entries.first { $0.topic.name == name || $0.topic.slug == name }?.topic
    }
}
