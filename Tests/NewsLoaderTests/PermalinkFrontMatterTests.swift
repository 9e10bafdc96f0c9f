import Foundation
@testable import NewsLoader
import NewsModel
import Testing

/// `slug:` and `aliases:` in a Markdown article's front matter: the address an editor fixes, and
/// the former addresses that lead to the story.
@Suite("Slug and aliases in the front matter")
struct PermalinkFrontMatterTests {
    /// The article read with `frontMatter` after its title, and the front matter's diagnostics.
    static func read(_ frontMatter: String) -> (article: Article?, diagnostics: [LoadDiagnostic]) {
        let read = sharedLoader.readMarkdown("---\ntitle: 骑手入会一键办\n\(frontMatter)\n---\n\n区总工会为骑手办理入会手续。\n", file: "2024/rider.md")
        return (read.article, read.diagnostics.filter { $0.step == "front matter" })
    }

    @Test("a fixed slug is the story's, with the line that fixed it; without one the slug comes from the title")
    func fixedSlug() throws {
        let fixed = try #require(Self.read("slug: qishou-ruhui-2024").article)
        #expect(fixed.slug.value == "qishou-ruhui-2024")
        #expect(fixed.url == "articles/qishou-ruhui-2024/")
        #expect(fixed.permalink.fixedSlugLine == 3)
        let made = try #require(Self.read("kicker: 引题").article)
        #expect(made.slug.value.hasPrefix("qi-shou-ru-hui-yi-jian-ban-"))
        #expect(!made.permalink.isFixed)
    }

    @Test("a slug that cannot be an address is an error on its line", arguments: [
        "slug: Qishou", "slug: qishou_ruhui", "slug: -qishou", "slug: qishou-", "slug: 骑手", "slug: qi shou", "slug: [a, b]",
    ])
    func badSlug(_ line: String) throws {
        let read = Self.read(line)
        #expect(read.article == nil)
        let error = try #require(read.diagnostics.first { $0.severity == .error })
        #expect(error.file == "2024/rider.md" && error.line == 3, "\(error)")
    }

    @Test("a slug longer than a folder's name can be is an error on its line; one of 200 characters is the story's")
    func longSlug() throws {
        let long = Self.read("slug: " + String(repeating: "a", count: 201))
        #expect(long.article == nil)
        #expect(long.diagnostics.map(\.description) == ["2024/rider.md:3: error: [front matter] `slug` is 201 characters long: at most 200, as it names a folder"])
        let longest = try #require(Self.read("slug: " + String(repeating: "a", count: 200)).article)
        #expect(longest.slug.value.count == 200)
    }

    @Test("an empty slug is a warning, and the slug comes from the title")
    func emptySlug() throws {
        let read = Self.read("slug:")
        let article = try #require(read.article)
        #expect(!article.permalink.isFixed)
        #expect(read.diagnostics.map(\.description) == ["2024/rider.md:3: warning: [front matter] `slug` is empty: the address is made from the title"])
    }

    @Test("a slug fixed to the address another story has by its title is a warning on its line: that story moves")
    func fixedSlugTakesAddress() throws {
        let rider = "---\ntitle: 骑手入会一键办\ndate: 2024-04-29\n---\n\n区总工会为骑手办理入会手续。\n"
        let alone = try makeSourceTree(["2024/rider.md": rider])
        defer { try? FileManager.default.removeItem(at: alone) }
        let address = try #require(try sharedLoader.load(source: alone).articles.first).slug.value
        let both = try makeSourceTree([
            "2024/rider.md": rider,
            "2024/station.md": "---\ntitle: 骑手驿站开张\nslug: \(address)\n---\n\n驿站全天开放。\n",
        ])
        defer { try? FileManager.default.removeItem(at: both) }
        let loaded = try sharedLoader.load(source: both)
        let moved = try #require(loaded.articles.first { $0.headline.title == "骑手入会一键办" })
        #expect(moved.slug.value != address)
        #expect(loaded.diagnostics.filter { $0.step == "address" }.map(\.description) == [
            "2024/station.md:3: warning: [address] `slug` “\(address)” is the address “骑手入会一键办” (2024/rider.md) has by its title: that story moves to \(moved.url), and links to its old address lead here",
        ])
    }

    @Test("aliases are read in every way a former address is written, each once, with their line")
    func aliases() throws {
        let read = Self.read("date: 2024-04-29\naliases: [articles/old-one/, /articles/old-two/index.html, old-three, /articles/old-four, articles/old-one]")
        let article = try #require(read.article)
        #expect(article.permalink.aliases.map(\.value) == ["old-one", "old-two", "old-three", "old-four"])
        #expect(article.permalink.aliasesLine == 4)
        #expect(read.diagnostics.isEmpty, "\(read.diagnostics)")
        let block = try #require(Self.read("aliases:\n  - articles/old-one/\n  - old-two").article)
        #expect(block.permalink.aliases.map(\.value) == ["old-one", "old-two"])
        let single = try #require(Self.read("aliases: articles/old-one/").article)
        #expect(single.permalink.aliases.map(\.value) == ["old-one"])
    }

    @Test("what is no former address of a story here is warned of and ignored, as is the story's own address")
    func ignoredAliases() throws {
        let read = Self.read("slug: qishou\naliases: [https://example.org/a.html, regions/hangzhou/, articles/Old/, qishou, old-one]")
        let article = try #require(read.article)
        #expect(article.permalink.aliases.map(\.value) == ["old-one"])
        #expect(read.diagnostics.map(\.description) == [
            "2024/rider.md:4: warning: [front matter] `aliases`: “https://example.org/a.html” is ignored: an alias is a former address of a story on this site, written articles/<slug>/",
            "2024/rider.md:4: warning: [front matter] `aliases`: “regions/hangzhou/” is ignored: an alias is a former address of a story on this site, written articles/<slug>/",
            "2024/rider.md:4: warning: [front matter] `aliases`: “articles/Old/” is ignored: an alias is a former address of a story on this site, written articles/<slug>/",
            "2024/rider.md:4: warning: [front matter] `aliases`: “qishou” is the story's own address: ignored",
        ])
        // In a block list each warning names its item's line, not the key's.
        let block = Self.read("aliases:\n  - old-one\n  - https://example.org/b.html\n\n  - regions/x/")
        #expect(block.article?.permalink.aliases.map(\.value) == ["old-one"])
        #expect(block.article?.permalink.aliasesLine == 3)
        #expect(block.diagnostics.map(\.line) == [5, 7], "\(block.diagnostics)")
        // A path that does not start at `articles/` is no story's address, however slug-like.
        let folders = Self.read("aliases: [/old-one/, old-two/, /old-three, \(String(repeating: "a", count: 201))]")
        #expect(folders.article?.permalink.aliases == [])
        #expect(folders.diagnostics.count == 4, "\(folders.diagnostics)")
        let mapping = Self.read("aliases: [{a: b}]")
        #expect(mapping.article == nil)
        #expect(mapping.diagnostics.first?.line == 3)
    }
}
