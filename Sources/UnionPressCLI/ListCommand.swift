import ArgumentParser
import Foundation
import NewsLoader
import NewsModel
import SiteBuilder

/// `unionpress list --json`: every article as JSON, for other tools.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the articles.")

    @OptionGroup var sources: SourceOptions

    @Flag(name: .long, help: "Print a JSON array, one object per article (the format other tools rely on).")
    var json = false

    func run() throws {
        let loaded: LoadedSources
        do {
            loaded = try NewsLoader.forSite().load(source: URL(fileURLWithPath: sources.source))
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
        if json {
            print(String(decoding: try ArticleListing.json(loaded.articles), as: UTF8.self))
        } else {
            for article in loaded.articles {
                print("\(article.date?.iso ?? "----------")  \(article.url)  \(article.headline.title)")
            }
        }
    }
}

/// The `list --json` record of one article. Its fields are a contract (see DESIGN.md).
struct ArticleListing: Encodable {
    struct Credits: Encodable {
        var reporters: [String]
        var correspondents: [String]
        var photographers: [String]
    }
    struct EditionRecord: Encodable {
        var newspaper: String?
        var number: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(newspaper, forKey: .newspaper)
            try container.encode(number, forKey: .number)
        }
        enum CodingKeys: String, CodingKey { case newspaper, number }
    }
    struct RegionRecord: Encodable {
        var name: String
        var slug: String
        var level: String
        var parent: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(slug, forKey: .slug)
            try container.encode(level, forKey: .level)
            try container.encode(parent, forKey: .parent)
        }
        enum CodingKeys: String, CodingKey { case name, slug, level, parent }
    }
    struct TopicRecord: Encodable {
        var name: String
        var slug: String
    }
    struct SourceRecord: Encodable {
        var file: String
        var firstLine: Int
        var lastLine: Int
    }

    var id: String
    var url: String
    var title: String
    var kicker: String?
    var subtitle: String?
    var column: String?
    var byline: Credits
    var attribution: String?
    var kind: String
    var date: String?
    var edition: EditionRecord?
    var regions: [RegionRecord]
    var topics: [TopicRecord]
    var source: SourceRecord
    var text: String

    init(_ article: Article, text: String) {
        id = article.slug.value
        url = article.url
        title = article.headline.title
        kicker = article.headline.kicker
        subtitle = article.headline.subtitle
        column = article.headline.column
        byline = Credits(reporters: article.byline.reporters, correspondents: article.byline.correspondents,
                         photographers: article.byline.photographers)
        attribution = article.attribution
        kind = article.kind.rawValue
        date = article.date?.iso
        edition = article.edition.map { EditionRecord(newspaper: $0.newspaper, number: $0.number) }
        regions = article.regions.map { RegionRecord(name: $0.name, slug: $0.slug, level: $0.level.rawValue, parent: $0.parent) }
        topics = article.topics.map { TopicRecord(name: $0.name, slug: $0.slug) }
        source = SourceRecord(file: article.source.file, firstLine: article.source.firstLine, lastLine: article.source.lastLine)
        self.text = text
    }

    /// Writes nulls for absent optional fields: the contract lists every key on every object.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(url, forKey: .url)
        try container.encode(title, forKey: .title)
        try container.encode(kicker, forKey: .kicker)
        try container.encode(subtitle, forKey: .subtitle)
        try container.encode(column, forKey: .column)
        try container.encode(byline, forKey: .byline)
        try container.encode(attribution, forKey: .attribution)
        try container.encode(kind, forKey: .kind)
        try container.encode(date, forKey: .date)
        try container.encode(edition, forKey: .edition)
        try container.encode(regions, forKey: .regions)
        try container.encode(topics, forKey: .topics)
        try container.encode(source, forKey: .source)
        try container.encode(text, forKey: .text)
    }

    enum CodingKeys: String, CodingKey {
        case id, url, title, kicker, subtitle, column, byline, attribution, kind, date, edition, regions, topics, source, text
    }

    /// The JSON array for `articles`, in the given (source) order, keys sorted.
    static func json(_ articles: [Article]) throws -> Data {
        let renderer = BodyRenderer()
        let records = ConcurrentMap.map(articles) { ArticleListing($0, text: renderer.plainText($0.body)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(records)
    }
}
