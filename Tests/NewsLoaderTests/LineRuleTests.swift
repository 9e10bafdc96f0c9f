@testable import NewsLoader
import NewsModel
import Testing

@Suite("Bylines")
struct BylineTests {
    @Test("记者 and 通讯员 with 报道, after 本报讯")
    func reporterAndCorrespondent() throws {
        let result = try #require(BylineReader.read("本报讯 记者李凡 通讯员陈瑞瑶、曹思怡报道 日前，由龙游县总工会主办"))
        #expect(result.hasNewsMarker)
        #expect(result.credits.reporters == ["李凡"])
        #expect(result.credits.correspondents == ["陈瑞瑶", "曹思怡"])
        #expect(result.rest == "日前，由龙游县总工会主办")
    }

    @Test("记者X摄影报道 makes X reporter and photographer")
    func photoReport() throws {
        let result = try #require(BylineReader.read("本报讯 记者王海波摄影报道 清晨5点"))
        #expect(result.credits.reporters == ["王海波"])
        #expect(result.credits.photographers == ["王海波"])
        #expect(result.rest == "清晨5点")
    }

    @Test("a byline without 本报讯, and a space before 报道")
    func withoutMarker() throws {
        let result = try #require(BylineReader.read("记者张三 通讯员李四 报道 杭州某园区"))
        #expect(!result.hasNewsMarker)
        #expect(result.credits.reporters == ["张三"] && result.credits.correspondents == ["李四"])
        #expect(result.rest == "杭州某园区")
    }

    @Test("the parenthesised form and traditional characters")
    func parenthesisedTraditional() throws {
        let result = try #require(BylineReader.read("本報訊（記者陳明 通訊員林芳）近日，蕭山區"))
        #expect(result.credits.reporters == ["陳明"])
        #expect(result.credits.correspondents == ["林芳"])
        #expect(result.rest == "近日，蕭山區")
    }

    @Test("本报讯 alone is a marker, not a name")
    func markerOnly() throws {
        let result = try #require(BylineReader.read("本报讯 近日，全省各地工会"))
        #expect(result.credits.reporters.isEmpty && result.credits.correspondents.isEmpty)
        #expect(result.rest == "近日，全省各地工会")
    }

    @Test("names of one role set apart by a space, when the byline ends after them; not the story's first words")
    func spacedNames() throws {
        let reporters = try #require(BylineReader.read("本报讯 记者邵雨晴 李明报道 5月5日，德清县快递行业工会联合会成立"))
        #expect(reporters.credits.reporters == ["邵雨晴", "李明"])
        #expect(reporters.rest == "5月5日，德清县快递行业工会联合会成立")
        let both = try #require(BylineReader.read("本报讯 通讯员李明 沈悦 记者王芳报道 近日"))
        #expect(both.credits.correspondents == ["李明", "沈悦"], "\(both)")
        #expect(both.credits.reporters == ["王芳"])
        let parenthesised = try #require(BylineReader.read("本报讯（记者邵雨晴 李明）近日，"))
        #expect(parenthesised.credits.reporters == ["邵雨晴", "李明"] && parenthesised.rest == "近日，")
        // The first words of the story after a space are not a name.
        let opening = try #require(BylineReader.read("本报讯 记者王芳 近日，市总工会"))
        #expect(opening.credits.reporters == ["王芳"])
        #expect(opening.rest == "近日，市总工会")
        let sentence = try #require(BylineReader.read("本报讯 记者王芳报道 全市职工 报名参加"))
        #expect(sentence.credits.reporters == ["王芳"] && sentence.rest == "全市职工 报名参加")
        // Words of the story after a space, even before `、` or `记者`, are no names.
        let listed = try #require(BylineReader.read("本报讯 记者张三 省总工会、省人社厅日前联合发文"))
        #expect(listed.credits.reporters == ["张三"] && listed.rest == "省总工会、省人社厅日前联合发文")
        let heard = try #require(BylineReader.read("本报讯 记者张三 近日记者从市总工会获悉"))
        #expect(heard.credits.reporters == ["张三"] && heard.rest == "近日记者从市总工会获悉")
    }

    @Test("running text that starts with 记者 is not a byline")
    func notAByline() {
        #expect(BylineReader.read("记者了解到，该公司今年新建了职工书屋。") == nil)
        #expect(BylineReader.read("记者节来临之际，市总工会慰问一线新闻工作者。") == nil)
    }

    @Test("a byline alone on its line: after a mark, the paper's own staff, spaced names, or two roles")
    func alone() throws {
        #expect(BylineReader.read("■ 叶知秋")?.credits.reporters == ["叶知秋"], "■ marks a byline as □ does")
        #expect(BylineReader.read("■链接") == nil && BylineReader.read("□ 小贴士") == nil, "a box's label after a mark is no byline")
        let marked = try #require(BylineReader.read("□记者 方晓 通讯员 蒋一鸣"))
        #expect(marked.credits.reporters == ["方晓"] && marked.credits.correspondents == ["蒋一鸣"])
        #expect(marked.rest.isEmpty && !marked.hasNewsMarker)
        #expect(try #require(BylineReader.read("本报通讯员 邵佳")).credits.correspondents == ["邵佳"])
        #expect(try #require(BylineReader.read("本报记者 郑远航")).credits.reporters == ["郑远航"])
        #expect(try #require(BylineReader.read("记者 陆明")).credits.reporters == ["陆明"])
        #expect(try #require(BylineReader.read("记者陆明 通讯员许可")).credits.correspondents == ["许可"])
        // A headline that only begins with a role, its words run on, is no byline.
        #expect(BylineReader.read("记者走基层") == nil)
        #expect(BylineReader.read("通讯员培训班开班") == nil)
        #expect(BylineReader.read("本报记者调查") == nil)
        #expect(BylineReader.read("本报记者手记") == nil)
    }
}

@Suite("News leads")
struct NewsLeadTests {
    @Test("a brief opens with the time of what it reports: a date of the month or a word for lately")
    func leads() {
        for text in ["5月9日晚，余姚市职工篮球联赛开幕。", "12月1日，", "近日，市总工会", "日前，", "昨天上午"] {
            #expect(PageDumpReader.opensWithNewsLead(text), "\(text)")
        }
        for text in ["2019年，公司引进", "123月4日", "5月份以来", "今年以来，", "记者近日走访"] {
            #expect(!PageDumpReader.opensWithNewsLead(text), "\(text)")
        }
    }
}

@Suite("Credit lines")
struct CreditLineTests {
    @Test("photo credits alone on a line")
    func photoCredits() throws {
        #expect(CreditLine.photoCredit("通讯员陈卫星 摄")?.photographers == ["陈卫星"])
        let borrowed = try #require(CreditLine.photoCredit("(《劳动报》记者 贡俊祺/摄)"))
        #expect(borrowed.photographers == ["贡俊祺"])
        #expect(borrowed.attribution == "劳动报")
        #expect(CreditLine.photoCredit("本报记者摄影技术很好") == nil)
    }

    @Test("photo credits naming several people set apart by spaces, or under two roles")
    func photoCreditsOfSeveral() throws {
        #expect(CreditLine.photoCredit("通讯员王军 李娜 摄")?.photographers == ["王军", "李娜"])
        #expect(CreditLine.photoCredit("记者邵雨晴 通讯员沈悦 摄")?.photographers == ["邵雨晴", "沈悦"])
        #expect(CreditLine.photoCredit("(记者 邵雨晴 通讯员 沈悦/摄)")?.photographers == ["邵雨晴", "沈悦"])
        let split = try #require(CreditLine.trailingPhotoCredit("快递员在驿站里歇脚、充电。记者邵雨晴 通讯员沈悦 摄"))
        #expect(split.text == "快递员在驿站里歇脚、充电。" && split.credits.photographers == ["邵雨晴", "沈悦"])
        #expect(CreditLine.photoCredit("职工们在车间里认真学习新技术 摄") == nil, "a name is four characters at most")
        #expect(CreditLine.photoCredit("喜迎国庆 李明 摄") == nil, "a caption's phrase is no name")
        #expect(CreditLine.closingByline("（记者 徐敏）")?.reporters == ["徐敏"])
        #expect(CreditLine.closingByline("（记者手记）") == nil, "a label of the piece")
    }

    @Test("a photo credit at the end of a caption is split off")
    func trailingPhotoCredit() throws {
        let split = try #require(CreditLine.trailingPhotoCredit("选手们同台竞技。通讯员张丽 摄"))
        #expect(split.text == "选手们同台竞技。")
        #expect(split.credits.photographers == ["张丽"])
        #expect(CreditLine.trailingPhotoCredit("他说，这张照片是去年拍摄") == nil)
        let parenthesised = try #require(CreditLine.trailingPhotoCredit("选手们正在进行管道焊接比赛。（通讯员 王军 摄）"))
        #expect(parenthesised.text == "选手们正在进行管道焊接比赛。" && parenthesised.credits.photographers == ["王军"])
        // Set in traditional characters.
        let traditional = try #require(CreditLine.trailingPhotoCredit("選手們同台競技。通訊員張麗 攝"))
        #expect(traditional.text == "選手們同台競技。")
        #expect(traditional.credits.photographers == ["張麗"])
        #expect(CreditLine.trailingPhotoCredit("选手们同台竞技。通讯员张丽 摄。") == nil)
    }

    @Test("a byline in parentheses after a paragraph's last sentence is split off; one inside a sentence, or a label, is text")
    func trailingClosingByline() throws {
        let split = try #require(CreditLine.trailingClosingByline("现场解答咨询46人次。（通讯员 沈悦 李娜）"))
        #expect(split.text == "现场解答咨询46人次。")
        #expect(split.credits.correspondents == ["沈悦", "李娜"])
        #expect(CreditLine.trailingClosingByline("已接待骑手（记者 王芳）") == nil, "the sentence before it is not done")
        #expect(CreditLine.trailingClosingByline("活动圆满结束。（记者手记）") == nil)
        #expect(CreditLine.trailingClosingByline("活动圆满结束。（据新华社）") == nil)
        #expect(CreditLine.trailingClosingByline("（记者 徐敏）") == nil, "a byline alone is not a paragraph's end")
    }

    @Test("a mark left open near a paragraph's end, and one a paragraph closes before opening it")
    func openMarks() {
        #expect(OpenMarks.kindLeftOpen(atEndOf: "开展了“春送岗位”“冬") == .doubleQuote)
        #expect(OpenMarks.kindLeftOpen(atEndOf: "并与嘉兴银行(南湖") == .bracket, "half-width and full-width brackets are one kind")
        #expect(OpenMarks.kindLeftOpen(atEndOf: "开展了“春送岗位”等活动") == nil)
        #expect(OpenMarks.kindLeftOpen(atEndOf: "他说：“中心的每一项服务，都要从职工的需要出发，让职工") == nil, "opened too far from the end")
        #expect(OpenMarks.leavesOpen(.doubleQuote, in: "他说：“中心的每一项服务，都要从职工的需要出发，让职工"))
        #expect(OpenMarks.kindClosedFirst(in: "支行）签订合作协议") == .bracket)
        #expect(OpenMarks.kindClosedFirst(in: "“一户一档”工作机制") == nil)
        #expect(OpenMarks.kindClosedFirst(in: "这是一段足够长的文字，超过了二十个字符的范围之后才有”") == nil)
    }

    @Test("source notes under a story; bylines naming no role, before 整理 or after 文/图")
    func sourceNotesAndRolelessCredits() throws {
        for note in ["（省总工会法律工作部供稿）", "（本报综合）", "（综合新华社、人民网）", "（据新华社）", "(嘉兴市总工会提供)"] {
            #expect(CreditLine.isSourceNote(note), "\(note)")
        }
        #expect(!CreditLine.isSourceNote("（据《劳动报》）"), "a paper's name in 《》 is a reprint note")
        #expect(!CreditLine.isSourceNote("（上接第1版）") && !CreditLine.isSourceNote("职工书屋由市总工会提供"))
        #expect(CreditLine.closingByline("（沈佳怡 整理）")?.reporters == ["沈佳怡"])
        #expect(CreditLine.closingByline("（沈佳怡 整理）")?.photographers == [], "who compiles a story took no picture")
        #expect(CreditLine.closingByline("（记者 王晓宁 整理）")?.reporters == ["王晓宁"])
        let both = try #require(CreditLine.closingByline("（文/图 沈佳怡）"))
        #expect(both.reporters == ["沈佳怡"] && both.photographers == ["沈佳怡"])
        let reporter = try #require(CreditLine.closingByline("（记者 王芳 文/图）"))
        #expect(reporter.reporters == ["王芳"] && reporter.photographers == ["王芳"])
        #expect(BylineReader.read("本报记者 沈佳怡 整理")?.credits.reporters == ["沈佳怡"])
        #expect(BylineReader.read("本报记者 沈佳怡 整理")?.credits.photographers == [])
        #expect(CreditLine.closingByline("（综合整理）") == nil && CreditLine.isSourceNote("（本报综合整理）"))
    }

    @Test("names alone in parentheses under a brief are its reporters; a two-character name set with a space is one name")
    func bracketedNamesWithoutRole() throws {
        #expect(CreditLine.closingByline("（郑一鸣 孙婉清）")?.reporters == ["郑一鸣", "孙婉清"])
        #expect(CreditLine.closingByline("（雨 桐）")?.reporters == ["雨桐"])
        #expect(CreditLine.closingByline("(夏 磊)")?.reporters == ["夏磊"])
        #expect(CreditLine.closingByline("（莫 凡 蒋立群）")?.reporters == ["莫凡", "蒋立群"])
        #expect(CreditLine.closingByline("（莫 凡 夏 磊）")?.reporters == ["莫凡", "夏磊"])
        #expect(CreditLine.closingByline("（通讯员 詹 一 舟）")?.correspondents == ["詹一舟"])
        #expect(CreditLine.closingByline("（摄影 邬晓峰）")?.photographers == ["邬晓峰"])
        // A role in traditional characters is a role, never a name.
        #expect(CreditLine.closingByline("（記者 周嘉琳）")?.reporters == ["周嘉琳"])
        #expect(CreditLine.closingByline("（通訊員 周嘉琳）")?.correspondents == ["周嘉琳"])
        #expect(CreditLine.namesAlone("（記者 周嘉琳）") == nil && CreditLine.namesAlone("（節選）") == nil)
        #expect(CreditLine.closingByline("（摄影 邬晓峰）")?.reporters == [])
        #expect(CreditLine.joiningSpacedAuthorName("文/本报记者 雨 桐") == "文/本报记者 雨桐")
        #expect(CreditLine.joiningSpacedAuthorName("□ 本报评论员 夏 磊") == "□ 本报评论员 夏磊")
        #expect(CreditLine.joiningSpacedAuthorName("文/记者 王 小 明") == "文/记者 王 小 明", "three single characters are no two-character name")
        let roles = try #require(CreditLine.closingByline("（通讯员 柯 宁 记者 詹 远）"))
        #expect(roles.correspondents == ["柯宁"] && roles.reporters == ["詹远"], "\(roles)")
        let split = try #require(CreditLine.trailingClosingByline("首批50名职工已报名。（雨 桐）"))
        #expect(split.text == "首批50名职工已报名。" && split.credits.reporters == ["雨桐"])
        // Words a paper puts in parentheses, and three single characters, are no names.
        for word in ["（节选）", "（之二）", "（下篇）", "（笑）", "（有删节）", "（沈佳怡 整理）", "（张明摄）", "（记者手记）"] {
            #expect(CreditLine.closingByline(word)?.reporters.contains { ["节选", "之二", "下篇", "有删节", "整理", "张明摄", "王", "小", "明", "记者手记"].contains($0) } != true, "\(word)")
        }
        #expect(CreditLine.closingByline("（王 小 明 张 三）") == nil, "five single characters pair up no way")
        #expect(CreditLine.trailingClosingByline("大家都笑了。（笑）") == nil)
    }

    @Test("reprint notes, alone and at the end of a paragraph")
    func reprintNotes() throws {
        #expect(CreditLine.reprintNote("(据《江苏工人报》)") == "江苏工人报")
        #expect(CreditLine.reprintNote("（据《工人日报》）") == "工人日报")
        let split = try #require(CreditLine.trailingReprintNote("提升了凝聚力。(据《劳动报》)"))
        #expect(split.text == "提升了凝聚力。")
        #expect(split.paper == "劳动报")
        #expect(CreditLine.reprintNote("据《工会法》规定，职工有权加入工会。") == nil)
    }

    @Test("end credits of a feature")
    func endCredits() throws {
        let both = try #require(CreditLine.endCredit("■本版撰文/摄影 李志坚"))
        #expect(both.reporters == ["李志坚"] && both.photographers == ["李志坚"])
        let text = try #require(CreditLine.endCredit("■本版撰文 王芳"))
        #expect(text.reporters == ["王芳"] && text.photographers.isEmpty)
        #expect(CreditLine.endCredit("本版责任编辑说明了情况。") == nil)
        // One credit for each role on one line.
        let two = try #require(CreditLine.endCredit("■本版撰文 何雨桐 ■本版摄影 祝远"))
        #expect(two.reporters == ["何雨桐"] && two.photographers == ["祝远"])
        let colons = try #require(CreditLine.endCredit("本版撰文：何雨桐 本版摄影：祝远、林可"))
        #expect(colons.reporters == ["何雨桐"] && colons.photographers == ["祝远", "林可"])
        #expect(CreditLine.endCredit("■本版撰文 何雨桐 ■责任编辑 祝远") == nil)
    }
}

@Suite("Mastheads")
struct MastheadTests {
    @Test("masthead lines are recognised and read")
    func reads() {
        let lines = ["正文之前的标题", "2022年3月8日", "星期二", "壬寅年二月初六", "邮发代号: 31-2 总第12050号", "浙江工人日报", "社址: 杭州市某路1号", "另一条标题"]
        let result = MastheadReader.read(lines, lines: Array(1...lines.count))
        #expect(result.date?.year == 2022 && result.date?.month == 3 && result.date?.day == 8)
        #expect(result.number == 12050)
        #expect(result.newspaper == "浙江工人日报")
        #expect(result.blockIndices == Set(1...6))
    }

    @Test("ordinary headline and body lines are not masthead lines")
    func notMasthead() {
        #expect(!MastheadReader.isMastheadLine("嘉兴推进新业态新就业群体建会入会"))
        #expect(!MastheadReader.isMastheadLine("2021年以来，全市新建工会组织120家。"))
        #expect(MastheadReader.isMastheadLine("88851111"))
        #expect(MastheadReader.isMastheadLine("新闻服务热线"))
    }

    @Test("a lunar date is a masthead line whatever its day: 初一 to 初十, 十一 to 十九, 二十 to 二十九 or 廿一 to 廿九, 三十; a leap month too")
    func lunarDates() {
        for day in ["初一", "初十", "十一", "十九", "二十", "二十三", "二十九", "廿一", "廿九", "三十"] {
            #expect(MastheadReader.isMastheadLine("丙午年正月\(day)"), "\(day)")
            #expect(MastheadReader.isMastheadLine("农历乙巳年十二月\(day)"), "\(day)")
        }
        #expect(MastheadReader.isMastheadLine("甲辰年闰四月二十三"))
        #expect(!MastheadReader.isMastheadLine("丙午年正月二十三日，村里的职工书屋开张"))
    }

    @Test("a folio's page number alone, a folio the paper's name begins or ends, and the page's staff line are masthead lines; a bare figure, a count or a sentence is not")
    func folioForms() {
        for line in ["A3", "B12版", "C2 要闻", "— 3 —", "-4-", "浙江工人日报 2029年2月10日", "2029年2月10日 星期六 浙江工人日报",
                     "浙江工人日报 第3版", "责任编辑 孟凡清   版式设计 陶 然", "编辑：尹可", "责编 夏 雪"] {
            #expect(MastheadReader.isMastheadLine(line), "\(line)")
        }
        // A figure a column break left alone on a line is the sentence's (`共有` / `16` / `对师徒…`).
        for line in ["16", "3", "3 名职工", "12 家企业", "A3纸张一律回收利用", "编辑部全体同仁向读者拜年", "浙江工人日报社工会开展活动", "工人日报 记者走基层"] {
            #expect(!MastheadReader.isMastheadLine(line), "\(line)")
        }
    }
}

@Suite("Headline parts")
struct HeadlineTests {
    static let conventions: PageConventions = {
        var conventions = sharedLoader.taxonomy.conventions
        conventions.placeNames = Set(sharedLoader.gazetteer.places.flatMap { [$0.name, $0.short] }.filter { $0.count >= 2 })
        return conventions
    }()

    @Test("words a narrow column wrapped are joined; parallel phrases keep their space")
    func wrapping() {
        #expect(HeadlineReader.joinWrapped("龙游劳动关系 协调员首次比武") == "龙游劳动关系协调员首次比武")
        #expect(HeadlineReader.joinWrapped("精准定位 按需施策") == "精准定位 按需施策")
        #expect(HeadlineReader.joinWrapped("我能行, 我肯定行!") == "我能行,我肯定行!")
        #expect(HeadlineReader.joinWrapped("60位骑手 现场接受专家辅导") == "60位骑手现场接受专家辅导")
        // An organisation's name in a phrase does not make it a news line; quotation marks are not counted.
        #expect(HeadlineReader.joinWrapped("安全生产月 工会在行动", conventions: sharedLoader.pageConventions) == "安全生产月 工会在行动")
        #expect(HeadlineReader.joinWrapped("“五一”不停工 坚守保供一线", conventions: sharedLoader.pageConventions) == "“五一”不停工 坚守保供一线")
        // Two phrases of seven characters each are a couplet; of eight, a news line wrapped.
        #expect(HeadlineReader.joinWrapped("技能提升看得见 待遇跟着往上走") == "技能提升看得见 待遇跟着往上走")
        #expect(HeadlineReader.joinWrapped("全省职工技能竞赛 参赛人数再创新高") == "全省职工技能竞赛参赛人数再创新高")
        // A phrase naming a place is a news line wrapped.
        #expect(HeadlineReader.joinWrapped("绍兴上虞 骑手驿站", conventions: sharedLoader.pageConventions) == "绍兴上虞骑手驿站")
    }

    @Test("the line naming who did what is the kicker over a thematic title, the subtitle under one")
    func kickerOrSubtitle() throws {
        let kicker = try #require(HeadlineReader.read(["湖州市总工会发布行动计划", "未来五年培养万名高级工"], conventions: Self.conventions))
        #expect(kicker.kicker == "湖州市总工会发布行动计划" && kicker.title == "未来五年培养万名高级工")
        let subtitle = try #require(HeadlineReader.read(["职工思想引领有生气", "平湖工会选树特色品牌"], conventions: Self.conventions))
        #expect(subtitle.title == "职工思想引领有生气" && subtitle.subtitle == "平湖工会选树特色品牌")
        let slogan = try #require(HeadlineReader.read(["抓重点 强服务 解难题", "无锡工会：用辛苦指数换幸福指数"], conventions: Self.conventions))
        #expect(slogan.kicker == "抓重点 强服务 解难题")
    }

    @Test("one line with two parts, a column label, a quoted banner and a repeated line")
    func oneLine() throws {
        let headline = try #require(HeadlineReader.read(
            ["“产改”进行时", "“守好红色根脉·班前十分钟活动”", "情相系才能心相印 嘉兴推进新业态新就业群体建会入会", "嘉兴推进新业态新就业群体建会入会"],
            conventions: Self.conventions))
        #expect(headline.column == "“产改”进行时")
        #expect(headline.title == "情相系才能心相印")
        #expect(headline.subtitle == "嘉兴推进新业态新就业群体建会入会")
        #expect(headline.kicker == nil)
    }

    @Test("a news column's label over a brief (简讯, 快讯) is its column, not its title")
    func briefColumns() throws {
        for label in ["简讯", "快讯", "短讯"] {
            let headline = try #require(HeadlineReader.read([label, "天台县总工会为货车司机送体检"], conventions: Self.conventions))
            #expect(headline.column == label && headline.title == "天台县总工会为货车司机送体检" && headline.subtitle == nil)
        }
    }

    @Test("a line in quotation marks over a headline is a banner; the last line of a headline in quotation marks is its title")
    func quotedTitle() throws {
        let quoted = try #require(HeadlineReader.read(["德清快递小哥集中入会", "“工会就是我们的娘家”"], conventions: Self.conventions))
        #expect([quoted.kicker, quoted.title, quoted.subtitle].contains("“工会就是我们的娘家”"), "\(quoted)")
        let banner = try #require(HeadlineReader.read(["“守好红色根脉·班前十分钟活动”", "德清快递小哥集中入会"], conventions: Self.conventions))
        #expect(banner.title == "德清快递小哥集中入会" && banner.kicker == nil && banner.subtitle == nil)
        // Over a `——` subtitle, a quoted line is the title it goes with.
        let profile = try #require(HeadlineReader.read(["“车床会说话，你得听得懂”", "——记海盐紧固件厂技师阮明远"], conventions: Self.conventions))
        #expect(profile.title == "“车床会说话，你得听得懂”" && profile.subtitle == "——记海盐紧固件厂技师阮明远", "\(profile)")
        let interview = try #require(HeadlineReader.read(["访谈", "“让骑手在城市里有归属感”", "——访某区总工会主席"], conventions: Self.conventions))
        #expect(interview.column == "访谈" && interview.title == "“让骑手在城市里有归属感”", "\(interview)")
    }
}
