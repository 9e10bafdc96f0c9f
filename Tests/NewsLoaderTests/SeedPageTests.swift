import Foundation
@testable import NewsLoader
import NewsModel
import Testing

/// The hand-labelled expectations of one seed page (Fixtures/seed-expectations.json).
struct SeedExpectation: Decodable {
    struct EditionLabel: Decodable {
        var newspaper: String
        var date: String
        var number: Int
    }
    struct ArticleLabel: Decodable {
        var column: String?
        var kicker: String?
        var title: String
        var subtitle: String?
        var reporters: [String]
        var correspondents: [String]
        var photographers: [String]
        var attribution: String?
        var kind: String
        var bodyStartsWith: String
        var bodyEndsWith: String
        var subheadings: [String]
        var captions: [String]?
        var mustContain: [String]
        var mustNotContain: [String]
        var regions: [String]
        var topics: [String]
    }
    var edition: EditionLabel?
    var articles: [ArticleLabel]
}

/// Labels copy the page as printed; the loader sets display punctuation in full width.
private func shown(_ text: String?) -> String? { text.map(ChineseText.displayPunctuation) }
private func shown(_ text: String) -> String { ChineseText.displayPunctuation(text) }

@Suite("Seed pages read as an editor labelled them")
struct SeedPageTests {
    static let labels: [String: SeedExpectation] = {
        guard let url = Bundle.module.url(forResource: "seed-expectations", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let labels = try? JSONDecoder().decode([String: SeedExpectation].self, from: data) else { return [:] }
        return labels
    }()

    static let loaded: LoadedSources? = try? sharedLoader.load(source: repositoryRoot.appendingPathComponent("seeds"))

    @Test("every seed page has labels")
    func labelsCoverSeeds() throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("seeds").path)
            .filter { $0.hasSuffix(".txt") }
        #expect(!seeds.isEmpty)
        #expect(Set(seeds) == Set(Self.labels.keys))
    }

    @Test("each page gives exactly its labelled stories", arguments: labels.keys.sorted())
    func storiesOfPage(_ file: String) throws {
        let loaded = try #require(Self.loaded)
        let label = try #require(Self.labels[file])
        let articles = loaded.articles.filter { $0.source.file == file }
        #expect(articles.map(\.headline.title) == label.articles.map { shown($0.title) })
        for (article, expected) in zip(articles, label.articles) {
            let name = shown(expected.title)
            #expect(article.headline.column == shown(expected.column), "column of \(name)")
            #expect(article.headline.kicker == shown(expected.kicker), "kicker of \(name)")
            #expect(article.headline.subtitle == shown(expected.subtitle), "subtitle of \(name)")
            #expect(article.byline.reporters == expected.reporters, "reporters of \(name)")
            #expect(article.byline.correspondents == expected.correspondents, "correspondents of \(name)")
            #expect(article.byline.photographers == expected.photographers, "photographers of \(name)")
            #expect(article.attribution == expected.attribution, "attribution of \(name)")
            #expect(article.kind.rawValue == expected.kind, "kind of \(name)")
            #expect(article.paragraphs.first?.hasPrefix(shown(expected.bodyStartsWith)) == true,
                    "body of \(name) starts with \(expected.bodyStartsWith), got \(article.paragraphs.first?.prefix(20) ?? "nothing")")
            #expect(article.paragraphs.last?.hasSuffix(shown(expected.bodyEndsWith)) == true,
                    "body of \(name) ends with \(expected.bodyEndsWith), got \(article.paragraphs.last?.suffix(20) ?? "nothing")")
            #expect(article.subheadings == expected.subheadings.map(shown), "subheadings of \(name)")
            #expect(article.regions.map(\.name) == expected.regions, "regions of \(name), most specific first")
            #expect(Set(article.topics.map(\.name)) == Set(expected.topics), "topics of \(name)")
            #expect(article.captions == (expected.captions ?? []).map(shown), "captions of \(name)")
            let text = article.paragraphs.joined()
            for phrase in expected.mustContain {
                #expect(text.contains(shown(phrase)), "\(name) keeps “\(phrase)”")
            }
            for phrase in expected.mustNotContain {
                #expect(!article.bodyText.contains(shown(phrase)), "\(name) does not take “\(phrase)” into its body")
            }
        }
    }

    @Test("a masthead becomes the page's edition and dates its stories", arguments: labels.keys.sorted())
    func edition(_ file: String) throws {
        let loaded = try #require(Self.loaded)
        let label = try #require(Self.labels[file])
        for article in loaded.articles where article.source.file == file {
            if let expected = label.edition {
                #expect(article.date?.iso == expected.date)
                #expect(article.edition?.newspaper == expected.newspaper)
                #expect(article.edition?.number == expected.number)
            } else {
                #expect(article.date == nil)
            }
        }
    }
}
