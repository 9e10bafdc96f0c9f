import NewsLoader
import NewsModel
@testable import SiteBuilder
import Testing

/// A page's fingerprint must change whenever what the page shows changes, or a rebuild keeps it stale.
@Suite("Page fingerprints")
struct PageFingerprintTests {
    /// The story of January `day`, in a topic of its own, with a fixed entry fingerprint (which
    /// covers its source, and so its title, for the pages listing it as a card), so that only what
    /// a neighbour's pager reads of it changes.
    static func entry(_ day: Int, title: String, topic: String, reporters: [String] = []) -> ArticleEntry {
        let article = Article(slug: Slug("story-\(day)")!, headline: Headline(title: title), byline: Byline(reporters: reporters),
                              date: EditionDate(year: 2024, month: 1, day: day),
                              topics: [Topic(name: topic, slug: topic)], body: .markdown("正文。"),
                              source: SourceSpan(file: "\(day).md", firstLine: 1, lastLine: 1))
        return ArticleEntry(article: article, fingerprint: UInt64(day), digest: BodyDigest(plainText: "正文。"), body: .inline, plainText: nil)
    }

    static func fingerprints(_ entries: [ArticleEntry]) -> [String: UInt64] {
        let jobs = SiteModel(entries: entries, site: Site.defaultInfo, pinyin: nil).jobs()
        return Dictionary(uniqueKeysWithValues: jobs.map { ($0.path, $0.fingerprint) })
    }

    @Test("the stories before and after a retitled one are fingerprinted anew (their pagers show its title); a topic page not showing it is not")
    func neighboursFollowTitles() {
        let before = [Self.entry(1, title: "一号", topic: "a"), Self.entry(2, title: "二号", topic: "b"), Self.entry(3, title: "三号", topic: "c")]
        var after = before
        after[1] = Self.entry(2, title: "二号改名", topic: "b")
        let (old, new) = (Self.fingerprints(before), Self.fingerprints(after))
        #expect(old["articles/story-1/index.html"] != new["articles/story-1/index.html"])
        #expect(old["articles/story-3/index.html"] != new["articles/story-3/index.html"])
        #expect(old["topics/a/index.html"] != nil)
        #expect(old["topics/a/index.html"] == new["topics/a/index.html"])
    }

    @Test("a story is fingerprinted anew when a person it credits gets another page (a homophone credited elsewhere); the others are not")
    func creditsFollowPeoplesPages() throws {
        func credited(_ day: Int, _ reporters: [String]) -> ArticleEntry {
            Self.entry(day, title: "\(day)号", topic: "t\(day)", reporters: reporters)
        }
        let pinyin = try Pinyin.bundled()
        func fingerprints(_ entries: [ArticleEntry]) -> [String: UInt64] {
            let jobs = SiteModel(entries: entries, site: Site.defaultInfo, pinyin: pinyin).jobs()
            return Dictionary(uniqueKeysWithValues: jobs.map { ($0.path, $0.fingerprint) })
        }
        let before = [credited(1, ["王芳"]), credited(2, ["陈东"]), credited(3, ["李明"])]
        var after = before
        after[2] = credited(3, ["王方"])  // 王方 reads as 王芳 does: both pages now carry a fingerprint
        let (old, new) = (fingerprints(before), fingerprints(after))
        #expect(old["articles/story-1/index.html"] != new["articles/story-1/index.html"], "王芳's page moved")
        #expect(old["articles/story-2/index.html"] == new["articles/story-2/index.html"], "陈东's did not")
    }
}
