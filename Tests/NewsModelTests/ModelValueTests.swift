import Testing
import NewsModel

/// Slugs become folder names and URLs (`articles/<slug>/`); anything outside `[a-z0-9-]` would need
/// percent-encoding or could collide on case-insensitive file systems.
@Suite("Slug")
struct SlugTests {
    @Test("well-formed slugs are accepted unchanged", arguments: ["abc-12", "a", "7", "2021-11-22-gonghui", "shangyu"])
    func accepts(text: String) throws {
        let slug = try #require(Slug(text))
        #expect(slug.value == text)
        #expect(slug.description == text)
    }

    @Test("malformed slugs are rejected", arguments: [
        "", "-", "-abc", "abc-", "Abc", "ABC", "abc def", " abc", "abc ", "a_b", "a.b", "a/b",
        "gōng", "工会", "ａｂｃ", "abc\n", "%E5",
    ])
    func rejects(text: String) {
        #expect(Slug(text) == nil)
    }

    @Test("inside a slug, exactly the bytes a-z, 0-9 and - are accepted, of all 256")
    func everyByte() {
        for byte in UInt8.min...UInt8.max {
            let allowed = (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D
            // Between two letters, so that a hyphen is not at either end; as UTF-8 text (a byte
            // above 0x7F alone is not, and is repaired to U+FFFD, which is rejected too).
            let text = String(decoding: [UInt8(ascii: "a"), byte, UInt8(ascii: "a")], as: UTF8.self)
            #expect((Slug(text) != nil) == allowed, "byte \(byte)")
        }
    }

    @Test("slugs sort by their text")
    func ordering() throws {
        let slugs = try ["b", "a-2", "a", "a-10"].map { try #require(Slug($0)) }
        #expect(slugs.sorted().map(\.value) == ["a", "a-10", "a-2", "b"])
    }
}

@Suite("Byline")
struct BylineTests {
    @Test("allNames lists each person once, reporters then correspondents then photographers")
    func allNamesDedupesInOrder() {
        let byline = Byline(reporters: ["王明", "李华"], correspondents: ["陈瑞瑶", "王明", "曹思怡"], photographers: ["李华", "赵强", "赵强"])
        #expect(byline.allNames == ["王明", "李华", "陈瑞瑶", "曹思怡", "赵强"])
    }

    @Test("a byline is empty only when nobody is credited")
    func emptiness() {
        #expect(Byline().isEmpty)
        #expect(Byline().allNames.isEmpty)
        #expect(!Byline(reporters: ["王明"]).isEmpty)
        #expect(!Byline(correspondents: ["陈瑞瑶"]).isEmpty)
        #expect(!Byline(photographers: ["赵强"]).isEmpty)
    }
}

@Suite("Headline, article and term values")
struct ArticleValueTests {
    /// A small article of our own composition.
    static func article(slug: String = "gonghui-2021") -> Article {
        Article(
            slug: Slug(slug)!,
            headline: Headline(title: "职工书屋开到车间"),
            body: .blocks([.paragraph("本报讯 职工书屋开到了车间。")]),
            source: SourceSpan(file: "pages/a.txt", firstLine: 3, lastLine: 9)
        )
    }

    @Test("the article URL is site-relative, ends in a slash and follows the slug, in a copy too")
    func articleURL() throws {
        #expect(Self.article().url == "articles/gonghui-2021/")
        #expect(Self.article(slug: "a").url == "articles/a/")
        let original = Self.article(slug: "a")
        var copy = original
        copy.slug = try #require(Slug("b-2"))
        #expect(copy.url == "articles/b-2/")
        #expect(original.url == "articles/a/", "the copy it was made from keeps its own")
        copy.headline = Headline(title: "改了标题")
        #expect(copy.url == "articles/b-2/", "another field changed leaves the URL as it was")
    }

    @Test("region and topic URLs are site-relative folders")
    func termURLs() {
        #expect(Region(name: "上虞区", slug: "shangyu", level: .county, parent: "绍兴市").url == "regions/shangyu/")
        #expect(Topic(name: "产改", slug: "chan-gai").url == "topics/chan-gai/")
    }

    @Test("headline parts run top to bottom and leave out missing parts")
    func headlineParts() {
        let full = Headline(column: "“产改”进行时", kicker: "引题", title: "主题", subtitle: "副题")
        #expect(full.parts == ["“产改”进行时", "引题", "主题", "副题"])
        #expect(Headline(kicker: "引题", title: "主题").parts == ["引题", "主题"])
        #expect(Headline(title: "主题", subtitle: "副题").parts == ["主题", "副题"])
        #expect(Headline(title: "主题").parts == ["主题"])
    }

    @Test("each body block exposes its text")
    func blockText() {
        #expect(BodyBlock.paragraph("段落").text == "段落")
        #expect(BodyBlock.subheading("小标题").text == "小标题")
        #expect(BodyBlock.caption("图为现场").text == "图为现场")
    }

    @Test("a source span names file and first line, the form error messages use")
    func sourceSpanDescription() {
        #expect(SourceSpan(file: "pages/a.txt", firstLine: 3, lastLine: 9).description == "pages/a.txt:3")
    }

    @Test("articles default to news with no date, places or topics")
    func articleDefaults() {
        let article = Self.article()
        #expect(article.kind == .news)
        #expect(article.date == nil)
        #expect(article.edition == nil)
        #expect(article.attribution == nil)
        #expect(article.regions.isEmpty)
        #expect(article.topics.isEmpty)
        #expect(article.byline.isEmpty)
    }

    @Test("a copy of an article is a value: changing one leaves the other as it was")
    func copiesAreIndependent() throws {
        let original = Self.article()
        var copy = original
        #expect(copy == original)
        copy.regions.append(Region(name: "上虞区", slug: "shangyu", level: .county, parent: "绍兴市"))
        copy.headline.subtitle = "副题"
        copy.slug = try #require(Slug("changed"))
        #expect(original.regions.isEmpty)
        #expect(original.headline.subtitle == nil)
        #expect(original.slug.value == "gonghui-2021")
        #expect(copy.regions.map(\.slug) == ["shangyu"])
        #expect(copy.headline.subtitle == "副题")
        #expect(copy != original)

        // Changing a copy that shares nothing any more changes only it, again and again.
        var second = copy
        second.kind = .photo
        second.topics = [Topic(name: "产改", slug: "chan-gai")]
        #expect(copy.kind == .news && copy.topics.isEmpty)
        #expect(second.kind == .photo && second.topics.count == 1)
    }

    @Test("articles with the same fields are equal and hash alike, made apart or copied")
    func equalityByFields() {
        let first = Self.article()
        let second = Self.article()
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(Set([first, second, first]).count == 1)
        var changed = second
        changed.date = EditionDate(year: 2021, month: 11, day: 22)
        #expect(changed.date != nil)
        #expect(changed != first)
        #expect(Set([first, changed]).count == 2)
        changed.date = nil
        #expect(changed == first)
    }

    @Test("article kinds have the raw values list --json publishes")
    func kindRawValues() {
        #expect(ArticleKind.allCases.map(\.rawValue) == ["news", "photo", "feature"])
        #expect(Region.Level.allCases.map(\.rawValue) == ["province", "city", "county"])
    }
}

@Suite("Concatenation")
struct ConcatenationTests {
    @Test("three strings in one: the same text as +, short or long, ASCII or not, any part empty")
    func sameAsPlus() {
        let parts = ["", "/", "articles/", "index.html", "报", "杭州市总工会", "👷‍♀️", "e\u{301}", String(repeating: "长", count: 40)]
        for first in parts {
            for second in parts {
                for third in parts {
                    let joined = String.concatenating(first, second, third)
                    #expect(joined == first + second + third)
                    #expect(Array(joined.utf8) == Array((first + second + third).utf8))
                }
            }
        }
        #expect(String.concatenating("articles/", "gong-hui") == "articles/gong-hui")
    }
}
