import Foundation
@testable import NewsLoader
import NewsModel
import Testing

@Suite("Large and repeated input")
struct LargeAndDuplicateInputTests {
    @Test("a 5 MB page dump loads: every story on it comes out, none is dropped")
    func fiveMegabytePage() throws {
        let story = """
        第N期 职工服务站启用

        本报讯 记者王芳 通讯员李明报道 杭州市总工会近日在萧山区启用职工服务站，为一线职工提供休息、饮水、充电等服务，受到职工欢迎。

        服务站还设有法律咨询角，工会律师每周坐班两次，为职工解答劳动合同、工资支付等方面的问题。


        """
        var page = ""
        var count = 0
        while page.utf8.count < 5 * 1024 * 1024 {
            count += 1
            page += story.replacingOccurrences(of: "第N期", with: "第\(count)期")
        }
        let root = try makeSourceTree(["big.txt": page])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try sharedLoader.load(source: root)
        #expect(loaded.articles.count == count)
        #expect(Set(loaded.articles.map(\.slug)).count == count)
    }

    @Test("a Markdown story whose title, date and byline an earlier file has is a warning naming both; another date or byline, undated stories, or page dumps sharing a headline are not")
    func sameStoryTwice() throws {
        let story = "---\ntitle: 骑手驿站启用\ndate: 2024-05-01\n---\n\n区总工会在驿站为骑手送上清凉包。\n"
        let page = "全市工会开展送清凉\n\n本报讯 记者王芳报道 杭州市总工会近日开展送清凉活动，走访一线职工3000余人次。\n"
        let root = try makeSourceTree([
            "2024/rally.md": story, "2024/rally-copy.md": story,
            "2024/later.md": story.replacingOccurrences(of: "2024-05-01", with: "2024-05-02"),
            // A routine title on one day: two stories by two people, and two undated.
            "2024/brief-a.md": "---\ntitle: 工会简讯\ndate: 2024-05-03\nreporters: [王芳]\n---\n\n萧山区总工会走访一线职工。\n",
            "2024/brief-b.md": "---\ntitle: 工会简讯\ndate: 2024-05-03\nreporters: [李明]\n---\n\n滨江区总工会开展技能比武。\n",
            "photos/a.md": "---\ntitle: 图片新闻\n---\n\n职工书屋开放。\n", "photos/b.md": "---\ntitle: 图片新闻\n---\n\n骑手驿站启用。\n",
            "a/page.txt": page, "b/page.txt": page,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try sharedLoader.load(source: root)
        #expect(loaded.articles.count == 9, "both still published: a warning, not a choice")
        #expect(loaded.diagnostics.filter { $0.step == "duplicate" }.map(\.description) == [
            "2024/rally.md:1: warning: [duplicate] the same title, date and byline as 2024/rally-copy.md:1 (“骑手驿站启用”): the story would be published twice; remove one file, or retitle one",
        ])
    }

    @Test("two stories with one title get two distinct URLs that stay the same from build to build")
    func sameTitle() throws {
        let story = "全市工会开展送清凉\n\n本报讯 记者王芳报道 杭州市总工会近日开展送清凉活动，走访一线职工3000余人次。\n"
        let files = ["a/page.txt": story + "\n" + story.replacingOccurrences(of: "3000", with: "4000"), "b/page.txt": story]
        let first = try makeSourceTree(files)
        let second = try makeSourceTree(files)
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let slugs = try sharedLoader.load(source: first).articles.map(\.slug)
        #expect(slugs.count == 3)
        #expect(Set(slugs).count == 3)
        #expect(try sharedLoader.load(source: second).articles.map(\.slug) == slugs)
    }

    @Test("two stories whose slugs would share the short fingerprint get two URLs; the first in file order keeps the short one")
    func fingerprintCollision() throws {
        // Found by search: these two paths with this title give fingerprints whose first six hex
        // digits agree, so both stories would draw the same slug and one page would be written over the other.
        let title = "职工书屋开进工地"
        let (earlier, later) = ("articles/02127.md", "articles/04210.md")
        let maker = SlugMaker(pinyin: sharedLoader.pinyin)
        try #require(maker.slug(title: title, file: earlier) == maker.slug(title: title, file: later))

        let story = { (day: Int) in "---\ntitle: \"\(title)\"\ndate: 2024-06-\(day)\n---\n\n杭州市总工会把职工书屋开进了建筑工地，工友们下班后可以在这里读书看报、上网学习。\n" }
        let root = try makeSourceTree([earlier: story(10), later: story(11)])
        let alone = try makeSourceTree([later: story(11)])
        defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: alone) }
        let articles = try sharedLoader.load(source: root).articles
        #expect(articles.map(\.source.file) == [earlier, later])
        #expect(articles[0].slug == maker.slug(title: title, file: earlier))
        #expect(articles[1].slug == maker.slug(title: title, file: later, digits: 16))
        #expect(articles[1].slug.value.hasPrefix(maker.slug(title: title, file: later).value.dropLast(SlugMaker.fingerprintDigits)))
        // With no story to collide with, a story keeps its short slug.
        #expect(try sharedLoader.load(source: alone).articles.map(\.slug) == [maker.slug(title: title, file: later)])
    }

    @Test("a slug taken even by the long fingerprint gets a counter; no two stories ever share one")
    func collisionOfLongSlugs() {
        let maker = SlugMaker(pinyin: sharedLoader.pinyin)
        let title = "职工书屋开进工地"
        let short = maker.slug(title: title, file: "a.md")
        let long = maker.slug(title: title, file: "a.md", digits: 16)
        func story(_ slug: Slug, file: String) -> Article {
            Article(slug: slug, headline: Headline(title: title), byline: Byline(), attribution: nil, kind: .news, date: nil, edition: nil,
                    regions: [], topics: [], body: .markdown(""), source: SourceSpan(file: file, firstLine: 1, lastLine: 1))
        }
        // The same file and title twice, and between them a story that already holds the long slug.
        var articles = [story(short, file: "a.md"), story(long, file: "b.md"), story(short, file: "a.md")]
        maker.makeUnique(&articles)
        #expect(articles.map(\.slug.value) == [short.value, long.value, long.value + "-2"])
    }
}
