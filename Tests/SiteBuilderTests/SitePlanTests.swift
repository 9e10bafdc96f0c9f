import NewsModel
@testable import SiteBuilder
import Testing
import TestSupport

/// How the plan picks the related stories shown under an article.
@Suite("Related stories")
struct RelatedStoriesTests {
    static let shared = (topic: Topic(name: "产改", slug: "chan-gai"), region: Region(name: "宁波市", slug: "ningbo", level: .city, parent: nil))
    static let other = (topic: Topic(name: "技能竞赛", slug: "ji-neng-jing-sai"), region: Region(name: "温州市", slug: "wenzhou", level: .city, parent: nil))

    /// A story dated `day` of January 2024 with `topics` and `regions`.
    static func story(_ day: Int, topics: [Topic], regions: [Region]) -> Article {
        Article(slug: Slug("story-\(day)")!, headline: Headline(title: "第\(day)号稿件"), date: EditionDate(year: 2024, month: 1, day: day),
                regions: regions, topics: topics, body: .markdown("正文。"), source: SourceSpan(file: "story-\(day).md", firstLine: 1, lastLine: 1))
    }

    @Test("stories sharing more terms come first, then the nearest in time, then the newer; unrelated ones never")
    func ranking() {
        let (topic, region) = Self.shared
        let (otherTopic, otherRegion) = Self.other
        // Positions in the site's order (newest first) follow the days: day 20 is position 0.
        let terms: [(topics: [Topic], regions: [Region])] = [
            ([topic], [otherRegion]),       // 0: one term, five away
            ([otherTopic], [region]),       // 1: one term, four away
            ([otherTopic], [otherRegion]),  // 2: nothing shared
            ([topic], [region]),            // 3: both terms, two away
            ([otherTopic], [region]),       // 4: one term, one away (newer)
            ([topic], [region]),            // 5: the article
            ([topic], [otherRegion]),       // 6: one term, one away (older)
            ([topic], [region]),            // 7: both terms, two away (older than 3)
            ([otherTopic], [otherRegion]),  // 8: nothing shared
            ([otherTopic], [otherRegion]),  // 9: nothing shared
            ([topic], [otherRegion]),       // 10: one term, five away (older than 0)
        ]
        let plan = SitePlan(terms.enumerated().map { Self.story(20 - $0.offset, topics: $0.element.topics, regions: $0.element.regions) })
        #expect(plan.articles.map { $0.date?.day } == Array((10...20).reversed()))
        #expect(plan.related(to: 5) == [3, 7, 4, 6, 1], "at most \(SitePlan.relatedStories), best first")
        // Sharing both terms however far away beats sharing one; 3, 5 and 7 share nothing with 2.
        #expect(plan.related(to: 2) == [8, 9, 1, 0, 4])
    }

    /// The rule spelt out plainly: every story within six places of the article in a list of one
    /// of its terms scores the term's weight (2 for a topic and the first region, 1 for the other
    /// regions); the best five by score, then distance, then the newer.
    static func reference(_ plan: SitePlan, _ index: Int) -> [Int] {
        var scores: [Int: Int] = [:]
        let article = plan.articles[index]
        let terms = article.topics.map { (plan.topicStories[$0.slug] ?? [], 2) }
            + article.regions.enumerated().map { (plan.regionStories[$0.element.slug] ?? [], $0.offset == 0 ? 2 : 1) }
        for (list, weight) in terms {
            let at = list.firstIndex { $0 >= index } ?? list.count
            for other in list[max(0, at - 6)..<min(list.count, at + 7)] where other != index { scores[other, default: 0] += weight }
        }
        let ranked = scores.sorted { left, right in
            (left.value, abs(right.key - index), right.key) > (right.value, abs(left.key - index), left.key)
        }
        return Array(ranked.prefix(SitePlan.relatedStories).map(\.key))
    }

    @Test("a plan of many stories with many terms, some named twice, picks as the plain rule does")
    func manyStories() {
        let topics = (0..<4).map { Topic(name: "话题\($0)", slug: "topic-\($0)") }
        let regions = (0..<5).map { Region(name: "地区\($0)", slug: "region-\($0)", level: .city, parent: nil) }
        var generator = SeededGenerator(seed: 7)
        let stories = (0..<400).map { number -> Article in
            var chosenTopics = topics.filter { _ in generator.next() % 3 == 0 }
            var chosenRegions = regions.filter { _ in generator.next() % 3 == 0 }.shuffled(using: &generator)
            // Now and then a term named twice, which counts twice.
            if generator.next() % 10 == 0 { chosenTopics += chosenTopics.prefix(1) }
            if generator.next() % 10 == 0 { chosenRegions += chosenRegions.suffix(1) }
            return Article(slug: Slug("many-\(number)")!, headline: Headline(title: "第\(number)号"),
                           date: EditionDate(year: 2020 + number % 5, month: 1 + number % 12, day: 1 + number % 28),
                           regions: chosenRegions, topics: chosenTopics, body: .markdown("正文。"),
                           source: SourceSpan(file: "many-\(number).md", firstLine: 1, lastLine: 1))
        }
        let plan = SitePlan(stories)
        for index in plan.articles.indices {
            #expect(plan.related(to: index) == Self.reference(plan, index), "story \(index)")
        }
    }
}

/// How the plan arranges the regions its stories name into a tree.
@Suite("The region tree")
struct RegionTreeTests {
    static let province = Region(name: "浙江省", slug: "zhejiang", level: .province, parent: nil)
    static let city = Region(name: "绍兴市", slug: "shaoxing", level: .city, parent: "浙江省")
    static let bigDistrict = Region(name: "柯桥区", slug: "keqiao", level: .county, parent: "绍兴市")
    static let smallDistrict = Region(name: "上虞区", slug: "shangyu", level: .county, parent: "绍兴市")
    static let tiedDistrict = Region(name: "越城区", slug: "yuecheng", level: .county, parent: "绍兴市")
    static let orphan = Region(name: "某某县", slug: "moumou", level: .county, parent: "不在站内的市")

    /// A story dated `day` of March 2024 naming `regions`.
    static func story(_ day: Int, _ regions: [Region]) -> Article {
        Article(slug: Slug("region-story-\(day)")!, headline: Headline(title: "第\(day)号"), date: EditionDate(year: 2024, month: 3, day: day),
                regions: regions, topics: [], body: .markdown("正文。"), source: SourceSpan(file: "\(day).md", firstLine: 1, lastLine: 1))
    }

    @Test("ancestors nearest first; children largest first, ties by slug; regions whose parent the site lacks are roots")
    func tree() {
        let plan = SitePlan([
            Self.story(1, [Self.bigDistrict, Self.city, Self.province]),
            Self.story(2, [Self.bigDistrict]),
            Self.story(3, [Self.smallDistrict]),
            Self.story(4, [Self.tiedDistrict]),
            Self.story(5, [Self.orphan]),
        ])
        #expect(plan.ancestors(of: Self.bigDistrict).map(\.slug) == ["shaoxing", "zhejiang"])
        #expect(plan.ancestors(of: Self.province).isEmpty)
        #expect(plan.ancestors(of: Self.orphan).isEmpty, "a parent no story names is not invented")
        #expect(plan.children(of: Self.city).map(\.slug) == ["keqiao", "shangyu", "yuecheng"])
        #expect(plan.children(of: Self.province).map(\.slug) == ["shaoxing"])
        #expect(plan.children(of: Self.bigDistrict).isEmpty)
        #expect(plan.topRegions.map(\.slug) == ["moumou", "zhejiang"], "one story each, then by slug")
        #expect(plan.regionTree(Self.province).children.first?.children.map(\.count) == [2, 1, 1])
    }

    @Test("two regions with one name: the parent is the first by slug, whatever the order of the stories")
    func sameNameParent() {
        let first = Region(name: "新区", slug: "a-xin-qu", level: .county, parent: nil)
        let second = Region(name: "新区", slug: "b-xin-qu", level: .county, parent: nil)
        let child = Region(name: "新区街道", slug: "xin-qu-jie-dao", level: .county, parent: "新区")
        for order in [[first, second], [second, first]] {
            let plan = SitePlan([Self.story(1, order + [child])])
            #expect(plan.ancestors(of: child).map(\.slug) == ["a-xin-qu"])
        }
    }
}

/// The order of the site: every list, feed and archive follows it.
@Suite("Site order")
struct SiteOrderTests {
    static func story(_ name: String, _ date: EditionDate?, topics: [Topic] = []) -> Article {
        Article(slug: Slug("story-\(name)")!, headline: Headline(title: "稿件\(name)"), date: date,
                regions: [], topics: topics, body: .markdown("正文。"), source: SourceSpan(file: "\(name).md", firstLine: 1, lastLine: 1))
    }

    @Test("newest first across days, months and years; equal dates in the order given; undated stories last, in the order given")
    func order() {
        let dates: [EditionDate?] = [
            EditionDate(year: 2023, month: 12, day: 31), nil, EditionDate(year: 2024, month: 1, day: 1),
            EditionDate(year: 2024, month: 1, day: 2), EditionDate(year: 2024, month: 1, day: 1), nil,
            EditionDate(year: 1999, month: 5, day: 9), EditionDate(year: 2024, month: 2, day: 1), EditionDate(year: 2024, month: 1, day: 2),
        ]
        let plan = SitePlan(dates.enumerated().map { Self.story("\($0.offset)", $0.element) })
        #expect(plan.order == [7, 3, 8, 2, 4, 0, 6, 1, 5])
        #expect(plan.articles.map(\.slug.value) == plan.order.map { "story-\($0)" })
        // The plain rule, on a larger set with many ties.
        let many = (0..<500).map { index in
            Self.story("m\(index)", index % 7 == 0 ? nil : EditionDate(year: 2020 + index % 3, month: 1 + index % 12, day: 1 + index % 5))
        }
        let reference = many.indices.sorted { left, right in
            switch (many[left].date, many[right].date) {
            case let (l?, r?): l != r ? l > r : left < right
            case (.some, .none): true
            case (.none, .some): false
            case (.none, .none): left < right
            }
        }
        #expect(SitePlan.siteOrder(many) == reference)
    }

    @Test("entries are put in an order where they are: each takes the place the order gives it, in every cycle of the order")
    func arrangedInPlace() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 3, 17, 500] {
            for _ in 0..<20 {
                let order = Array(0..<count).shuffled(using: &generator)
                let texts = (0..<count).map { "稿件\($0)" }
                var arranged = texts
                SiteModel.arrange(&arranged, in: order)
                #expect(arranged == order.map { texts[$0] })
            }
        }
        // One cycle through all, and every element in place.
        var rotated = ["a", "b", "c", "d"]
        SiteModel.arrange(&rotated, in: [1, 2, 3, 0])
        #expect(rotated == ["b", "c", "d", "a"])
        var same = ["a", "b"]
        SiteModel.arrange(&same, in: [0, 1])
        #expect(same == ["a", "b"])
    }

    @Test("the term lists and the archive follow the site order")
    func listsAndArchive() {
        let topic = Topic(name: "产改", slug: "chan-gai")
        let plan = SitePlan([
            Self.story("a", EditionDate(year: 2024, month: 1, day: 5), topics: [topic]),
            Self.story("b", EditionDate(year: 2024, month: 2, day: 5)),
            Self.story("c", EditionDate(year: 2024, month: 1, day: 7), topics: [topic]),
            Self.story("d", nil, topics: [topic]),
        ])
        #expect(plan.articles.map(\.slug.value) == ["story-b", "story-c", "story-a", "story-d"])
        #expect(plan.topicStories["chan-gai"] == [1, 2, 3])
        #expect(plan.archive.months.map(\.month.iso) == ["2024-02-01", "2024-01-01"])
        #expect(plan.archive.dayStories.map(\.value) == [[0], [1], [2]])
        #expect(plan.related(to: 1) == [2, 3])
    }
}

/// The related stories a build keeps for the next one.
@Suite("Related stories kept between builds")
struct RelatedStoriesCacheTests {
    static let topics = (0..<3).map { Topic(name: "话题\($0)", slug: "topic-\($0)") }
    static let regions = (0..<3).map { Region(name: "地区\($0)", slug: "region-\($0)", level: .city, parent: nil) }

    /// Sixty stories over three topics and three regions; `change` alters one of them.
    static func plan(_ change: (Int, inout Article) -> Void = { _, _ in }) -> SitePlan {
        SitePlan((0..<60).map { number in
            var article = Article(slug: Slug("story-\(number)")!, headline: Headline(title: "第\(number)号"),
                                  date: EditionDate(year: 2024, month: 1 + number % 12, day: 1 + number % 28),
                                  regions: [regions[number % 3]], topics: [topics[number % 2 + (number % 5 == 0 ? 1 : 0)]],
                                  body: .markdown("正文。"), source: SourceSpan(file: "story-\(number).md", firstLine: 1, lastLine: 1))
            change(number, &article)
            return article
        })
    }

    static func picked(_ plan: SitePlan) -> [[Int]] { plan.articles.indices.map { plan.related(to: $0) } }
    static func read(_ related: RelatedStories) -> [[Int]] { (0..<related.count).map { Array(related.positions(of: $0)) } }

    @Test("kept stories are taken when a story's text changed and the lists did not; picked again when the lists changed")
    func reuse() {
        let before = Self.plan()
        let kept = RelatedStories(plan: before, previous: nil)
        #expect(Self.read(kept) == Self.picked(before))
        // Another body: the same lists, the same related stories, taken as they were.
        let edited = Self.plan { number, article in if number == 7 { article.body = .markdown("改过的正文。") } }
        #expect(edited.listsFingerprint() == before.listsFingerprint())
        #expect(RelatedStories(plan: edited, previous: kept) == kept)
        // Taken, not picked again: kept stories that differ from what picking gives come back as they are.
        let marked = RelatedStories(lists: kept.lists, starts: Array(0...Int32(kept.count)), items: Array(repeating: 0, count: kept.count))!
        #expect(RelatedStories(plan: edited, previous: marked) == marked)
        #expect(Self.read(marked) != Self.picked(edited))
        // Another topic, another date, another story: other lists, picked again.
        let changes: [(Int, inout Article) -> Void] = [
            { number, article in if number == 7 { article.topics = [Self.topics[2]] } },
            { number, article in if number == 7 { article.date = EditionDate(year: 2030, month: 1, day: 1) } },
            { number, article in if number == 7 { article.regions = [] } },
        ]
        for change in changes {
            let changed = Self.plan(change)
            #expect(changed.listsFingerprint() != before.listsFingerprint())
            let related = RelatedStories(plan: changed, previous: marked)
            #expect(Self.read(related) == Self.picked(changed))
            #expect(related.lists == changed.listsFingerprint())
        }
    }

    @Test("kept stories survive the state's encoding; inconsistent ones make the state unreadable")
    func stateRoundTrip() throws {
        let related = RelatedStories(plan: Self.plan(), previous: nil)
        var writer = StateWriter()
        StateCoding.write(&writer, related: related)
        var reader = StateReader(writer.bytes)
        #expect(try StateCoding.readRelated(&reader) == related)
        #expect(reader.isAtEnd)
        // A story related to a story past the last.
        #expect(RelatedStories(lists: 1, starts: [0, 1], items: [1]) == nil)
        #expect(RelatedStories(lists: 1, starts: [0, 2, 1], items: [1, 0]) == nil)
        #expect(RelatedStories(lists: 1, starts: [0, 1, 1], items: [1]) != nil)
        var broken = StateWriter()
        broken.fixed(1)
        broken.unsigned(1)
        broken.unsigned(1)
        broken.unsigned(5)
        var brokenReader = StateReader(broken.bytes)
        #expect(throws: StateReader.Corrupt.self) { try StateCoding.readRelated(&brokenReader) }
    }
}

/// The story lists of the plan's terms.
@Suite("Term lists")
struct TermListTests {
    @Test("a story naming one term twice (two names of one slug) is listed once, and related as before")
    func termNamedTwice() {
        let (topic, region) = RelatedStoriesTests.shared
        let twice = [topic, Topic(name: "产業改革", slug: topic.slug)]
        let plan = SitePlan([
            RelatedStoriesTests.story(3, topics: twice, regions: [region, region]),
            RelatedStoriesTests.story(2, topics: [topic], regions: [region]),
            RelatedStoriesTests.story(1, topics: twice, regions: [region]),
        ])
        #expect(plan.topicStories[topic.slug] == [0, 1, 2])
        #expect(plan.regionStories[region.slug] == [0, 1, 2])
        #expect(plan.related(to: 0) == [1, 2])
        #expect(plan.related(to: 2) == RelatedStoriesTests.reference(plan, 2))
    }
}
