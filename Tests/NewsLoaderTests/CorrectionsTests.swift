import Foundation
@testable import NewsLoader
import NewsModel
import Testing

@Suite("More composed pages")
struct MoreComposedPageTests {
    static func load(_ names: [String], extra: [String: String] = [:]) throws -> LoadedSources {
        var files = extra
        for name in names {
            let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/pages"))
            files["\(name).txt"] = try String(contentsOf: url, encoding: .utf8)
        }
        let root = try makeSourceTree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        return try sharedLoader.load(source: root)
    }

    @Test("a reprint in traditional characters: byline, attribution, places, and a photo story under it")
    func traditional() throws {
        let articles = try Self.load(["reprint-traditional"]).articles
        #expect(articles.map(\.headline.title) == ["職工書屋 溫暖一線", "雪中送炭暖人心"])
        let reprint = articles[0]
        // The names as a reader of the site writes them, as the paper's: one person, one page.
        #expect(reprint.byline.reporters == ["陈明"] && reprint.byline.correspondents == ["林芳"])
        #expect(reprint.attribution == "江苏工人报", "the paper's name folded whole, not only the note's markers")
        #expect(reprint.regions.map(\.name) == ["萧山区", "杭州市", "浙江省"])
        #expect(reprint.paragraphs.first?.hasPrefix("近日，杭州市蕭山區") == true)
        let photo = articles[1]
        #expect(photo.kind == .photo)
        #expect(photo.byline.photographers == ["王丽"])
    }

    @Test("a sidecar key typed in simplified characters corrects a reprint read in traditional ones, and a traditional key a simplified title")
    func sidecarKeyAcrossScripts() throws {
        let loaded = try Self.load(["reprint-traditional"], extra: [
            "reprint-traditional.yml": "articles:\n  职工书屋 温暖一线:\n    kicker: 萧山区总工会推进职工书屋建设\n",
            "plain.txt": "\n\n宁波职工书屋开放\n\n本报讯 记者方晓报道 近日，宁波市总工会新建的职工书屋正式开放，藏书3000余册。\n",
            "plain.yml": "articles:\n  寧波職工書屋開放:\n    kicker: 藏书三千册\n",
        ])
        let reprint = try #require(loaded.articles.first { $0.headline.title == "職工書屋 溫暖一線" })
        #expect(reprint.headline.kicker == "萧山区总工会推进职工书屋建设")
        let plain = try #require(loaded.articles.first { $0.headline.title == "宁波职工书屋开放" })
        #expect(plain.headline.kicker == "藏书三千册")
        #expect(!loaded.diagnostics.contains { $0.message.contains("matches no story") }, "\(loaded.diagnostics)")
    }

    @Test("photo stories in a row, and column labels over a photo story and a news story")
    func photoStories() throws {
        let articles = try Self.load(["photo-stories"]).articles
        #expect(articles.map(\.headline.title) == ["金秋技能大比武", "寒潮中的暖心早餐", "德清县建成首个货车司机之家"])
        #expect(articles.map(\.kind) == [.photo, .photo, .news])
        #expect(articles[0].headline.column == "图片新闻")
        #expect(articles[0].byline.photographers == ["沈佳琪"])
        #expect(articles[1].byline.photographers == ["朱晓明"])
        #expect(articles[1].regions.first?.name == "鹿城区")
        #expect(articles[2].headline.column == "工会动态")
        #expect(articles[2].attribution == "湖州日报")
        #expect(articles[2].paragraphs.count == 2)
        #expect(articles[2].regions.first?.name == "德清县")
    }
}

@Suite("Sidecar corrections")
struct SidecarTests {
    @Test("a sidecar dates an undated page and overrides a story's parts, regions, topics and kind")
    func overrides() throws {
        let sidecar = """
        date: 2023-11-02
        newspaper: 浙江工人日报
        page: 3
        number: 12400
        articles:
          金秋技能大比武:
            kicker: 南浔工会
            regions: [南浔区]
            topics: [技能竞赛]
          德清县建成首个货车司机之家:
            kind: feature
            column: ""
        """
        let loaded = try MoreComposedPageTests.load(["photo-stories"], extra: ["photo-stories.yml": sidecar])
        let articles = loaded.articles
        for article in articles {
            #expect(article.date?.iso == "2023-11-02")
            #expect(article.edition == Edition(newspaper: "浙江工人日报", number: 12400, page: 3))
        }
        #expect(articles[0].headline.kicker == "南浔工会")
        #expect(articles[0].regions.map(\.name) == ["南浔区", "湖州市", "浙江省"])
        #expect(articles[0].topics.map(\.name) == ["技能竞赛"])
        #expect(articles[2].kind == .feature)
        #expect(articles[2].headline.column == nil)
        #expect(!loaded.diagnostics.contains { $0.step == "edition" })
    }

    @Test("check warns about an override that matches no story, and about unknown keys")
    func unmatched() throws {
        let sidecar = "articles:\n  没有这篇:\n    kind: photo\n  金秋技能大比武:\n    colour: red\n"
        let loaded = try MoreComposedPageTests.load(["photo-stories"], extra: ["photo-stories.yml": sidecar])
        let warning = try #require(loaded.diagnostics.first { $0.message.contains("没有这篇") })
        #expect(warning.file == "photo-stories.yml" && warning.line == 2 && warning.severity == .warning)
        #expect(loaded.diagnostics.contains { $0.file == "photo-stories.yml" && $0.line == 5 && $0.message.contains("colour") })
    }

    @Test("a sidecar fixes a story's slug and names its former addresses, on the sidecar's lines")
    func slugAndAliases() throws {
        let sidecar = """
        articles:
          金秋技能大比武:
            title: 南浔金秋技能大比武
            slug: nanxun-jineng-bisai
            aliases: [articles/jin-qiu-ji-neng-da-bi-wu-1a2b3c/, old-contest]
          寒潮中的暖心早餐:
            aliases: /articles/hanchao-zaocan/index.html
        """
        let loaded = try MoreComposedPageTests.load(["photo-stories"], extra: ["photo-stories.yml": sidecar])
        let articles = loaded.articles
        #expect(articles[0].headline.title == "南浔金秋技能大比武")
        #expect(articles[0].url == "articles/nanxun-jineng-bisai/")
        #expect(articles[0].permalink == Permalink(fixedSlugLine: 4, aliases: [Slug("jin-qiu-ji-neng-da-bi-wu-1a2b3c")!, Slug("old-contest")!],
                                                   aliasesLine: 5, file: "photo-stories.yml"))
        #expect(!articles[1].permalink.isFixed)
        #expect(articles[1].permalink.aliases.map(\.value) == ["hanchao-zaocan"])
        #expect(articles[1].permalink.file == "photo-stories.yml")
        #expect(articles[2].permalink == Permalink(), "a story the sidecar does not correct keeps the address made from its title")
        #expect(!loaded.diagnostics.contains { $0.step == "sidecar" }, "\(loaded.diagnostics)")
    }

    @Test("a sidecar's alias that is no story address here is warned of on its line and ignored, as is an empty slug")
    func ignoredAliases() throws {
        let sidecar = "articles:\n  金秋技能大比武:\n    slug: \"\"\n    aliases: [https://example.org/a.html, regions/huzhou/, old-contest]\n"
        let loaded = try MoreComposedPageTests.load(["photo-stories"], extra: ["photo-stories.yml": sidecar])
        #expect(loaded.articles[0].permalink.aliases.map(\.value) == ["old-contest"])
        #expect(!loaded.articles[0].permalink.isFixed)
        #expect(loaded.diagnostics.filter { $0.step == "sidecar" }.map(\.description) == [
            "photo-stories.yml:3: warning: [sidecar] `slug` is empty: the address is made from the title",
            "photo-stories.yml:4: warning: [sidecar] `aliases`: “https://example.org/a.html” is ignored: an alias is a former address of a story on this site, written articles/<slug>/",
            "photo-stories.yml:4: warning: [sidecar] `aliases`: “regions/huzhou/” is ignored: an alias is a former address of a story on this site, written articles/<slug>/",
        ])
        // In a block list each warning names its item's line, not the key's.
        let block = "articles:\n  金秋技能大比武:\n    aliases:\n      - old-contest\n      - regions/huzhou/\n      - old-contest-2\n"
        let blockLoaded = try MoreComposedPageTests.load(["photo-stories"], extra: ["photo-stories.yml": block])
        #expect(blockLoaded.articles[0].permalink.aliases.map(\.value) == ["old-contest", "old-contest-2"])
        #expect(blockLoaded.articles[0].permalink.aliasesLine == 3)
        #expect(blockLoaded.diagnostics.filter { $0.step == "sidecar" }.map(\.line) == [5])
    }

    @Test("a sidecar's slug that cannot be an address, or a list where an address belongs, is an error naming file:line", arguments: [
        ("slug: Nanxun", 3), ("slug: [a, b]", 3), ("kind: photo\n    slug: 南浔", 4), ("aliases: {old: contest}", 3), ("aliases: [[old]]", 3),
        ("slug: " + String(repeating: "a", count: 201), 3),
    ])
    func badSlug(_ lines: String, line: Int) throws {
        do {
            _ = try MoreComposedPageTests.load(["photo-stories"], extra: ["photo-stories.yml": "articles:\n  金秋技能大比武:\n    \(lines)\n"])
            Issue.record("the load went on despite \(lines)")
        } catch let error as LoadError {
            #expect(error.errors.map(\.file) == ["photo-stories.yml"])
            #expect(error.errors.first?.line == line, "\(error.errors)")
        }
    }

    /// Two stories of one title on one page, and a third.
    static let twinPage = """
    2023年6月1日

    浙江工人日报

    杭州骑手之家建成

    本报讯 记者王芳 近日，杭州市总工会在西湖区建成骑手之家，为外卖骑手提供休息和充电服务。

    杭州骑手之家建成

    本报讯 通讯员李明 日前，杭州市上城区又一家骑手之家建成开放，配有饮水机和微波炉。

    宁波职工书屋开放

    本报讯 记者陈东 宁波市总工会职工书屋日前开放，藏书三千余册。
    """

    static func loadTwins(_ sidecar: String) throws -> LoadedSources {
        let root = try makeSourceTree(["twins.txt": Self.twinPage, "twins.yml": sidecar])
        defer { try? FileManager.default.removeItem(at: root) }
        return try sharedLoader.load(source: root)
    }

    @Test("a slug or aliases under a title two stories of the page share is an error naming the sidecar's line and the stories' lines")
    func addressForTwins() throws {
        let plain = try Self.loadTwins("")
        #expect(plain.articles.map(\.headline.title) == ["杭州骑手之家建成", "杭州骑手之家建成", "宁波职工书屋开放"])
        for corrections in ["slug: hangzhou-qishou-zhijia", "aliases: [articles/hz-old/]"] {
            do {
                _ = try Self.loadTwins("articles:\n  杭州骑手之家建成:\n    \(corrections)\n")
                Issue.record("one address for two stories was accepted: \(corrections)")
            } catch let error as LoadError {
                #expect(error.errors.map(\.description) == [
                    "twins.yml:2: error: [sidecar] the `slug` or `aliases` under “杭州骑手之家建成” would be those of 2 stories of the page (lines 5, 9), whose titles read alike: one address cannot be two stories'",
                ])
            }
        }
        // Other corrections apply to both, as before.
        let kicked = try Self.loadTwins("articles:\n  杭州骑手之家建成:\n    kicker: 骑手有了歇脚处\n")
        #expect(kicked.articles.map(\.headline.kicker) == ["骑手有了歇脚处", "骑手有了歇脚处", nil])
    }

    @Test("a story retitled to another's title keeps the slug it fixes, and the other keeps its address")
    func retitledToTwin() throws {
        let plain = try Self.loadTwins("")
        let loaded = try Self.loadTwins("articles:\n  宁波职工书屋开放:\n    title: 杭州骑手之家建成\n    slug: ningbo-shuwu\n")
        #expect(loaded.articles.map(\.url) == [plain.articles[0].url, plain.articles[1].url, "articles/ningbo-shuwu/"])
    }

    @Test("of the titles that match a story only when spaces and punctuation are left out, the first in the sidecar applies, the others match none")
    func looseMatchInOrder() throws {
        let keys = ["宁波 职工书屋开放", "宁波职工书屋开放！", "宁波，职工书屋开放", "“宁波职工书屋开放”"]
        let sidecar = "articles:\n" + keys.enumerated().map { "  \($0.element):\n    slug: key-\($0.offset)\n" }.joined()
        let loaded = try Self.loadTwins(sidecar)
        #expect(loaded.articles[2].url == "articles/key-0/")
        #expect(loaded.diagnostics.filter { $0.message.contains("matches no story") }.map(\.line) == [4, 6, 8])
    }

    @Test("a sidecar's headline part is text: an empty title or a list is an error on its line, an empty kicker takes it away, and emptied corrections are none")
    func textValues() throws {
        for (corrections, line) in [("title: ''", 3), ("title: ~", 3), ("title: [a, b]", 3), ("kicker: {a: b}", 3), ("kind: news\n    column: [a]", 4)] {
            do {
                _ = try Self.loadTwins("articles:\n  宁波职工书屋开放:\n    \(corrections)\n")
                Issue.record("accepted \(corrections)")
            } catch let error as LoadError {
                #expect(error.errors.map(\.file) == ["twins.yml"] && error.errors.first?.line == line, "\(corrections): \(error.errors)")
            }
        }
        let removed = try Self.loadTwins("articles:\n  宁波职工书屋开放:\n    kicker: ~\n    aliases: ~\n")
        #expect(removed.articles[2].headline.kicker == nil)
        #expect(!removed.diagnostics.contains { $0.step == "sidecar" }, "\(removed.diagnostics)")
        for emptied in ["articles:\n", "articles: {}\n", "articles: []\n", "articles:\n  宁波职工书屋开放:\n"] {
            let loaded = try Self.loadTwins(emptied)
            #expect(loaded.articles.count == 3)
            #expect(!loaded.diagnostics.contains { $0.step == "sidecar" }, "\(emptied): \(loaded.diagnostics)")
        }
    }

    @Test("a malformed sidecar is an error naming file:line")
    func malformed() throws {
        do {
            _ = try MoreComposedPageTests.load(["photo-stories"], extra: ["photo-stories.yml": "date: 2023-02-30\n"])
            Issue.record("an invalid sidecar date must stop the load")
        } catch let error as LoadError {
            #expect(error.errors.map(\.file) == ["photo-stories.yml"])
            #expect(error.errors.first?.line == 1)
        }
    }
}

@Suite("Display punctuation")
struct DisplayPunctuationTests {
    @Test("half-width punctuation in Chinese text is set in full width; numbers and Latin text are kept")
    func fullWidth() {
        #expect(ChineseText.displayPunctuation("我能行, 我肯定行!") == "我能行，我肯定行！")
        #expect(ChineseText.displayPunctuation("未来科技城(海创园)总工会") == "未来科技城（海创园）总工会")
        #expect(ChineseText.displayPunctuation("如何提升职业自信心?") == "如何提升职业自信心？")
        #expect(ChineseText.displayPunctuation("入会更便捷:农民工可“一键入会”") == "入会更便捷：农民工可“一键入会”")
        #expect(ChineseText.displayPunctuation("清晨5:30,共1,000人参加") == "清晨5:30，共1,000人参加")
        #expect(ChineseText.displayPunctuation("EAP (Employee Assistance), AED") == "EAP (Employee Assistance), AED")
        #expect(ChineseText.displayPunctuation("参赛率达99.26%。") == "参赛率达99.26%。")
    }
}
