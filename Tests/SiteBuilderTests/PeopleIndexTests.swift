import NewsLoader
import NewsModel
@testable import SiteBuilder
import Testing

/// Who the site credits: each person's roles, stories and page address.
@Suite("The people index")
struct PeopleIndexTests {
    /// A story whose byline is `byline`.
    static func story(_ number: Int, _ byline: Byline) -> Article {
        Article(slug: Slug("people-\(number)")!, headline: Headline(title: "第\(number)号"), byline: byline,
                date: EditionDate(year: 2024, month: 6, day: 1), body: .markdown("正文。"),
                source: SourceSpan(file: "\(number).md", firstLine: 1, lastLine: 1))
    }

    @Test("roles in byline order, each story once even when it credits a person twice, homophones told apart")
    func people() throws {
        let index = PeopleIndex(articles: [
            Self.story(0, Byline(reporters: ["王芳"], photographers: ["王芳", "陈东"])),
            Self.story(1, Byline(correspondents: ["王芳", "王方"])),
            Self.story(2, Byline(photographers: ["陈东"])),
        ], pinyin: try Pinyin.bundled())
        let byName = Dictionary(uniqueKeysWithValues: index.people.map { ($0.name, $0) })
        #expect(byName["王芳"]?.roles == ["记者", "通讯员", "摄影"])
        #expect(byName["王方"]?.roles == ["通讯员"])
        #expect(byName["陈东"]?.roles == ["摄影"])
        #expect(index.stories["王芳"] == [0, 1], "story 0 credits her twice, it counts once")
        #expect(index.stories["陈东"] == [0, 2])
        #expect(byName["王芳"]?.count == 2)
        #expect(index.urls["陈东"] == "people/chen-dong/")
        let homophones = [index.urls["王芳"], index.urls["王方"]].compactMap { $0 }
        #expect(homophones.count == 2 && Set(homophones).count == 2)
        #expect(homophones.allSatisfy { $0.hasPrefix("people/wang-fang-") }, "one reading, told apart by a fingerprint: \(homophones)")
        #expect(index.people.map(\.url) == index.people.map(\.url).sorted())
    }

    @Test("a feature's writer is listed as its 撰文, as its byline names them, not as a 记者")
    func featureWriters() throws {
        var feature = Self.story(1, Byline(reporters: ["李志坚"], photographers: ["李志坚"]))
        feature.kind = .feature
        let index = PeopleIndex(articles: [
            Self.story(0, Byline(reporters: ["王芳"], correspondents: ["李志坚"])),
            feature,
        ], pinyin: try Pinyin.bundled())
        let byName = Dictionary(uniqueKeysWithValues: index.people.map { ($0.name, $0) })
        #expect(byName["李志坚"]?.roles == ["撰文", "通讯员", "摄影"])
        #expect(byName["王芳"]?.roles == ["记者"])
    }

    @Test("a surname is read as a surname (曾 zeng, 单 shan, 尉迟 yu-chi), in the page's address and the index's order")
    func surnames() throws {
        let index = PeopleIndex(articles: [
            Self.story(0, Byline(reporters: ["曾晓燕", "单立新"])),
            Self.story(1, Byline(correspondents: ["尉迟明", "曹阳"])),
            Self.story(2, Byline(photographers: ["曾经"])),
        ], pinyin: try Pinyin.bundled())
        #expect(index.urls["曾晓燕"] == "people/zeng-xiao-yan/")
        #expect(index.urls["单立新"] == "people/shan-li-xin/")
        #expect(index.urls["尉迟明"] == "people/yu-chi-ming/")
        #expect(index.urls["曾经"] == "people/zeng-jing/", "a name that is also a word is still a name")
        #expect(index.people.map(\.name) == ["曹阳", "单立新", "尉迟明", "曾经", "曾晓燕"])
        let pinyin = try Pinyin.bundled()
        #expect(pinyin.words("曾经") == ["ceng", "jing"], "the word keeps its reading")
        #expect(pinyin.nameWords("曾") == ["ceng"], "a surname alone is no name of a person with it")
    }

    @Test("a name written with a compatibility ideograph in one story and the unified one in another is one person")
    func equivalentNames() throws {
        // U+F91D is U+6B04 to `String`, as to a reader.
        let index = PeopleIndex(articles: [
            Self.story(0, Byline(reporters: ["李\u{F91D}"])),
            Self.story(1, Byline(reporters: ["李\u{6B04}"], photographers: ["李\u{F91D}"])),
        ], pinyin: try Pinyin.bundled())
        #expect(index.people.count == 1)
        #expect(index.people.first?.count == 2)
        #expect(index.people.first?.roles == ["记者", "摄影"])
        #expect(index.credits(of: 0).first == index.credits(of: 1).first)
    }

    @Test("each story's credits: one fingerprint per person, role by role, the same for a person in every story")
    func credits() {
        let index = PeopleIndex(articles: [
            Self.story(0, Byline(reporters: ["王芳"], photographers: ["王芳", "陈东"])),
            Self.story(1, Byline(correspondents: ["王芳"])),
            Self.story(2, Byline()),
        ], pinyin: nil)
        let end = PeopleIndex.roleEnd
        let first = Array(index.credits(of: 0))
        #expect(first.count == 6 && first[1] == end && first[2] == end && first[5] == end)
        #expect(first[0] == first[3] && first[0] != first[4] && !first[0...].contains(0))
        #expect(Array(index.credits(of: 1)) == [end, first[0], end, end])
        #expect(Array(index.credits(of: 2)) == [end, end, end])
    }

    @Test("two names whose six-digit fingerprints agree still get two pages; the later name carries its whole fingerprint")
    func fingerprintCollision() {
        // With no pinyin a name's slug is its fingerprint; these two (found by search) end alike.
        #expect(String(SlugMaker.fnv1a("陈1825"), radix: 16).suffix(6) == String(SlugMaker.fnv1a("陈28000"), radix: 16).suffix(6))
        let index = PeopleIndex(articles: [Self.story(0, Byline(reporters: ["陈28000", "陈1825"]))], pinyin: nil)
        #expect(index.urls["陈1825"] == "people/95ffa5/")
        #expect(index.urls["陈28000"] == "people/\(String(SlugMaker.fnv1a("陈28000"), radix: 16))/")
    }
}
