import NewsModel
import Templates

/// The whole set of articles arranged for rendering: the site's order, and the stories of each
/// region and topic. Built once, after every article is loaded and before any page is rendered.
struct SitePlan: Sendable {
    /// Articles newest first; undated stories last; ties in source order.
    let articles: [Article]
    /// For each article of `articles`, its position in the list the plan was made from.
    let order: [Int]
    /// Every region any story names, by slug.
    let regions: [String: Region]
    /// Article positions per region slug, in site order.
    let regionStories: [String: [Int]]
    /// Every topic, by slug.
    let topics: [String: Topic]
    /// Article positions per topic slug, in site order.
    let topicStories: [String: [Int]]

    /// Dated stories by month and by edition day.
    struct Archive: Sendable {
        /// Months with stories, newest first.
        var months: [ArchivePages.Month]
        /// Story positions per month URL, in site order.
        var monthStories: [String: [Int]]
        /// Story positions per edition day, newest day first.
        var dayStories: [(key: EditionDate, value: [Int])]
    }

    /// The archive of dated stories.
    let archive: Archive
    /// Regions by name (of two with one name, the first by slug), to follow `Region.parent`.
    private let regionsByName: [String: Region]
    /// The regions directly under each region name, largest first.
    private let regionsByParent: [String: [Region]]

    private static func makeArchive(_ articles: [Article]) -> Archive {
        var byDay: [EditionDate: [Int]] = [:]
        for index in articles.indices {
            if let date = articles[index].date { byDay[date, default: []].append(index) }
        }
        let days = byDay.keys.sorted(by: >)
        var monthDays: [EditionDate: [EditionDate]] = [:]
        for day in days {
            if let month = EditionDate(year: day.year, month: day.month, day: 1) { monthDays[month, default: []].append(day) }
        }
        var months: [ArchivePages.Month] = []
        var monthStories: [String: [Int]] = [:]
        for (month, daysOfMonth) in monthDays.sorted(by: { $0.key > $1.key }) {
            let positions = daysOfMonth.flatMap { byDay[$0] ?? [] }.sorted()
            let entry = ArchivePages.Month(month: month, count: positions.count, days: daysOfMonth.sorted())
            months.append(entry)
            monthStories[entry.url] = positions
        }
        return Archive(months: months, monthStories: monthStories, dayStories: days.map { ($0, byDay[$0] ?? []) })
    }

    /// Stories shown on the home page.
    static let homeStories = 20
    /// Related stories shown under an article.
    static let relatedStories = 5

    init(_ articles: [Article]) {
        // Indices are sorted rather than the records, which are large to move.
        let order = articles.indices.sorted { lhs, rhs in
            switch (articles[lhs].date, articles[rhs].date) {
            case let (l?, r?) where l != r: return l > r
            case (.some, .none): return true
            case (.none, .some): return false
            default: return lhs < rhs
            }
        }
        self.order = order
        let sorted = order.map { articles[$0] }
        self.articles = sorted
        // One lookup per story and term, the first story naming a term giving its record; the
        // articles are read in place (a copy of each would retain every field).
        var regionsFound: [String: (region: Region, stories: [Int])] = [:]
        var topicsFound: [String: (topic: Topic, stories: [Int])] = [:]
        for index in sorted.indices {
            for region in sorted[index].regions { regionsFound[region.slug, default: (region, [])].stories.append(index) }
            for topic in sorted[index].topics { topicsFound[topic.slug, default: (topic, [])].stories.append(index) }
        }
        let regions = regionsFound.mapValues(\.region)
        let regionStories = regionsFound.mapValues(\.stories)
        self.regions = regions
        self.regionStories = regionStories
        topics = topicsFound.mapValues(\.topic)
        topicStories = topicsFound.mapValues(\.stories)
        archive = Self.makeArchive(sorted)
        // Every region page asks for its ancestors and children: the hierarchy is worked out once.
        let bySlug = regions.values.sorted { $0.slug < $1.slug }
        regionsByName = Dictionary(bySlug.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let largestFirst = Self.largestFirst(in: regionStories)
        regionsByParent = Dictionary(grouping: bySlug.filter { $0.parent != nil }, by: { $0.parent ?? "" })
            .mapValues { $0.sorted(by: largestFirst) }
    }

    /// Regions above `region`, nearest first, as far as the site knows them.
    func ancestors(of region: Region) -> [Region] {
        var chain: [Region] = []
        var current = region
        while let parentName = current.parent, let parent = regionsByName[parentName], chain.count < 4 {
            chain.append(parent)
            current = parent
        }
        return chain
    }

    /// Regions directly under `region` that have stories, largest first.
    func children(of region: Region) -> [Region] {
        regionsByParent[region.name] ?? []
    }

    /// Regions with no known parent, largest first.
    var topRegions: [Region] {
        regions.values.filter { $0.parent.map { regionsByName[$0] == nil } ?? true }.sorted(by: Self.largestFirst(in: regionStories))
    }

    /// Topics, largest first.
    var sortedTopics: [Topic] {
        topics.values.sorted { (topicStories[$0.slug]?.count ?? 0, $1.slug) > (topicStories[$1.slug]?.count ?? 0, $0.slug) }
    }

    /// Orders regions by their number of stories in `stories`, most first, then by slug.
    private static func largestFirst(in stories: [String: [Int]]) -> (Region, Region) -> Bool {
        { lhs, rhs in (stories[lhs.slug]?.count ?? 0, rhs.slug) > (stories[rhs.slug]?.count ?? 0, lhs.slug) }
    }

    /// `region` with its story count and the tree under it.
    func regionTree(_ region: Region) -> TermCount {
        TermCount(name: region.name, url: region.url, count: regionStories[region.slug]?.count ?? 0,
                  children: children(of: region).map(regionTree))
    }

    /// Stories that share topics or regions with the story at `index`, nearest in time first.
    ///
    /// Only stories near the article in each term's list are weighed, and the article is found in
    /// each (ascending) list by bisection, so the cost does not grow with the size of the archive.
    func related(to index: Int) -> [Int] {
        // A few dozen candidates at most (12 per term), each a story and a weight packed in one
        // integer, sorted and summed: a plain array of integers beats a dictionary here.
        var candidates: [Int] = []
        candidates.reserveCapacity(12 * (articles[index].topics.count + articles[index].regions.count))
        func consider(_ list: [Int]?, weight: Int) {
            guard let list else { return }
            let at = list.partitioningIndex { $0 >= index }
            for other in list[max(0, at - 6)..<min(list.count, at + 7)] where other != index {
                candidates.append(other << 2 | weight)
            }
        }
        for topic in articles[index].topics { consider(topicStories[topic.slug], weight: 2) }
        for (rank, region) in articles[index].regions.enumerated() { consider(regionStories[region.slug], weight: rank == 0 ? 2 : 1) }
        candidates.sort()
        var scores: [(story: Int, score: Int)] = []
        scores.reserveCapacity(candidates.count)
        for candidate in candidates {
            let (story, weight) = (candidate >> 2, candidate & 3)
            if scores.last?.story == story { scores[scores.count - 1].score += weight } else { scores.append((story, weight)) }
        }
        // The best few, picked one at a time: highest score, then nearest, then newest.
        func precedes(_ left: (story: Int, score: Int), _ right: (story: Int, score: Int)) -> Bool {
            if left.score != right.score { return left.score > right.score }
            let (leftDistance, rightDistance) = (abs(left.story - index), abs(right.story - index))
            return leftDistance != rightDistance ? leftDistance < rightDistance : left.story < right.story
        }
        var picked: [Int] = []
        picked.reserveCapacity(Self.relatedStories)
        while picked.count < Self.relatedStories, !scores.isEmpty {
            var best = 0
            for slot in scores.indices.dropFirst() where precedes(scores[slot], scores[best]) { best = slot }
            picked.append(scores[best].story)
            scores.swapAt(best, scores.count - 1)
            scores.removeLast()
        }
        return picked
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for an array partitioned by it.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
