import Foundation
@testable import NewsLoader
import NewsModel
import Testing

@Suite("Regions from the gazetteer")
struct RegionTests {
    let matcher = RegionMatcher(gazetteer: sharedLoader.gazetteer, taxonomy: sharedLoader.taxonomy)

    @Test("the gazetteer covers every county-level division of Zhejiang")
    func coverage() {
        let gazetteer = sharedLoader.gazetteer
        let zhejiang = gazetteer.places.first { $0.name == "浙江省" }
        let cities = gazetteer.places.filter { $0.parentCode == zhejiang?.code }
        #expect(cities.count == 11)
        let counties = gazetteer.places.filter { place in cities.contains { $0.code == place.parentCode } }
        #expect(counties.count == 90)
        for name in ["上虞区", "临平区", "钱塘区", "龙港市", "天台县", "开化县", "江山市", "普陀区"] {
            #expect(!gazetteer.places(named: name).isEmpty, "\(name) is in the gazetteer")
        }
        #expect(gazetteer.places.filter { $0.parentCode == gazetteer.places(named: "上海市").first?.code }.count == 16)
        #expect(Set(gazetteer.places.map(\.slug)).count == gazetteer.places.count)
    }

    @Test("slugs carry the correct reading of polyphones")
    func slugs() {
        #expect(sharedLoader.gazetteer.places(named: "长兴县").first?.slug == "changxing")
        #expect(sharedLoader.gazetteer.places(named: "乐清市").first?.slug == "yueqing")
    }

    @Test("a county brings its city and province, most specific first")
    func hierarchy() {
        let regions = matcher.regions(headline: "上虞区总工会举办讲座", body: "绍兴市上虞区总工会职工心理健康服务中心日前组织讲座。")
        #expect(regions.map(\.name) == ["上虞区", "绍兴市", "浙江省"])
        #expect(regions.map(\.level) == [.county, .city, .province])
        #expect(regions[0].parent == "绍兴市")
    }

    @Test("a county name that is an ordinary word counts only with its suffix or its city")
    func ordinaryWords() {
        let word = matcher.regions(headline: "职工书屋里的好江山", body: "他说，锦绣江山需要每一位劳动者守护，天台上晒满了被子。")
        #expect(!word.map(\.name).contains("江山市"))
        #expect(!word.map(\.name).contains("天台县"))
        let place = matcher.regions(headline: "天台县总工会开展送清凉", body: "天台县总工会近日走访一线职工。")
        #expect(place.first?.name == "天台县")
        let withCity = matcher.regions(headline: "衢州开化 工会驿站启用", body: "开化的驿站由县总工会建设，衢州市总工会给予支持。")
        #expect(withCity.first?.name == "开化县")
    }

    @Test("a short name that begins an island's, a road's or a street's name is no mention of its place")
    func namesThatNameNoPlace() {
        let island = matcher.regions(headline: "苏州工匠传艺长兴岛", body: "5名工匠来到上海长兴岛的造船企业，苏州市总工会组织了这次活动。")
        #expect(!island.contains { $0.name == "长兴县" }, "\(island.map(\.name))")
        #expect(island.first?.name == "苏州市")
        let roads = matcher.regions(headline: "西湖区休息站再添新点", body: "休息站设在长兴路、安吉大道和德清街沿线，西湖区总工会负责运营。")
        #expect(roads.map(\.name) == ["西湖区", "杭州市", "浙江省"], "\(roads.map(\.name))")
        // The name itself still counts.
        let county = matcher.regions(headline: "长兴 蓄电池工人有了驿站", body: "长兴县总工会近日在产业园建成驿站。")
        #expect(county.first?.name == "长兴县")
    }

    @Test("an editor's 普陀区 is the one whose city the editor names beside it, or alone the home province's; with its city before it, or by its slug, too")
    func sharedNameGivenByEditor() {
        func slugs(_ names: [String]) -> [String] { matcher.regions(named: names).regions.map(\.slug) }
        #expect(slugs(["舟山市", "普陀区"]).first == "putuo-zhoushan")
        #expect(slugs(["普陀区", "舟山市"]).first == "putuo-zhoushan")
        #expect(slugs(["上海市", "普陀区"]).first == "putuo-shanghai")
        #expect(slugs(["普陀区"]).first == "putuo-zhoushan", "alone, the home province's")
        #expect(slugs(["舟山市普陀区"]).first == "putuo-zhoushan")
        #expect(slugs(["上海市普陀区"]).first == "putuo-shanghai")
        #expect(slugs(["putuo-shanghai"]).first == "putuo-shanghai")
        #expect(matcher.regions(named: ["舟山市", "普陀区"]).regions.map(\.name) == ["普陀区", "舟山市", "浙江省"])
        #expect(matcher.regions(named: ["杭洲市"]).unknown == ["杭洲市"])
    }

    @Test("普陀, a name two places share, follows the city named with it")
    func sharedName() {
        let zhoushan = matcher.regions(headline: "舟山普陀 渔民工会成立", body: "舟山市普陀区总工会指导成立渔民工会。")
        #expect(zhoushan.first?.slug == "putuo-zhoushan")
        let shanghai = matcher.regions(headline: "上海普陀 职工运动会开幕", body: "上海市普陀区总工会主办职工运动会。")
        #expect(shanghai.first?.slug == "putuo-shanghai")
        let bare = matcher.regions(headline: "普陀 工会活动", body: "普陀的活动很精彩。")
        #expect(!bare.contains { $0.name == "普陀区" })
    }

    @Test("a full name two places share (普陀区, 鼓楼区) counts for the one whose city is named; alone, for the home province's one, or for none")
    func sharedFullName() {
        func regions(_ headline: String, _ body: String) -> [String] {
            matcher.regions(headline: headline, body: body).map { region in region.parent.map { "\(region.name)/\($0)" } ?? region.name }
        }
        #expect(regions("南京鼓楼 快递小哥驿站启用", "南京市鼓楼区总工会在湖南路建成快递小哥驿站。") == ["鼓楼区/南京市", "南京市/江苏省", "江苏省"])
        #expect(regions("徐州鼓楼 职工书屋开放", "徐州市鼓楼区总工会新建职工书屋。") == ["鼓楼区/徐州市", "徐州市/江苏省", "江苏省"])
        #expect(regions("上海普陀 职工运动会开幕", "上海市普陀区总工会主办职工运动会。") == ["普陀区/上海市", "上海市"])
        #expect(regions("上海市普陀区总工会开展职工服务", "上海市普陀区总工会近日开展职工服务进楼宇活动。") == ["普陀区/上海市", "上海市"],
                "the other city named: not the home province's 普陀区")
        // Named alone: the paper's own province has one 普陀区, and none of the two 鼓楼区.
        #expect(regions("普陀区总工会为骑手送清凉", "普陀区总工会近日为外卖骑手送上防暑降温物品。") == ["普陀区/舟山市", "舟山市/浙江省", "浙江省"])
        #expect(regions("鼓楼区总工会开展普法活动", "鼓楼区总工会近日开展普法进企业活动。") == [])
    }

    @Test("a short name that begins another place's name (淮安 in 淮安市, 连云 in 连云港) is no mention of its own there")
    func shortNameInsideAnother() {
        let city = matcher.regions(headline: "淮安市总工会开展送清凉", body: "淮安市总工会近日走访慰问高温一线职工，送去防暑物品。")
        #expect(city.map(\.name) == ["淮安市", "江苏省"])
        let district = matcher.regions(headline: "淮安区总工会开展送清凉", body: "淮安市淮安区总工会近日走访慰问一线职工。")
        #expect(district.map(\.name) == ["淮安区", "淮安市", "江苏省"])
        let port = matcher.regions(headline: "连云港港口职工技能大赛举行", body: "连云港市总工会举办港口职工技能大赛，连云港港口集团300名职工参赛。")
        #expect(port.map(\.name) == ["连云港市", "江苏省"])
    }

    @Test("a headline mention outweighs passing body mentions; 我省 makes a story province-wide")
    func weights() {
        let regions = matcher.regions(headline: "湖州市总工会发布行动计划", body: "湖州市总工会发布计划。会上，杭州、宁波代表作了交流。")
        #expect(regions.first?.name == "湖州市")
        #expect(!regions.contains { $0.name == "杭州市" })
        let province = matcher.regions(headline: "我省举行职工技能大赛", body: "来自杭州、宁波、温州、嘉兴的选手参赛。")
        #expect(province.map(\.name) == ["浙江省"])
    }
}

@Suite("Topics from the taxonomy")
struct TopicTests {
    let matcher = TopicMatcher(taxonomy: sharedLoader.taxonomy)

    @Test("a column label implies its topic")
    func column() {
        #expect(matcher.topics(column: "“产改”进行时", headline: "企业培训", body: "车间里").first?.name == "产改")
    }

    @Test("a passing keyword is not enough; a headline keyword is")
    func weights() {
        #expect(matcher.topics(column: nil, headline: "职工书屋开放", body: "活动中也提到了骑手。").isEmpty)
        #expect(matcher.topics(column: nil, headline: "骑手有了新驿站", body: "驿站为骑手服务。").map(\.name).contains("新就业形态"))
    }

    @Test("topics an editor names are given once per slug, under the name met first; other slugs all kept")
    func namedOncePerSlug() {
        let topics = matcher.topics(named: ["公会", "工会", "产改", "公会", "劳模精神"], pinyin: sharedLoader.pinyin)
        #expect(topics.map(\.name) == ["公会", "产改", "劳模精神"])
        #expect(Set(topics.map(\.slug)).count == topics.count)
    }
}

@Suite("Slugs")
struct SlugTests {
    let maker = SlugMaker(pinyin: sharedLoader.pinyin)

    @Test("pinyin reads phrases, not single characters")
    func phraseAware() {
        #expect(sharedLoader.pinyin.words("长兴县银行业工会") == ["chang", "xing", "xian", "yin", "hang", "ye", "gong", "hui"])
        #expect(sharedLoader.pinyin.words("5G网络AED") == ["5g", "wang", "luo", "aed"])
    }

    @Test("a title read by scalars and one read by characters (it holds a scalar that may join another) read alike",
          arguments: ["长兴县银行业工会5G网络AED", "Ab9长兴-银行", "乙甲丙 長興 银行"])
    func scalarAndCharacterReadingsAgree(title: String) {
        let pinyin = sharedLoader.pinyin
        // CR LF is one character of two scalars: the title with it is read character by character.
        let separated = title.replacingOccurrences(of: " ", with: "\r\n")
        #expect(pinyin.words(title + " 长兴") == pinyin.words(separated + "\r\n长兴"))
        #expect(pinyin.words(title).count > 1)
    }

    @Test("the longest phrase starting at a character wins, whatever the longest phrase of the table")
    func longestPhrase() {
        let pinyin = Pinyin(charactersTSV: "甲\tjia\n乙\tyi\n丙\tbing\n丁\tding\n戊\twu\n己\tji\n庚\tgeng",
                            phrasesTSV: "甲乙\tja yy\n甲乙丙\tjaa yyy bbb\n丙丁戊己庚\tb d w j g\n丁戊\tdd ww")
        #expect(pinyin.words("甲乙丙丁") == ["jaa", "yyy", "bbb", "ding"])
        #expect(pinyin.words("甲乙丁戊") == ["ja", "yy", "dd", "ww"])
        #expect(pinyin.words("丙丁戊己") == ["bing", "dd", "ww", "ji"], "the five-character phrase does not fit; a two-character one inside does")
        #expect(pinyin.words("乙甲") == ["yi", "jia"], "a phrase's second character starts none")
    }

    @Test("the tables' rows are two non-empty fields; blank lines, lines of one or three fields and keys of several characters are passed over")
    func tableRows() {
        let pinyin = Pinyin(charactersTSV: "\n甲\tjia\n\n乙\t\tyi\n丙\n丁\tding\textra\n戊己\twuji\n庚\tgeng",
                            phrasesTSV: "甲乙\tja yy\n\t丙丁\tbb dd\n庚庚\tgg\n")
        #expect(pinyin.words("甲") == ["jia"])
        #expect(pinyin.words("乙") == ["yi"], "an empty field between tabs does not count")
        #expect(pinyin.words("丙丁戊己") == ["bb", "dd"], "a leading tab starts no field; a three-field row and a two-character key are not read")
        #expect(pinyin.words("庚") == ["geng"], "the last row needs no line feed")
        #expect(pinyin.words("庚庚") == ["geng", "geng"], "a phrase whose readings do not match its characters is not read")
        #expect(pinyin.words("甲乙") == ["ja", "yy"])
        let twice = Pinyin(charactersTSV: "甲\tjia\n乙\tyi\n甲\tjiaa\n", phrasesTSV: "甲乙\tja yy\n乙甲\tyy ja\n甲乙\tjj yyy\n")
        #expect(twice.words("甲") == ["jiaa"], "of two rows for a character, the later")
        #expect(twice.words("甲乙乙甲") == ["jj", "yyy", "yy", "ja"], "of two rows for a phrase, the later")
        #expect(twice.words("丙") == [], "a character the table lacks has no reading")
    }

    @Test("the leading scalar of bytes in memory is the generic reading's, for every lead byte and continuation")
    func leadingScalarInMemory() {
        // Every lead byte with continuations that make well-formed, overlong, surrogate and cut
        // sequences, alone and with a byte after them.
        let continuations: [[UInt8]] = [[], [0x80], [0xBF], [0x80, 0x80], [0x9F, 0xBF], [0xA0, 0x80], [0xBF, 0xBF],
                                        [0x41, 0x80], [0x80, 0x41], [0x90, 0x80, 0x80], [0x8F, 0xBF, 0xBF]]
        for lead in UInt8.min...UInt8.max {
            for tail in continuations {
                for after in [[], [0x41], [0xE4, 0xB8, 0x80]] as [[UInt8]] {
                    let bytes = [lead] + tail + after
                    let inMemory = bytes.withUnsafeBufferPointer { ChineseText.leadingScalar(of: $0) }
                    let generic = ChineseText.leadingScalar(of: bytes.lazy)
                    #expect(inMemory?.scalar == generic?.scalar && inMemory?.isOnly == generic?.isOnly, "\(bytes)")
                }
            }
        }
    }

    @Test("a compatibility ideograph reads as the ideograph it stands for, alone and in a phrase")
    func compatibilityIdeographs() {
        let pinyin = Pinyin(charactersTSV: "六\tliu\n合\the\n", phrasesTSV: "六合\tlu he\n")
        #expect(pinyin.words("\u{F9D1}") == ["liu"])
        #expect(pinyin.words("\u{F9D1}合区") == ["lu", "he"], "the phrase 六合 is found through U+F9D1")
        #expect(pinyin.words("六合") == ["lu", "he"])
    }

    @Test("slugs are ASCII, readable, and depend only on the story's own file and title")
    func stable() {
        let slug = maker.slug(title: "乐清快递小哥入会", file: "2021/page1.txt")
        #expect(slug.value.hasPrefix("yue-qing-kuai-di-xiao-ge-ru-hui-"))
        #expect(slug == maker.slug(title: "乐清快递小哥入会", file: "2021/page1.txt"))
        #expect(slug != maker.slug(title: "乐清快递小哥入会", file: "2021/page2.txt"))
        #expect(slug != maker.slug(title: "乐清快递小哥入会", file: "2021/page1.txt", occurrence: 2))
    }
}

@Suite("The taxonomy file")
struct TaxonomyFileTests {
    @Test("every value is text, even one YAML would read as a number, a date or a truth value")
    func valuesAreText() throws {
        let taxonomy = try Taxonomy(yaml: """
            home_province: 浙江省
            province_wide: [全省, 2024]
            place_names_that_are_words: [天台, yes]
            columns: [一线传真, 2023-05-01]
            topics:
              - name: 职工服务
                slug: zhi-gong-fu-wu
                keywords: [12351, 服务职工, true, 1.5]
                columns: []
              - name: 劳模
                slug: lao-mo
            """)
        #expect(taxonomy.entries.map(\.topic.slug) == ["zhi-gong-fu-wu", "lao-mo"])
        #expect(taxonomy.entries[0].keywords == ["12351", "服务职工", "true", "1.5"], "the trade-union hotline is a keyword like any other")
        #expect(taxonomy.entries[1].keywords == ["劳模"], "a topic without keywords is found by its name")
        #expect(taxonomy.provinceWideWords == ["全省", "2024"])
        #expect(taxonomy.placeNamesThatAreWords == ["天台", "yes"])
        let matcher = TopicMatcher(taxonomy: taxonomy)
        #expect(matcher.topics(column: nil, headline: "拨打12351职工热线", body: "职工拨打12351热线求助，工会服务职工。").map(\.slug) == ["zhi-gong-fu-wu"])
    }
}

@Suite("A story's length, warned about when suspicious")
struct StoryLengthTests {
    /// A text to measure, shown in the test log by its length and first character (not whole).
    struct Sample: CustomTestStringConvertible, Sendable {
        let text: String
        var testDescription: String { "\(text.count) characters, \(text.utf8.count) bytes, from \(text.first.map(String.init)?.debugDescription ?? "nothing")" }
    }

    /// Texts about either limit, counted in characters of one scalar, of several, and of three bytes.
    static let texts: [Sample] = {
        let (short, long) = (NewsLoader.shortStoryLength, NewsLoader.longStoryLength)
        return [
            "", "工", String(repeating: "工", count: short - 1), String(repeating: "工", count: short),
            String(repeating: "a", count: short - 1), String(repeating: "a", count: short),
            String(repeating: "e\u{301}", count: short - 1), String(repeating: "e\u{301}", count: short),
            String(repeating: "👷‍♀️", count: short - 1) + "。",
            String(repeating: "a", count: long), String(repeating: "a", count: long + 1),
            // More bytes than the long limit, fewer characters.
            String(repeating: "工", count: long / 2), String(repeating: "工", count: long + 1),
            String(repeating: "e\u{301}", count: long), String(repeating: "e\u{301}", count: long + 1),
        ].map(Sample.init)
    }()

    @Test("the length is counted whole when it is, and given only outside the limits", arguments: texts)
    func suspicious(_ sample: Sample) {
        let text = sample.text
        let length = text.count
        let expected = length < NewsLoader.shortStoryLength || length > NewsLoader.longStoryLength ? length : nil
        #expect(ArticleEnricher.suspiciousLength(text) == expected)
    }

    @Test("a short and a long Markdown story are warned about, with their lengths; a usual one is not")
    func warnings() throws {
        let front = "---\ntitle: 职工书屋开放\ndate: 2024-05-01\nregions: [\"杭州市\"]\n---\n\n"
        let root = try makeSourceTree([
            "short.md": front + "书屋开放了。\n",
            "long.md": front + String(repeating: "职工书屋开放了，欢迎职工前来阅读。\n\n", count: 1_300),
            "usual.md": front + String(repeating: "职工书屋开放了，欢迎职工前来阅读。\n\n", count: 30),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let notes = try sharedLoader.load(source: root).diagnostics.filter { $0.step == "length" }
        #expect(notes.map(\.file).sorted() == ["long.md", "short.md"])
        // The body as written is counted, its line feeds too: the one after the front matter, then
        // six characters and a line feed; 1,300 times seventeen characters and two line feeds.
        #expect(notes.first { $0.file == "short.md" }?.message.contains("short story (8 characters)") == true)
        #expect(notes.first { $0.file == "long.md" }?.message.contains("long story (24701 characters;") == true)
    }
}
