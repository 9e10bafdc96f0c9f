import Foundation
@testable import NewsLoader
import NewsModel
import Testing

/// Pages composed in the paper's style from situations the seed pages do not show.
@Suite("Pages the loader has never seen")
struct ComposedPageTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/pages"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func load(_ names: [String]) throws -> [Article] {
        try loaded(names).articles
    }

    /// The fixture pages `names` loaded, with the load's warnings.
    static func loaded(_ names: [String]) throws -> LoadedSources {
        var files: [String: String] = [:]
        for name in names { files["\(name).txt"] = try fixture(name) }
        return try loaded(pages: files)
    }

    /// The pages `pages` (text by file name) loaded, with the load's warnings.
    static func loaded(pages: [String: String]) throws -> LoadedSources {
        let root = try makeSourceTree(pages)
        defer { try? FileManager.default.removeItem(at: root) }
        return try sharedLoader.load(source: root)
    }

    @Test("a paragraph that stops mid-sentence with nothing on the page going on with it is a warning on its line; one a column break cuts is joined, and a label or a notice ending in a number is left alone")
    func cutOffParagraphs() throws {
        let loaded = try Self.loaded(["cut-off-paragraphs"])
        try #require(loaded.articles.map(\.headline.title) == ["平湖职工书屋走进产业园区", "桐乡快递小哥有了“暖心食堂”"])
        let (library, canteen) = (loaded.articles[0], loaded.articles[1])
        let cutOff = loaded.diagnostics.filter { $0.step == "body" }
        // Before a subheading, and at the end of a story (the next headline follows).
        #expect(cutOff.map(\.line) == [6, 12], "\(cutOff)")
        #expect(cutOff.allSatisfy { $0.severity == .warning && $0.message.contains("may be missing from the page dump") })
        #expect(cutOff.first?.message.contains("成长经") == true)
        #expect(library.paragraphs.last?.hasSuffix("形成了人人参与书屋建设的良好") == true, "the text is kept as it is")
        // A sentence a column break cut is joined, and no warning is given for it.
        #expect(canteen.paragraphs.contains { $0.hasSuffix("吃得放心、吃得实惠。") })
        #expect(!loaded.diagnostics.contains { [18, 20, 22, 24].contains($0.line) })
    }

    @Test("a page's furniture is no story's text or headline: a lunar date of three-character day, folios (浙江工人日报 2029年2月10日, A2, B3, — 2 —), the staff line; names in parentheses under a brief are its byline")
    func foliosAndBracketedNames() throws {
        let loaded = try Self.loaded(["folios-and-bracketed-names"])
        let articles = loaded.articles
        #expect(articles.map(\.headline.title) == ["丽水遂昌茶园采茶工有了“歇脚点”", "温州瑞安汽配工人技能晋级赛开赛", "宁波象山渔工夜校开课"])
        try #require(articles.count == 3)
        #expect(articles.allSatisfy { $0.date == EditionDate(year: 2029, month: 2, day: 10) })
        #expect(articles.allSatisfy { $0.headline.kicker == nil && $0.headline.subtitle == nil })
        let (tea, contest, school) = (articles[0], articles[1], articles[2])
        // The folio inside the first story leaves its two paragraphs, and the names under it are its byline.
        #expect(tea.paragraphs.count == 2, "\(tea.paragraphs)")
        #expect(tea.byline.reporters == ["施雨萌", "柯岚", "尹思远"], "\(tea.byline)")
        #expect(contest.byline.reporters == ["彭越"] && contest.paragraphs.count == 1, "\(contest.paragraphs)")
        #expect(school.byline.correspondents == ["蓝天"] && school.byline.reporters == ["俞晓珊"], "\(school.byline)")
        #expect(school.paragraphs.count == 2, "\(school.paragraphs)")
        let text = articles.map(\.bodyText).joined()
        for furniture in ["浙江工人日报", "A2", "B3", "— 2 —", "责任编辑", "孟凡清", "腊月"] {
            #expect(!text.contains(furniture), "\(furniture)")
        }
    }

    @Test("a column's label over an editor's note over a headline heads that story, and a headline's first line that the note names as a column or series is its column")
    func editorsNotesAndLabels() throws {
        let articles = try Self.load(["editors-notes-and-labels"])
        #expect(articles.map(\.headline.title) == ["高温补贴发到了手上", "衢州江山木门工人练就“绣花功夫”"])
        try #require(articles.count == 2)
        let (letter, series) = (articles[0], articles[1])
        #expect(letter.headline.column == "车间来信" && letter.headline.kicker == nil)
        #expect(letter.paragraphs.first?.hasPrefix("编者按：") == true, "\(letter.paragraphs)")
        #expect(letter.byline.reporters == ["戚远航"])
        #expect(series.headline.column == "技能强省看浙江" && series.headline.kicker == nil && series.headline.subtitle == nil, "\(series.headline)")
        #expect(series.paragraphs.first?.hasPrefix("编者按：") == true)
        #expect(series.byline.reporters == ["楼心怡"] && series.byline.correspondents == ["甘晓东"])
    }

    @Test("the lines of a list under the sentence that brings it in (名单如下：) are the story's, each a line; a headline with a byline under it after such a sentence still opens a story")
    func listsUnderAColon() throws {
        let articles = try Self.load(["lists-under-a-colon"])
        #expect(articles.map(\.headline.title) == ["市总工会命名首批“金牌职工”", "技能人才“蓄水池”再扩容", "一批新设的技能大师工作室挂牌"])
        try #require(articles.count == 3)
        let list = articles[0]
        #expect(list.paragraphs == [
            "4月30日，市总工会举行首批“金牌职工”命名仪式，8名一线职工获此称号。名单如下：", "首批“金牌职工”名单", "（按姓氏笔画排序）",
            "计文博 城东公交公司驾驶员", "龙小溪 市第二自来水厂水质检测员", "祁海生 港区集装箱码头桥吊司机", "市总工会将为每位“金牌职工”安排疗休养。",
        ], "\(list.paragraphs)")
        #expect(articles[2].byline.reporters == ["宣若楠"])
    }

    @Test("a box set inside a story (【知识链接】, 小贴士) with a head of its own and numbered items stays in the story")
    func boxesInsideStories() throws {
        let articles = try Self.load(["boxes-inside-stories"])
        #expect(articles.map(\.headline.title) == ["舟山定海渔嫂技能培训开班", "湖州吴兴“职工驿站”延时开放"])
        try #require(articles.count == 2)
        let story = articles[0]
        #expect(story.paragraphs.last == "培训全部免费，结业后可推荐就业。", "\(story.paragraphs)")
        for line in ["【知识链接】", "什么是“渔嫂经济”", "小贴士", "报名方式", "1. 到街道工会服务站登记", "2. 拨打区总工会服务热线"] {
            #expect(story.bodyText.contains(line), "\(line)")
        }
        #expect(story.byline.correspondents == ["翁一苇"])
        // A box's label after a mark is its head, not a byline that runs into the paragraph under it.
        #expect(articles[1].bodyText.contains("■链接\n“职工驿站”"), "\(articles[1].bodyText)")
        #expect(articles[1].byline.reporters == ["费思琪"])
    }

    @Test("a literary supplement: its name is the column; a poem's lines under its title and author are its text, each a line; an author's two-character name set with a space is one name")
    func supplementVerse() throws {
        let loaded = try Self.loaded(["supplement-verse"])
        let articles = loaded.articles
        #expect(articles.map(\.headline.title) == ["夜班的灯", "父亲的工具箱"])
        try #require(articles.count == 2)
        let (poem, essay) = (articles[0], articles[1])
        #expect(poem.headline.column == "潮声·副刊" && poem.headline.subtitle == nil)
        #expect(poem.byline.reporters == ["闻笛"], "\(poem.byline)")
        #expect(poem.paragraphs == ["整条流水线", "只剩下我们几个", "灯光落在手套上", "像落了一层霜", "下班的时候", "天边已经发白", "我把灯关掉",
                                    "把早晨让给别人", "（作者单位：宁波市鄞州区某电器企业）"], "\(poem.paragraphs)")
        #expect(essay.byline.reporters == ["丛岩"], "\(essay.byline)")
        #expect(essay.paragraphs.count == 2)
        #expect(!loaded.diagnostics.contains { $0.message.contains("no story under them") })
    }

    @Test("a section's number alone where a paragraph begins is a line of its own; a figure alone inside a sentence a column break cut is the sentence's")
    func sectionNumbersAndFigures() throws {
        let page = """
        2029年8月20日 星期一

        浙江工人日报

        师徒结对传技艺

        本报讯 记者景思源报道 今年以来，平阳县一家泵阀企业推行“师带徒”。全厂共有

        16

        对师徒签订了带徒协议。

        一

        师傅们每周带徒弟练一次技能，月底一起考核。

        夜里的焊花

        □ 柯 岚

        1

        夜里的车间，焊花一朵一朵开了。

        2

        师傅说，焊缝要匀，人心也要匀。
        """
        let articles = try Self.loaded(pages: ["p.txt": page]).articles
        try #require(articles.count == 2)
        #expect(articles[1].bodyText.components(separatedBy: "\n") == ["1", "夜里的车间，焊花一朵一朵开了。", "2", "师傅说，焊缝要匀，人心也要匀。"],
                "\(articles[1].bodyText)")
        #expect(articles[1].byline.reporters == ["柯岚"])
        // The number heads the section under it.
        #expect(articles[0].bodyText.components(separatedBy: "\n") == ["今年以来，平阳县一家泵阀企业推行“师带徒”。全厂共有16对师徒签订了带徒协议。", "一",
                                                                         "师傅们每周带徒弟练一次技能，月底一起考核。"], "\(articles[0].bodyText)")
    }

    @Test("credits and notes under a story close it: 文/… 图/…, a byline alone on the last line, 作者系…, 未完待续; 接上期 opens a serial's text; a folio line dates the page; a table of contents is no story")
    func serialsAndEndCredits() throws {
        let loaded = try Self.loaded(["serials-and-end-credits"])
        let articles = loaded.articles
        #expect(articles.map(\.headline.title) == ["湖州长兴蓄电池工人有了“技术驿站”", "嘉兴海宁经编企业开出“夜间课堂”", "一张车间工作证（二）",
                                                   "劳动者驿站要“建”更要“用”"])
        try #require(articles.count == 4)
        let (station, classes, serial, commentary) = (articles[0], articles[1], articles[2], articles[3])
        // The folio line is the page's date, no story's kicker; the table of contents is no story's headline, nor its places.
        #expect(articles.allSatisfy { $0.date == EditionDate(year: 2025, month: 3, day: 12) })
        #expect(station.headline.kicker == nil)
        #expect(!articles.flatMap(\.regions).contains { $0.name == "温州市" || $0.name == "丽水市" })
        // `文/记者 X 图/通讯员 Y` names the writer and the photographer, and ends the brief.
        #expect(station.byline.reporters == ["章晓燕"] && station.byline.photographers == ["徐立群"])
        #expect(station.paragraphs.count == 1)
        // A byline alone on the last line is the story's byline, not a paragraph.
        #expect(classes.byline.reporters == ["沈一鸣"] && classes.byline.correspondents == ["屠晓丽"])
        #expect(classes.paragraphs.count == 2 && !classes.paragraphs.joined().contains("沈一鸣"))
        // A serial's notes are lines of its text, each a paragraph of its own; no subtitle.
        #expect(serial.headline.subtitle == nil)
        #expect(serial.paragraphs == ["（接上期）", "那年春天，老吴把一张磨得发白的工作证交到徒弟手里，叮嘱她守好这台二十年的老车床。", "（未完待续）"])
        // 本报特约评论员 is a role; the author's affiliation closes the commentary and heads nothing.
        #expect(commentary.byline.reporters == ["俞国华"])
        #expect(commentary.paragraphs.last == "（作者系浙江省总工会职工发展研究中心研究员）")
        // A pointer to another page inside a story is its text, not a table of contents.
        #expect(commentary.bodyText.contains("▶3版 相关报道：全省建成户外劳动者服务站点一万余个"))
        #expect(!loaded.diagnostics.contains { $0.step == "page" })
    }

    @Test("a byline alone on a line inside a story is its byline and closes nothing (a section follows); one under a story that has a byline is no second one; a serial's （接上期） under an open story opens the serial")
    func bylinesInsideStories() throws {
        let loaded = try Self.loaded(["bylines-inside-stories"])
        let articles = loaded.articles
        #expect(articles.map(\.headline.title) == ["钢花里绽放青春", "舟山普陀渔嫂学会直播带货", "湖州吴兴织里童装企业签订工资专项协议", "老车床的故事（四）"])
        try #require(articles.count == 4)
        let (feature, livestream, wages, serial) = (articles[0], articles[1], articles[2], articles[3])
        // The byline after the lead: the feature's, its sections kept in it.
        #expect(feature.byline.reporters == ["何佳慧"] && feature.byline.correspondents == ["钟一鸣"])
        #expect(feature.subheadings == ["从学徒到大师", "把绝活传下去"])
        #expect(!feature.paragraphs.joined().contains("何佳慧"))
        // A story with its byline in its lead takes no other.
        #expect(livestream.byline.reporters == ["郑海燕"])
        #expect(wages.byline.reporters.isEmpty)
        // A serial's part under a story left open is a story of its own; a sentence in parentheses
        // about an author closes nothing.
        #expect(serial.paragraphs.first == "（接上期）" && serial.paragraphs.last == "（未完待续）")
        #expect(serial.bodyText.contains("（作者是谁并不重要，重要的是手艺传下去）\n徒弟接过工作证"))
        #expect(serial.paragraphs.contains("徒弟接过工作证，郑重地点了点头。"))
    }

    @Test("a headline line ending on a word (参与, a count of pairs) or wrapped after 与 above a byline heads its story, not the end of the story above")
    func headlineEndings() throws {
        let articles = try Self.load(["headline-endings"])
        #expect(articles.map(\.headline.title) == ["海宁经编产业工人技能培训开班", "东阳木作工匠带徒传艺", "平湖快递小哥工会与企业方签订集体合同", "技能比武 职工参与"])
        try #require(articles.count == 4)
        let (training, craft, contract, contest) = (articles[0], articles[1], articles[2], articles[3])
        // A subheading ending on 参与 is a subheading, not the start of the paragraph under it.
        #expect(training.subheadings == ["从旁观到参与"])
        #expect(training.paragraphs.last?.hasPrefix("“以后车间") == true)
        #expect(!training.paragraphs.joined().contains("东阳"), "the next story is not part of this one")
        #expect(training.regions.map(\.name).contains("东阳市") == false)
        // `…结对120对`: a count of pairs ends the subtitle; the byline under it is the story's.
        #expect(craft.headline.subtitle == "东阳市总工会“名师带徒”项目结对120对")
        #expect(craft.byline.reporters == ["卢青"])
        #expect(craft.paragraphs.first?.hasPrefix("在东阳市横店镇") == true)
        // A title wrapped after 与 above the byline is one title, not the end of the story above.
        #expect(contract.headline.kicker == nil)
        #expect(contract.byline.correspondents == ["钱伟"])
        #expect(!craft.paragraphs.joined().contains("平湖"))
        // A short line ending on 的 in running text is still a sentence a column break cut: joined.
        #expect(contract.paragraphs.last == "集体合同签订后，工会将定期组织快递员代表与企业方协商，及时回应快递员的合理诉求，切实维护新就业形态劳动者的合法权益。")
        #expect(contest.headline.subtitle == "嘉善县举行首届电工职业技能竞赛")
        #expect(contest.byline.correspondents == ["孙悦"])
    }

    @Test("a jump set inside a paragraph's last line (…服务。（下转第4版）) or first ((上接第2版)松阳…) is a jump, not text: the next story is its own")
    func jumpsInsideParagraphs() throws {
        let page = """
        2029年9月3日 星期一

        浙江工人日报

        温岭泵业工会联合会挂牌

        本报讯 记者尤嘉禾报道 9月1日，温岭市泵业工会联合会挂牌成立，覆盖136家企业。

        联合会设立了职工服务站，提供法律咨询、困难帮扶等服务。（下转第4版）

        遂昌茶农有了工会组织

        （上接第2版）遂昌县总工会还为茶叶合作社的会员们开设了茶艺培训班。

        目前，全县已有32家茶叶合作社建立工会组织。
        """
        let loaded = try Self.loaded(pages: ["p.txt": page])
        #expect(loaded.articles.map(\.headline.title) == ["温岭泵业工会联合会挂牌", "遂昌茶农有了工会组织"])
        try #require(loaded.articles.count == 2)
        #expect(loaded.articles[0].paragraphs.last == "联合会设立了职工服务站，提供法律咨询、困难帮扶等服务。")
        #expect(loaded.articles[1].paragraphs.first == "遂昌县总工会还为茶叶合作社的会员们开设了茶艺培训班。")
        let jumps = loaded.diagnostics.filter { $0.step == "page" }.map(\.line)
        #expect(jumps == [9, 13], "\(loaded.diagnostics)")
    }

    @Test("（下转第N版） ends the part of a story a page holds, with a warning and no cut-off one; （上接第N版） under a jump head is no title; （记者 X） under a brief is its byline and ends it")
    func jumpsAndClosingBylines() throws {
        let loaded = try Self.loaded(["jumps-and-end-bylines"])
        #expect(loaded.articles.map(\.headline.title) == ["湖州吴兴智慧驿站再添新功能", "上海长宁“楼宇工会”联席会议成立", "苏州工业园区职工服务中心揭牌",
                                                           "无锡梁溪环卫工人有了“爱心餐”", "嘉兴南湖骑手议事会开到站点"])
        try #require(loaded.articles.count == 5)
        let (first, next, suzhou, wuxi, jumped) = (loaded.articles[0], loaded.articles[1], loaded.articles[2], loaded.articles[3], loaded.articles[4])
        #expect(first.paragraphs.last?.hasSuffix("还将陆续上线") == true)
        #expect(!first.paragraphs.joined().contains("下转"))
        #expect(next.byline.correspondents == ["顾佳怡"] && next.headline.kicker == nil)
        #expect(suzhou.byline.reporters == ["徐敏"])
        #expect(suzhou.paragraphs.count == 1 && !suzhou.paragraphs.joined().contains("无锡"))
        #expect(wuxi.byline.correspondents == ["周婷", "王磊"])
        #expect(jumped.paragraphs.first?.hasPrefix("议事会上") == true)
        let pageNotes = loaded.diagnostics.filter { $0.step == "page" || $0.step == "body" }
        #expect(pageNotes.map(\.line) == [7, 27], "\(pageNotes)")
        #expect(pageNotes.first?.message.contains("goes on on page 3") == true)
        #expect(pageNotes.last?.message.contains("the rest of a story from page 1") == true)
        #expect(!loaded.diagnostics.contains { $0.step == "byline" && [13, 15, 19, 21].contains($0.line ?? 0) })
    }

    @Test("a commentator's byline (□ 本报评论员 X), a signed commentary's author (□ X), the author's unit closing it, an interview's turns, and a byline under an editor's note")
    func commentaryAndInterview() throws {
        let articles = try Self.load(["commentary-and-interview"])
        #expect(articles.map(\.headline.title) == ["户外劳动者驿站要建好更要用好", "工会干部要多到一线走走", "柯城快递小哥驿站焕新开放",
                                                   "请让小哥们有个“家”", "“一码通”守护职工健康"])
        try #require(articles.count == 5)
        let (editorial, signed, news, interview, noted) = (articles[0], articles[1], articles[2], articles[3], articles[4])
        #expect(editorial.headline.column == "评论" && editorial.headline.subtitle == nil)
        #expect(editorial.byline.reporters == ["郑晓岚"])
        #expect(signed.byline.reporters == ["潘立新"] && signed.headline.kicker == nil)
        #expect(signed.paragraphs.last == "（作者单位：衢州市柯城区总工会）", "the unit closes the commentary")
        #expect(news.headline.kicker == nil && news.byline.reporters == ["何静"])
        #expect(interview.subheadings.isEmpty, "a question is a turn of the interview, not a heading")
        #expect(interview.paragraphs.contains("记者：下一步有什么打算？"))
        #expect(interview.byline.reporters == ["何晓东"])
        #expect(noted.byline.reporters == ["沈悦"] && noted.byline.correspondents == ["吴敏"])
        #expect(noted.paragraphs.first?.hasPrefix("编者按：") == true)
        #expect(!noted.paragraphs.joined().contains("本报记者"), "the byline under the note is no text")
    }

    @Test("a short story between two mastheads is a story, and the page's second date a warning")
    func twoMastheads() throws {
        let loaded = try Self.loaded(["two-mastheads"])
        #expect(loaded.articles.map(\.headline.title) == ["常州武进千名产业工人学历提升", "南通海门货车司机之家投用"])
        #expect(loaded.articles.first?.byline.correspondents == ["吴静"])
        #expect(loaded.articles.allSatisfy { $0.date == EditionDate(year: 2024, month: 4, day: 26) })
        let dates = loaded.diagnostics.filter { $0.step == "masthead" }
        #expect(dates.map(\.line) == [9] && dates.first?.message.contains("a second date on the page (2024-4-27)") == true)
    }

    @Test("a one-line headline naming a place its paragraph names and the story above does not heads a brief; one going on with the story's own place is a subheading")
    func briefNamingItsPlace() throws {
        let page = """


        扫码就能入会 浦东新区新就业形态劳动者入会突破5万人

        通讯员周洁报道 记者日前从浦东新区总工会获悉,依托“申工社”小程序推出的“扫码入会”服务上线以来,全区已有5万余名新就业形态劳动者入会。

        浦东骑手驿站遍布街镇

        浦东新区总工会在全区36个街镇的骑手站点张贴入会二维码,劳动者扫码填写信息即可入会。

        普陀区骑手议事会“议”出暖心事

        在上海市普陀区长寿路街道,每月一次的“骑手议事会”已经坚持了一年多,骑手们在会上反映的问题都有了着落。

        （据《劳动报》）

        """
        let articles = try Self.loaded(pages: ["page.txt": page]).articles
        #expect(articles.map(\.headline.title) == ["扫码就能入会", "普陀区骑手议事会“议”出暖心事"])
        try #require(articles.count == 2)
        #expect(articles[0].subheadings == ["浦东骑手驿站遍布街镇"], "the story's own place: a subheading")
        #expect(articles[0].attribution == nil && articles[1].attribution == "劳动报", "the reprint note is the brief's")
        #expect(!articles[0].regions.contains { $0.name == "普陀区" })
    }

    @Test("a series of briefs each headed by its place splits at each place-led headline (set with a space after the places too), and a brief set in one paragraph ends in its byline; a round-up, a longer story or a line opening with a place name that is a word keeps its sections")
    func briefSeries() throws {
        let articles = try Self.load(["brief-series"])
        #expect(articles.map(\.headline.title) == ["湖州南浔职工书屋上新", "德清莫干山开设职工暑托班", "台州黄岩货车司机之家投用", "绍兴上虞开展女职工关爱行动",
                                                   "衢州开化举办根雕技艺比武", "全省职工书屋建设再上新台阶", "温州鹿城深化“小哥驿站”建设"])
        try #require(articles.count == 7)
        #expect(articles[0...3].allSatisfy { $0.paragraphs.count == 1 && $0.subheadings.isEmpty })
        #expect(articles[1].regions.map(\.name).contains("德清县") && !articles[0].regions.map(\.name).contains("德清县"))
        // `（通讯员 X）` after the last sentence of the paragraph: the brief's byline, not its text.
        #expect(articles[3].byline.correspondents == ["俞晓敏"])
        #expect(articles[3].paragraphs == ["上虞区总工会联合区妇联为全区女职工开展免费健康筛查，计划惠及女职工3000名。"])
        #expect(articles[4].subheadings == ["江山如画引客来"], "江山 is a word as well as a place")
        #expect(articles[5].subheadings == ["宁波以书育人打造职工学习阵地"], "a round-up under a headline with no place")
        #expect(articles[6].subheadings == ["温州鹿城驿站里的温暖故事"], "a story longer than a brief")
    }

    @Test("a paragraph a column break cut inside a quotation or a bracket goes on with the paragraph that closes it wherever the dump put it, and with what follows that one; one closing a mark the paragraph above never opened does not go on with it")
    func marksAcrossColumns() throws {
        let loaded = try Self.loaded(["marks-across-columns"])
        try #require(loaded.articles.count == 2)
        let (nanhu, haining) = (loaded.articles[0], loaded.articles[1])
        #expect(nanhu.paragraphs == [
            "近年来，南湖区总工会把职工服务中心建设作为服务职工的重要抓手，先后开展了“春送岗位”“夏送清凉”“秋送助学”“冬送温暖”系列活动，惠及职工2万余人次。为更好服务一线职工，中心还设立了法律援助、心理咨询、技能培训三个窗口。区总工会主要负责人说：“中心的每一项服务，都要从职工的需要出发，让职工感受到工会就在身边。”",
            "工会干部走访企业120余家，收集职工意见建议300余条，并逐条梳理形成问题清单。",
            "困难职工帮扶方面，区总工会联合民政、人社等部门建立了“一户一档”工作机制，对每户困难职工家庭实行动态管理，并与嘉兴银行（南湖支行）签订合作协议，设立专项帮扶资金100万元，今年已为86户困难职工发放帮扶金。",
            "区总工会还组织开展“职工书香节”“职工运动会”等文体活动，丰富职工精神文化生活。",
            "“我们会把服务做得更细更实，”南湖区总工会负责人表示，“让每一名职工都有获得感、幸福感。”",
        ])
        #expect(haining.paragraphs.first?.hasSuffix("充电等服务，其中") == true, "the quotation closed below was never opened here")
        #expect(haining.paragraphs.count == 3)
        #expect(loaded.diagnostics.filter { $0.step == "body" }.map(\.line) == [25])
    }

    @Test("a table under the sentence that brings it in is lines of its story (rows of figures too, which are no masthead), with a warning; an editor's note over a headline opens the story under it, at the top of a page or below another story; one row of spaced parts over a title is still a kicker")
    func tablesAndEditorsNotes() throws {
        let loaded = try Self.loaded(["tables-and-notes"])
        #expect(loaded.articles.map(\.headline.title) == ["书香浸润车间 阅读点亮匠心", "全市职工技能竞赛成绩揭晓", "让“小哥”们找到“娘家”", "嘉善县首届电工技能竞赛举行"])
        try #require(loaded.articles.count == 4)
        let (reading, contest, interview, electricians) = (loaded.articles[0], loaded.articles[1], loaded.articles[2], loaded.articles[3])
        #expect(reading.paragraphs.first?.hasPrefix("编者按：职工书屋") == true && reading.byline.reporters == ["钱晓燕"])
        #expect(contest.paragraphs == [
            "2024年全市各级工会共举办职工技能竞赛860场。其中，各区县参赛情况如下：",
            "区县 参赛人数 获奖人数", "南湖区 秀洲区 海宁市", "12000 9800 8600", "156 134 98",
            "据了解，市总工会将对获奖选手给予表彰。",
        ])
        #expect(interview.paragraphs.first?.hasPrefix("编者按：新就业形态") == true && interview.byline.reporters == ["何静"])
        #expect(!contest.paragraphs.joined().contains("编者按"), "the note is the next story's")
        #expect(electricians.headline.kicker == "以赛促学 以赛促训 以赛促练")
        let notes = loaded.diagnostics.filter { $0.step == "body" || $0.step == "page" || $0.step == "masthead" }
        #expect(notes.map(\.line) == [15] && notes.first?.message.contains("a table of 4 lines") == true, "\(notes)")
        #expect(loaded.articles.allSatisfy { $0.date == nil }, "no row of figures is a masthead")
    }

    @Test("a block ending on a colon (a salutation, the line bringing in a list) is a paragraph of its own, and each item of the list under it too")
    func colonEndsParagraph() throws {
        let page = """


        关于做好夏季高温职工防暑降温工作的通知

        各市总工会，省级产业工会：

        为切实保障高温天气下职工的身体健康，现就有关事项通知如下：

        一是督促企业落实高温津贴发放，不得以防暑降温饮料充抵高温津贴；

        二是组织开展“送清凉”活动，重点关心户外作业的一线职工。

        """
        let articles = try Self.loaded(pages: ["page.txt": page]).articles
        try #require(articles.count == 1)
        #expect(articles[0].paragraphs == [
            "各市总工会，省级产业工会：", "为切实保障高温天气下职工的身体健康，现就有关事项通知如下：",
            "一是督促企业落实高温津贴发放，不得以防暑降温饮料充抵高温津贴；", "二是组织开展“送清凉”活动，重点关心户外作业的一线职工。",
        ])
    }

    @Test("a short line over a headline is its column's label; a source note closes its story as its last line; `整理` and `文/图` credits are bylines; a place set apart by a space over a news lead heads a brief; a line left inside a bracket goes on, and a quotation goes on past a sentence set between its parts")
    func labelsAndCredits() throws {
        let articles = try Self.load(["labels-and-credits"])
        #expect(articles.map(\.headline.title) == ["职工加班费怎么算？", "驿站建起来之后还要管起来", "宁波职工疗休养基地揭牌", "嘉兴南湖职工运动会开幕",
                                                   "松江工会送法进园区", "金山化工园区职工技能比武举行", "湖州吴兴童装产业工人有了“成长账本”"])
        try #require(articles.count == 7)
        #expect(articles[0].headline.column == "问答" && articles[0].headline.subtitle == nil)
        #expect(articles[0].paragraphs.last == "（市总工会法律服务中心供稿）", "the source note is the story's last line")
        #expect(articles[1].headline.column == "工会观察" && articles[1].byline.reporters == ["林晓峰"])
        #expect(articles[2].byline.reporters == ["王晓宁"], "整理 is no name")
        #expect(articles[3].byline.reporters == ["沈佳怡"] && articles[3].byline.photographers == ["沈佳怡"])
        #expect(articles[4].regions.map(\.name) == ["松江区", "上海市"] && articles[5].regions.map(\.name) == ["金山区", "上海市"])
        #expect(articles[6].subheadings.isEmpty, "a line left inside a bracket is no subheading")
        #expect(articles[6].paragraphs == [
            "近日，吴兴区总工会在童装行业推行“技能等级与薪酬挂钩”制度。",
            "在湖州织里童装城（以下简称童装城），“成长账本”被做成了手机小程序。“以前年轻人干两年就想走，现在大家都盯着‘账本’上的分数，琢磨着明年再往上考一级。”童装城工会主席说。",
            "职工在车间检查面料质量。",
        ])
    }

    @Test("a story opened by an editor's note over its headline begins on the note's line")
    func editorsNoteFirstLine() throws {
        let articles = try Self.load(["tables-and-notes"])
        #expect(articles.first?.source.firstLine == 3)
        #expect(articles.first?.headline.title == "书香浸润车间 阅读点亮匠心")
    }

    @Test("a notice's numbered sections are its subheadings, and its signature (issuer over a date) closes it without dating the page or heading the next story")
    func notice() throws {
        let loaded = try Self.loaded(["notice"])
        #expect(loaded.articles.map(\.headline.title) == ["关于开展2025年“金华工匠”推荐工作的通知", "兰溪市职工技能竞赛开赛"])
        try #require(loaded.articles.count == 2)
        let (notice, news) = (loaded.articles[0], loaded.articles[1])
        #expect(notice.subheadings == ["一、推荐范围", "（一）推荐对象", "二、推荐程序"])
        #expect(notice.paragraphs.last == "金华市总工会 2025年5月12日")
        #expect(news.headline.kicker == nil && news.byline.reporters == ["吕晓东"])
        #expect(loaded.articles.allSatisfy { $0.date == nil }, "a notice's date is no masthead")
        #expect(loaded.diagnostics.contains { $0.step == "edition" }, "the page is still undated")
    }

    @Test("a headline over （记者 X） or over （上接第N版） opens a story in the middle of a page; a one-phrase line naming a place by a bare name, or set in two phrases, is a subheading; a date alone is no signature")
    func storyOpenings() throws {
        let page = """


        全省职工技能竞赛参赛人数创新高

        本报讯 记者吕晓东报道 2024年全省各级工会共举办职工技能竞赛1.2万场,参赛职工186万人次。

        湖州 技能人才评价扩面提质

        湖州市总工会推动企业自主开展技能等级认定,今年已有3000名职工取得新证书。

        青山绿水就是金山银山

        绿色发展离不开一线职工的创造,各地工会把技能竞赛开到了生态保护一线。

        绍兴职工书屋再添新成员

        （记者 徐敏）

        日前,绍兴市总工会在柯桥区新建职工书屋10家,藏书3万余册。

        劳模工匠进校园活动圆满落幕

        （上接第1版）

        活动期间,20名劳模工匠走进全市30所职业学校,与学生面对面交流。

        """
        let loaded = try Self.loaded(pages: ["page.txt": page])
        #expect(loaded.articles.map(\.headline.title) == ["全省职工技能竞赛参赛人数创新高", "绍兴职工书屋再添新成员", "劳模工匠进校园活动圆满落幕"])
        try #require(loaded.articles.count == 3)
        #expect(loaded.articles[0].subheadings == ["湖州 技能人才评价扩面提质", "青山绿水就是金山银山"])
        #expect(loaded.articles[0].byline.reporters == ["吕晓东"])
        #expect(loaded.articles[1].byline.reporters == ["徐敏"] && loaded.articles[1].paragraphs.first?.hasPrefix("日前") == true)
        #expect(loaded.articles[2].paragraphs.first?.hasPrefix("活动期间") == true)
        let jump = loaded.diagnostics.first { $0.message.contains("上接第1版") }
        #expect(jump?.message.contains("劳模工匠进校园活动圆满落幕") == true, "the warning names the story the note is under")
    }

    @Test("a masthead in traditional characters dates the page and names the paper and the issue")
    func traditionalMasthead() throws {
        let page = "浙江工人日報\n\n2024年4月27日\n\n星期六\n\n農曆甲辰年三月十九\n\n總第12213號\n\n溫州鹿城 快遞小哥有了“暖心驛站”\n\n本報訊 記者林遠報道 4月25日,鹿城區總工會在五馬街道建成快遞小哥暖心驛站,提供休息、飲水、充電等服務。\n"
        let loaded = try Self.loaded(pages: ["page.txt": page])
        try #require(loaded.articles.count == 1)
        let story = loaded.articles[0]
        #expect(story.date == EditionDate(year: 2024, month: 4, day: 27))
        #expect(story.edition?.newspaper == "浙江工人日报" && story.edition?.number == 12213)
        #expect(story.headline.kicker == nil && story.headline.subtitle == nil, "no masthead line is part of the headline: \(story.headline)")
        #expect(story.byline.reporters == ["林远"])
    }

    @Test("a jump head repeats a story's headline on another page: it is no campaign banner")
    func jumpHeadIsNoBanner() throws {
        let first = "\n\n“5G+工会”让服务触手可及\n\n湖州吴兴区总工会新建智慧驿站30个\n\n本报讯 记者沈晓燕报道 4月23日,吴兴区总工会发布今年新建智慧驿站计划,每家驿站提供休息、饮水、充电等服务,还将上线\n\n（下转第3版）\n"
        let rest = "\n\n“5G+工会”让服务触手可及\n\n（上接第1版）\n\n线上心理咨询、子女托管预约等功能,让新就业形态劳动者随时随地找到“娘家”。\n"
        let articles = try Self.loaded(pages: ["p1.txt": first, "p3.txt": rest]).articles
        #expect(articles.map(\.headline.title) == ["“5G+工会”让服务触手可及", "“5G+工会”让服务触手可及"])
        #expect(articles.first?.headline.subtitle == "湖州吴兴区总工会新建智慧驿站30个")
    }

    @Test("the rule for a line's last character: 与, 的, 对 need what follows, unless they end a word or count pairs")
    func dependentEndings() {
        for cut in ["平湖快递小哥工会与", "及时回应快递员的", "面向全市职工开放的", "工会将"] {
            #expect(PageBlock.endsOnDependentCharacter(cut), "\(cut)")
        }
        for ended in ["东阳职工技能提升 人人参与", "项目结对200对", "名师带徒结对百余对", "找准工会工作方向", "新就业形态劳动者有了理由", "工会工作"] {
            #expect(!PageBlock.endsOnDependentCharacter(ended), "\(ended)")
        }
    }

    @Test("the cut-off rule: a long paragraph ending in a Han character, not in punctuation, a number or a letter")
    func cutOffRule() {
        let prose = "市总工会还将定期组织读书分享会，邀请劳模工匠和园区职工面对面交流成长经验和读书心得体会"
        #expect(PageDumpReader.isCutOff(prose))
        #expect(!PageDumpReader.isCutOff(prose + "。"))
        #expect(!PageDumpReader.isCutOff(prose + "？”"))
        #expect(!PageDumpReader.isCutOff(prose + "，电话0573-88123456"))
        #expect(!PageDumpReader.isCutOff(prose + "EPC"))
        #expect(!PageDumpReader.isCutOff(String(prose.prefix(PageDumpReader.shortestCutOffParagraph - 1))))
        #expect(PageDumpReader.isCutOff(String(prose.prefix(PageDumpReader.shortestCutOffParagraph))))
    }

    @Test("a byline alone on its line, a brief with no byline under a one-line headline, and an opening cut by a column break")
    func briefsAndBylines() throws {
        let articles = try Self.load(["briefs-and-bylines"])
        #expect(articles.map(\.headline.title) == ["衢州柯城“小哥议事会”开张", "嵊州越剧小镇建起职工书屋", "德清县总工会为一线职工送技能", "安吉竹乡职工健步走",
                                                   "湖州南浔职工书屋上新", "长兴职工技能比武开赛"])
        try #require(articles.count == 6)
        let (council, library, training, walk) = (articles[0], articles[1], articles[2], articles[3])
        let (books, contest) = (articles[4], articles[5])
        // A short line right after a cut sentence is its rest, not a subheading.
        #expect(books.subheadings.isEmpty)
        #expect(books.paragraphs.first?.contains("涵盖技能提升类读物和文学作品3000余册。") == true)
        // A brief after a paragraph left open (no 。 after a phone number) is still a brief.
        #expect(contest.headline.title == "长兴职工技能比武开赛" && contest.paragraphs.first?.hasPrefix("4月22日") == true)
        #expect(!books.paragraphs.joined().contains("长兴"))
        #expect(council.byline.reporters == ["方晓"] && council.byline.correspondents == ["蒋一鸣"])
        #expect(council.paragraphs.first?.hasPrefix("4月18日") == true)
        #expect(council.source.lastLine == 9, "the brief below is a story of its own")
        #expect(library.byline.allNames.isEmpty)
        #expect(library.paragraphs.count == 1)
        #expect(training.headline.subtitle == nil, "the byline line is no part of the headline")
        #expect(training.byline.reporters == ["郑远航"] && training.byline.correspondents.contains("邵佳"))
        #expect(training.paragraphs.first?.contains("讲解数控加工和设备维护知识。") == true, "the sentence the column cut is joined")
        #expect(walk.byline.correspondents == ["许可"] && walk.paragraphs.first?.hasPrefix("4月21日") == true)
    }

    @Test("a masthead in the middle of a page dates every story and is no story's text")
    func mastheadMidPage() throws {
        let articles = try Self.load(["masthead-mid-page"])
        #expect(articles.map(\.headline.title) == ["宁波市总工会举办首届快递员职业技能大赛", "温州苍南新就业形态劳动者驿站启用"])
        for article in articles {
            #expect(article.date?.iso == "2023-10-14")
            #expect(article.edition?.newspaper == "浙江工人日报")
            #expect(article.edition?.number == 12345)
            #expect(!article.bodyText.contains("星期六") && !article.bodyText.contains("总第"))
        }
    }

    @Test("three correspondents sharing one role, and a caption between the halves of a sentence")
    func correspondentsAndCaption() throws {
        let first = try #require(try Self.load(["masthead-mid-page"]).first)
        #expect(first.byline.reporters == ["王明远"])
        #expect(first.byline.correspondents == ["李华", "张敏", "陈立"])
        #expect(first.captions == ["选手正在进行包裹分拣比赛。"])
        #expect(first.paragraphs.last?.contains("优先推荐参加省级比赛。市总工会") == true)
        #expect(first.regions.first?.name == "鄞州区" || first.regions.first?.name == "宁波市")
        #expect(first.regions.map(\.name).contains("宁波市"))
    }

    @Test("a reprint note at the end of a paragraph becomes the attribution")
    func reprint() throws {
        let last = try #require(try Self.load(["masthead-mid-page"]).last)
        #expect(last.attribution == "温州日报")
        #expect(last.paragraphs.last?.hasSuffix("这样的驿站。") == true)
        #expect(last.regions.map(\.name).prefix(2) == ["苍南县", "温州市"])
    }

    @Test("two stories whose break falls mid-column, a repeated paragraph, and a photo story")
    func midColumnBreak() throws {
        // The banner over this page recurs on the other page of the same edition.
        let articles = try Self.load(["mid-column-break", "banner-feature"]).filter { $0.source.file == "mid-column-break.txt" }
        #expect(articles.map(\.headline.title) == ["嘉善县开展职工安全生产知识竞赛", "丽水莲都为环卫工人送清凉", "暖心服务"])
        let contest = articles[0]
        #expect(contest.paragraphs.count == 2)
        #expect(contest.paragraphs[1].hasSuffix("筑牢安全防线。"))
        #expect(contest.byline.correspondents == ["顾晓东"])
        let summer = articles[1]
        #expect(summer.paragraphs.last?.hasSuffix("合理安排作业时间。") == true)
        #expect(summer.regions.first?.name == "莲都区")
        let photo = articles[2]
        #expect(photo.kind == .photo)
        #expect(photo.byline.photographers == ["金涛"])
        #expect(photo.paragraphs == ["11月3日，义乌市总工会在国际商贸城举行“小哥暖心驿站”开放仪式，快递小哥们在驿站内休息、喝茶。"])
    }

    @Test("a banner that recurs on two pages is never part of a headline; a feature is credited at its end")
    func bannerAndFeature() throws {
        let articles = try Self.load(["banner-feature", "mid-column-break"])
        let feature = try #require(articles.first { $0.source.file == "banner-feature.txt" })
        #expect(feature.kind == .feature)
        #expect(feature.headline.column == "“工匠”进行时")
        #expect(feature.headline.kicker == nil)
        #expect(feature.headline.title == "一根焊枪 焊出精彩人生")
        #expect(feature.headline.subtitle == "记台州椒江区“金牌焊工”的成长之路")
        #expect(feature.byline.reporters == ["赵新华"] && feature.byline.photographers == ["赵新华"])
        #expect(feature.subheadings == ["从学徒到大师", "把绝活传下去"])
        #expect(feature.regions.first?.name == "椒江区")
        for article in articles { #expect(!article.headline.parts.joined().contains("奋进新征程")) }
    }
}
