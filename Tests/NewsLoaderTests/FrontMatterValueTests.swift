@testable import NewsLoader
import NewsModel
import Testing

/// Values of the wrong shape in an editor's front matter stop the article with `file:line`, rather
/// than being read as if the key were absent.
@Suite("Front matter values")
struct FrontMatterValueTests {
    /// Reads an article whose front matter is `title: 标题` followed by `line` (line 3 of the file).
    static func read(_ line: String) -> MarkdownArticleReader.Result {
        MarkdownArticleReader().read("---\ntitle: 标题\n\(line)\n---\n\n杭州市总工会走访一线职工。\n", file: "a.md")
    }

    /// The article's single error, if it has exactly one.
    static func error(_ result: MarkdownArticleReader.Result) -> LoadDiagnostic? {
        let errors = result.diagnostics.filter { $0.severity == .error }
        return result.article == nil && errors.count == 1 ? errors[0] : nil
    }

    @Test("a list or a mapping where text belongs is an error on its line",
          arguments: ["kicker: [甲, 乙]", "column: {甲: 乙}", "attribution: [江苏工人报]", "subtitle:\n  - 甲", "kind: [news]", "date: [2023-04-29]"])
    func textKeyGivenAList(line: String) throws {
        let error = try #require(Self.error(Self.read(line)), "\(line)")
        let key = String(line.prefix { $0 != ":" })
        #expect(error.line == 3)
        #expect(error.message.contains("`\(key)` must be text"), "\(error.message)")
    }

    @Test("a title YAML reads as null is missing, on its line; quoted, it is the text", arguments: ["null", "~", "NULL", "Null"])
    func nullTitle(value: String) throws {
        let result = MarkdownArticleReader().read("---\nregions: [杭州市]\ntitle: \(value)\n---\n\n正文。\n", file: "a.md")
        let error = try #require(Self.error(result), "\(value)")
        #expect(error.line == 3 && error.message.contains("missing `title`"))
        let quoted = MarkdownArticleReader().read("---\ntitle: \"\(value)\"\n---\n\n正文。\n", file: "a.md")
        #expect(quoted.article?.headline.title == value)
    }

    @Test("byline keys give bare names, each once: a role written before a name is taken off, with a warning on the key's line")
    func bylineNames() throws {
        let result = Self.read("reporters: [记者王芳, \"  \", 王芳, 本报记者 陈东]\ncorrespondents: 通讯员李明\nphotographers: [摄影师, 摄影 赵强]")
        let credits = try #require(result.article?.credits)
        #expect(credits.reporters == ["王芳", "陈东"])
        #expect(credits.correspondents == ["李明"])
        #expect(credits.photographers == ["摄影师", "赵强"], "a name is two characters or more")
        let warnings = result.diagnostics.filter { $0.step == "byline" }
        #expect(warnings.map(\.line) == [3, 3, 3, 4, 5])
        #expect(warnings.contains { $0.message.contains("“记者王芳” is read as “王芳”") })
        #expect(warnings.contains { $0.message.contains("names “王芳” twice") })
    }

    @Test("a name written after another key's role is that key's, with a warning; a role alone names no one")
    func rolesOfOtherKeys() throws {
        let result = Self.read("reporters: 记者楼红梅 通讯员郑一帆\ncorrespondents: [本报评论员]\nphotographers: [记者潘志远、摄影 邬晓峰]")
        let credits = try #require(result.article?.credits)
        #expect(credits.reporters == ["楼红梅", "潘志远"], "\(credits)")
        #expect(credits.correspondents == ["郑一帆"])
        #expect(credits.photographers == ["邬晓峰"])
        let warnings = result.diagnostics.filter { $0.step == "byline" }
        #expect(warnings.contains { $0.line == 3 && $0.message.contains("“通讯员郑一帆” is read as “郑一帆”, one of the `correspondents`") }, "\(warnings)")
        #expect(warnings.contains { $0.line == 4 && $0.message.contains("“本报评论员” is a role, not a person's name") })
        #expect(warnings.contains { $0.line == 5 && $0.message.contains("one of the `reporters`") })
    }

    @Test("names in one list item or line are split where an editor separates them: full-width commas, 、, semicolons; people's keys at spaces between full names too")
    func namesSeparatedByHand() throws {
        let result = Self.read("reporters: [王芳，张强]\ncorrespondents: 李明；赵强\nphotographers: 刘洋 欧阳明 \ntopics: [新就业形态, 职工服务]\nregions: 杭州市、萧山区")
        let article = try #require(result.article)
        #expect(article.credits.reporters == ["王芳", "张强"])
        #expect(article.credits.correspondents == ["李明", "赵强"])
        #expect(article.credits.photographers == ["刘洋", "欧阳明"])
        #expect(article.topicNames == ["新就业形态", "职工服务"])
        #expect(article.regionNames == ["杭州市", "萧山区"])
        // A two-character name set apart, a role before a name, names in Latin letters, a compound
        // surname set apart, a role of no list, a place name with a space and a topic holding a comma stay whole.
        let whole = try #require(Self.read("reporters: [刘 洋, 本报记者 陈东, John Smith, 欧阳 明, 新华社记者 王芳]\nregions: [杭州 萧山]\ntopics: [党建带工建，工建促党建]").article)
        #expect(whole.credits.reporters == ["刘 洋", "陈东", "John Smith", "欧阳 明", "新华社记者 王芳"])
        #expect(whole.regionNames == ["杭州 萧山"])
        #expect(whole.topicNames == ["党建带工建，工建促党建"])
    }

    @Test("a title given as a list is called that, not missing")
    func titleGivenAList() throws {
        let result = MarkdownArticleReader().read("---\ntitle: [甲, 乙]\n---\n\n正文。\n", file: "a.md")
        let error = try #require(Self.error(result))
        #expect(error.line == 2 && error.message.contains("`title` must be text"))
    }

    @Test("a date followed by anything but a valid time of day is an error on its line",
          arguments: ["2023-04-29 extra", "2023-04-29T99:99:99", "2023-04-29T24:00", "2023-04-29T08:60", "2023-04-29T08",
                      "2023-04-29T08:30:00.", "2023-04-29T08:30+25:00", "2023-04-29T08:30Zulu", "2023-04-29abc", "2023-04-29 08:30 +08:00 北京"])
    func dateWithJunk(date: String) throws {
        let error = try #require(Self.error(Self.read("date: \(date)")), "\(date)")
        #expect(error.line == 3)
        #expect(error.message.contains("invalid date"))
    }

    @Test("a date with a time of day as YAML writes one keeps the date as written",
          arguments: ["2023-04-29", "2023-04-29T08:30", "2023-04-29t8:30:05", "2023-04-29 08:30:00.25", "2023-04-29T23:30:00-08:00",
                      "2023-04-29 21:59:43.10 -5", "2023-04-29T08:30:00Z", "2023-04-29T08:30+0800", "\"2023-04-29 08:30\""])
    func dateWithTime(date: String) throws {
        let result = Self.read("date: \(date)")
        #expect(result.diagnostics.filter { $0.severity == .error } == [], "\(date)")
        #expect(result.article?.date == EditionDate(year: 2023, month: 4, day: 29), "\(date)")
    }

    @Test("a date of no such day, an empty date and a date in another form are each told what is wrong")
    func dateMistakes() throws {
        let noSuchDay = try #require(Self.error(Self.read("date: 2024-13-40")))
        #expect(noSuchDay.message == "invalid date `2024-13-40`: no such day (a month is 01 to 12, a day no later than the month's last)")
        #expect(try #require(Self.error(Self.read("date: 2024-02-30"))).message.contains("no such day"))
        let empty = try #require(Self.error(Self.read("date:")))
        #expect(empty.line == 3 && empty.message.hasPrefix("empty `date:`"), "\(empty.message)")
        #expect(try #require(Self.error(Self.read("date: 2024/5/1"))).message.contains("write it as YYYY-MM-DD"))
        // An offset beyond any time zone's is named among what a time of day may hold.
        #expect(try #require(Self.error(Self.read("date: 2024-02-29T08:30:00+25:00"))).message.contains("an offset from -14:00 to +14:00"))
    }

    @Test("every value of the wrong form in one front matter is an error on its line, all told at once, by line")
    func allErrorsAtOnce() throws {
        let result = MarkdownArticleReader().read("---\nkind: Feature\ntitle: 标题\ndate: 2024-13-01\nkicker: [甲]\nslug: 不是slug\n---\n\n正文。\n", file: "a.md")
        #expect(result.article == nil)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.line) == [2, 4, 5, 6], "\(errors.map(\.description))")
        #expect(errors.first?.message.hasPrefix("unknown kind `Feature`") == true)
        // No title (told on line 2, where it belongs), and a bad date: both told.
        let untitled = MarkdownArticleReader().read("---\ndate: 2024-02-30\n---\n\n正文。\n", file: "a.md")
        #expect(untitled.diagnostics.filter { $0.severity == .error }.map(\.message).map { $0.prefix(16) } == ["missing `title`:", "invalid date `20"])
    }

    @Test("a date outside the years a paper has says so")
    func yearOutOfRange() throws {
        let error = try #require(Self.error(Self.read("date: 9999-12-31")))
        #expect(error.message.contains("the year must be from 1900 to 2999"), "\(error.message)")
    }
}
