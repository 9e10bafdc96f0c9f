import Foundation
@testable import NewsLoader
import NewsModel
import Testing

/// Pages that look like the situations the loader's rules for briefs, tables, notes, marks and
/// credits are made for, and are not: each must read as it did before those rules.
@Suite("Pages that only look like a rule's case")
struct LookAlikePageTests {
    static func load(_ page: String) throws -> LoadedSources {
        try ComposedPageTests.loaded(pages: ["page.txt": page])
    }

    @Test("a round-up's sections, each headed by a place within the headline's city or under a headline for the whole province, stay its sections")
    func roundUps() throws {
        let articles = try ComposedPageTests.load(["round-ups"])
        #expect(articles.map(\.headline.title) == ["宁波工会多措并举服务新就业形态劳动者", "全省工会多措并举服务新就业形态劳动者"])
        try #require(articles.count == 2)
        #expect(articles[0].subheadings == ["海曙 驿站织密服务网", "鄞州 入会通道更便捷", "北仑 权益维护有保障"])
        #expect(articles[1].subheadings == ["海曙 驿站织密服务网", "鄞州 入会通道更便捷"])
    }

    @Test("a place-led line is a brief's head only under a story as short as a brief and done: not under one cut mid-sentence or longer than a brief, nor when its first phrase is more than places")
    func briefSeriesBounds() throws {
        let long = String(repeating: "区总工会组织开展职工技能培训，参训职工反响热烈。", count: 9)
        let page = """


        湖州南浔职工书屋上新

        南浔区总工会为辖区20家企业的职工书屋配送新书3000余册，并组织开展读书分享会，职工纷纷表示

        德清莫干山开设暑托班

        德清县总工会联合团县委开设暑托班，首期招收学员50名。

        宁波北仑港区工会送清凉

        本报讯 记者王芳报道 \(long)

        \(long)

        宁波镇海炼化职工技能比武

        镇海区总工会举办炼化行业职工技能比武，120名职工参赛。

        舟山定海渔工驿站开放

        本报讯 通讯员李明报道 定海区总工会在沈家门渔港建成渔工驿站，为远洋渔工提供休息服务。

        舟山港区 工会送清凉进码头

        港区工会为200余名装卸工送去防暑药品。

        """
        let articles = try Self.load(page).articles
        #expect(articles.map(\.headline.title) == ["湖州南浔职工书屋上新", "宁波北仑港区工会送清凉", "舟山定海渔工驿站开放"])
        try #require(articles.count == 3)
        #expect(articles[0].bodyText.contains("德清莫干山开设暑托班"), "the story above is cut mid-sentence")
        #expect(articles[1].subheadings == ["宁波镇海炼化职工技能比武"], "the story above is longer than a brief")
        #expect(articles[2].subheadings == ["舟山港区 工会送清凉进码头"], "港区 is no place: the first phrase is more than places")
    }

    @Test("of two paragraphs left inside a quotation, only the first goes on with the one paragraph that closes it")
    func oneContinuationForOneSource() throws {
        let page = """


        嘉兴职工服务中心再升级

        本报讯 记者沈悦报道 近年来，区总工会先后开展了“春送岗位”“冬

        工会干部走访企业120余家。

        区总工会负责人说，这些活动都叫“暖

        职工们对此很满意。

        送温暖”系列活动，惠及职工2万余人次。

        """
        let article = try #require(try Self.load(page).articles.first)
        let text = article.paragraphs.joined()
        #expect(text.components(separatedBy: "送温暖”系列活动").count == 2, "the continuation is read once: \(article.paragraphs)")
        #expect(article.paragraphs.first?.hasSuffix("“冬送温暖”系列活动，惠及职工2万余人次。") == true)
    }

    @Test("a short sentence set off by a wide gap that closes a bracket left open is the rest of that sentence, not a photo caption")
    func closingBlockIsNoCaption() throws {
        let page = """


        湖州吴兴童装产业工人有了“成长账本”

        本报讯 记者沈悦报道 近日,吴兴区总工会在童装行业推行“技能等级与薪酬挂钩”制度,在湖州织里童装城(以下简称



        童装城)试点,“成长账本”被做成了手机小程序。

        童装城工会主席说,下一步将在全区推广。

        """
        let article = try #require(try Self.load(page).articles.first)
        #expect(article.captions.isEmpty)
        #expect(article.paragraphs == [
            "近日，吴兴区总工会在童装行业推行“技能等级与薪酬挂钩”制度，在湖州织里童装城（以下简称童装城）试点，“成长账本”被做成了手机小程序。",
            "童装城工会主席说，下一步将在全区推广。",
        ])
    }

    @Test("a quotation cut twice, its middle part going on and its end set off by a wide gap, reads in the order printed")
    func quotationCutTwice() throws {
        let page = """


        一根焊枪焊出精彩人生

        本报讯 记者王丽报道 在杭州一家船舶制造企业的车间里,焊花四溅。张建国从一名普通焊工成长为省级技能大师,带出了60多名徒弟。谈起自己的成长经历,张建国说:“刚进厂的时



        候,我连焊枪都拿不稳,师傅手把手地教我,从最基本的平焊、立焊练起,一块钢板一练就是一整天,手上的烫伤一个接一个,可我从来没有想过放弃,因为我知道,焊工这一行靠的是手上的功夫和心里的耐心,



        没有捷径可走。”如今,他的工作室已成为全区职工技能培训的重要阵地。

        工作室每年开展培训20余场,培训职工800余人次。
        """
        let article = try #require(try Self.load(page).articles.first)
        #expect(article.paragraphs.count == 2, "\(article.paragraphs)")
        #expect(article.paragraphs.first?.hasSuffix("手上的功夫和心里的耐心，没有捷径可走。”如今，他的工作室已成为全区职工技能培训的重要阵地。") == true)
        #expect(article.paragraphs.last == "工作室每年开展培训20余场，培训职工800余人次。")
    }

    @Test("a kicker and a title of spaced phrases are no table, and a slogan after a colon is no table either")
    func spacedPhrasesAreNoTable() throws {
        let kicker = try Self.load("""


        全市职工书屋建设再上新台阶

        本报讯 记者吕晓东报道 今年以来,全市各级工会新建职工书屋120家,累计配送图书20万册。

        以赛促学 以赛促训 以赛促练

        技能比武 同台竞技 各显身手

        本报讯 通讯员孙悦报道 5月8日,嘉善县首届电工职业技能竞赛举行,60名电工同台竞技。

        竞赛设理论考试和实际操作两个环节,最终决出一等奖3名。

        """)
        #expect(kicker.articles.map(\.headline.title) == ["全市职工书屋建设再上新台阶", "技能比武 同台竞技 各显身手"])
        #expect(kicker.articles.last?.headline.kicker == "以赛促学 以赛促训 以赛促练")
        let slogan = try Self.load("""


        全市职工运动会开幕

        本报讯 记者吕晓东报道 5月8日,全市第五届职工运动会开幕,32支代表队1500余名职工参赛。本届运动会的口号是:

        劳动创造幸福 实干成就梦想 奋斗点亮人生

        开幕式上,市总工会负责人致辞。

        """)
        #expect(slogan.articles.count == 1 && !slogan.diagnostics.contains { $0.message.contains("table") }, "\(slogan.diagnostics)")
        #expect(slogan.articles.first?.bodyText.contains("劳动创造幸福 实干成就梦想 奋斗点亮人生") == true)
    }

    @Test("an editor's note under a story's headline and byline is that story's, and the lines under it its sections")
    func noteUnderAHeadline() throws {
        let loaded = try Self.load("""


        书香职工

        本报记者 钱晓燕

        编者按:职工书屋是职工身边的“加油站”。本报今起推出“书香职工”系列报道,敬请关注。

        车间里的读书角

        走进嘉兴某纺织企业的职工书屋,三排书架上整齐摆放着3000余册图书,不少职工利用午休时间在这里阅读。

        夜校里的新课堂

        每周三晚上,企业工会都会邀请专家为职工开设讲座,内容涵盖技能提升、心理健康等。

        """)
        #expect(loaded.articles.map(\.headline.title) == ["书香职工"])
        #expect(loaded.articles.first?.byline.reporters == ["钱晓燕"])
        #expect(loaded.articles.first?.subheadings == ["车间里的读书角", "夜校里的新课堂"])
        #expect(loaded.articles.first?.paragraphs.first?.hasPrefix("编者按") == true)
    }

    @Test("a news line wrapped after a verb that takes an object is one title, not two parallel phrases")
    func wrappedAfterAVerb() throws {
        let articles = try Self.load("""


        区总工会举办 职工运动会

        本报讯 5月8日,南湖区第五届职工运动会开幕,32支代表队1500余名职工参赛。

        集团工会开展 安全月活动

        本报讯 6月1日,某集团工会开展安全生产月活动,2000余名职工参加。

        """).articles
        #expect(articles.map(\.headline.title) == ["区总工会举办职工运动会", "集团工会开展安全月活动"])
    }

    @Test("a continuation that is itself cut goes on with its own continuation, and no paragraph is lost")
    func continuationOfAContinuation() throws {
        let article = try #require(try Self.load("""


        嘉兴南湖职工服务中心服务再升级

        本报讯 记者沈悦报道 近年来,南湖区总工会把职工服务中心建设作为服务职工的重要抓手,先后开展了“春送岗位”“夏送清凉”“秋送助学”“冬

        工会干部走访企业120余家,收集职工意见建议300余条,并逐条梳理形成问题清单。

        送温暖”系列活动,惠及职工2万余人次。为更好服务困难职工,区总工会与嘉兴银行(南湖

        区总工会还组织开展“职工书香节”“职工运动会”等文体活动,丰富职工精神文化生活。

        支行)签订合作协议,设立专项帮扶资金100万元,今年已为86户困难职工发放帮扶金。

        据介绍,区总工会还将在全区推广这一经验。

        """).articles.first)
        #expect(article.paragraphs.first?.hasSuffix("与嘉兴银行（南湖支行）签订合作协议，设立专项帮扶资金100万元，今年已为86户困难职工发放帮扶金。") == true,
                "\(article.paragraphs)")
        #expect(article.paragraphs.contains { $0.hasPrefix("区总工会还组织开展") })
        #expect(article.paragraphs.contains { $0.hasPrefix("工会干部走访企业") })
        #expect(article.paragraphs.count == 4)
    }

    @Test("a numbered head closed by a bracket alone (1）征集时间) is a subheading")
    func numberedHeads() throws {
        let article = try #require(try Self.load("""


        市总工会举办职工摄影大赛

        本报讯 记者王丽报道 为展示新时代职工风采,市总工会日前启动2024年职工摄影大赛,现将有关事项告知如下。

        1)征集时间

        即日起至2024年8月31日,逾期不再受理。

        2)作品要求

        作品须为参赛者本人原创,内容积极向上,每人限投5幅。

        3)奖项设置

        大赛设一等奖3名、二等奖6名、三等奖10名。

        """).articles.first)
        #expect(article.subheadings == ["1）征集时间", "2）作品要求", "3）奖项设置"])
    }

    @Test("整理 in running text ends no byline")
    func compiledInRunningText() throws {
        let articles = try Self.load("""


        全市职工书屋建设情况发布

        本报讯 记者近日整理全市职工书屋建设情况发现,今年以来全市新建职工书屋120家,累计配送图书20万册。

        据悉,市总工会还将继续推进职工书屋建设。

        职工书屋成为“加油站”

        记者王丽整理了职工们的读书心得,大家纷纷表示受益匪浅。

        据悉,市总工会还将继续推进职工书屋建设,让更多职工受益。

        """).articles
        #expect(articles.count == 1)
        #expect(articles.first?.byline.reporters.contains("近日") == false)
        #expect(articles.first?.paragraphs.joined().contains("记者王丽整理了职工们的读书心得") == true)
    }

    @Test("（综合整理） is a source note, no person")
    func compiledFromSources() throws {
        let articles = try Self.load("""


        高温天气职工防暑小贴士

        高温天气下,户外作业职工要注意防暑降温,合理安排作息时间,避免在中午高温时段作业。

        (综合整理)

        职工书屋上新

        本报讯 近日,市总工会为20家企业职工书屋配送新书3000余册。

        (本报综合整理)

        """).articles
        #expect(articles.map(\.headline.title) == ["高温天气职工防暑小贴士", "职工书屋上新"])
        #expect(articles.allSatisfy { $0.byline.reporters.isEmpty })
        #expect(articles.first?.paragraphs.last == "（综合整理）")
    }

    @Test("names in a story set in simplified characters are kept as printed, though the folding table maps a character of them (於, 乾)")
    func simplifiedNamesKept() throws {
        let article = try #require(try Self.load("""


        市总工会开展送清凉活动

        本报讯 记者於青 通讯员王乾坤报道 7月10日,市总工会开展夏季送清凉活动,为一线职工送去防暑降温物资。

        """).articles.first)
        #expect(article.byline.reporters == ["於青"] && article.byline.correspondents == ["王乾坤"])
    }
}
