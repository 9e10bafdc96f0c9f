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
    /// The story lists of every region and topic (the values of `regionStories` and `topicStories`),
    /// numbered, one after the other for `related(to:)`: list `n` is
    /// `listItems[listStarts[n]..<listStarts[n + 1]]` (read through pointers, with no per-list
    /// array to retain: every core reads the same few lists of popular terms).
    private let listItems: [Int]
    private let listStarts: [Int]
    /// For each article, where it stands in the list of each of its terms, in the order it names
    /// them (topics, then regions), with the weight each gives; the article's run is
    /// `memberships[membershipStarts[index]..<membershipStarts[index + 1]]`.
    private let memberships: [Membership]
    private let membershipStarts: [Int]

    /// An article's place in the story list of one of its terms.
    private struct Membership: Sendable {
        /// Which of the term lists.
        var list: Int32
        /// The article's position in that list (its first, should it name the term twice).
        var position: Int32
        /// What sharing the term weighs: 2 for a topic or the story's main region, 1 for another region.
        var weight: Int32
    }

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
        let order = Self.siteOrder(articles)
        self.init(sorted: order.map { articles[$0] }, order: order)
    }

    /// The plan of `sorted`, articles put in site order by `order` (`siteOrder`) already.
    init(sorted: [Article], order: [Int]) {
        self.order = order
        self.articles = sorted
        // The term lists and the archive read the same stories, each on a core (one after the
        // other when the caller runs this on a core of its own).
        let (terms, archive) = Parallel.both({ TermLists(sorted) }, { Self.makeArchive(sorted) })
        listItems = terms.lists.flatMap { $0 }
        listStarts = terms.lists.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        memberships = terms.memberships
        membershipStarts = terms.membershipStarts
        let regions = terms.regions
        let regionStories = terms.regionNumbers.mapValues { terms.lists[$0] }
        self.regions = regions
        self.regionStories = regionStories
        topics = terms.topics
        topicStories = terms.topicNumbers.mapValues { terms.lists[$0] }
        self.archive = archive
        // Every region page asks for its ancestors and children: the hierarchy is worked out once.
        let bySlug = regions.values.sorted { $0.slug < $1.slug }
        regionsByName = Dictionary(bySlug.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let largestFirst = Self.largestFirst(in: regionStories)
        regionsByParent = Dictionary(grouping: bySlug.filter { $0.parent != nil }, by: { $0.parent ?? "" })
            .mapValues { $0.sorted(by: largestFirst) }
    }

    /// Positions of `articles` in the site's order: newest first, undated stories last, ties in
    /// the order given. Each story's date and position are packed into one integer and those are
    /// sorted, rather than positions compared through the records.
    static func siteOrder(_ articles: [Article]) -> [Int] {
        siteOrder(count: articles.count) { articles[$0].date }
    }

    /// `siteOrder(_:)` of `count` stories whose dates `date` gives by position (read where they
    /// are kept, not copied out with the rest of each story).
    static func siteOrder(count: Int, date: (Int) -> EditionDate?) -> [Int] {
        // Later dates get smaller keys; undated stories the largest; the position breaks ties.
        let undated = 1 << 31
        var keys = (0..<count).map { index -> UInt64 in
            // A date's fields are checked when it is made, but may be set later: kept in range.
            let key = date(index).map { undated - 1 - min(max($0.year &* 10_000 &+ $0.month &* 100 &+ $0.day, 0), undated - 1) } ?? undated
            return UInt64(key) << 32 | UInt64(index)
        }
        keys.sort()
        return keys.map { Int($0 & 0xFFFF_FFFF) }
    }

    /// Every term's story list, numbered when the term is first met, and each story's place in
    /// the lists of its terms.
    private struct TermLists {
        /// Each term's list number by slug, and its record (that of the first story naming it).
        var regionNumbers: [String: Int] { Dictionary(uniqueKeysWithValues: Array(regionTable.entries)) }
        var topicNumbers: [String: Int] { Dictionary(uniqueKeysWithValues: Array(topicTable.entries)) }
        var regions: [String: Region] { Dictionary(uniqueKeysWithValues: zip(regionTable.entries.map(\.0), regionTerms)) }
        var topics: [String: Topic] { Dictionary(uniqueKeysWithValues: zip(topicTable.entries.map(\.0), topicTerms)) }
        /// The list numbers, found by slug without hashing it as a `String` (see `SlugTable`), and
        /// the terms, in the order their slugs were added there.
        private var regionTable = SlugTable<Int>()
        private var topicTable = SlugTable<Int>()
        private var regionTerms: [Region] = []
        private var topicTerms: [Topic] = []
        var lists: [[Int]] = []
        var memberships: [Membership] = []
        var membershipStarts: [Int] = [0]

        /// One lookup per story and term, the first story naming a term giving its record. An
        /// article's place in each list is noted as it is appended, so finding its neighbours later
        /// needs no lookup by slug and no search.
        init(_ sorted: [Article]) {
            memberships.reserveCapacity(sorted.count * 4)
            membershipStarts.reserveCapacity(sorted.count + 1)
            for index in sorted.indices {
                // Each term read in place, by its position: copying it out (as iterating the array
                // does) retained and released each of its strings, for every story.
                let (storyTopics, storyRegions) = (sorted[index].topics, sorted[index].regions)
                for position in storyTopics.indices {
                    join(Self.list(of: storyTopics, at: position, slug: storyTopics[position].slug, in: &topicTable, terms: &topicTerms, lists: &lists),
                         weight: 2, index)
                }
                for rank in storyRegions.indices {
                    join(Self.list(of: storyRegions, at: rank, slug: storyRegions[rank].slug, in: &regionTable, terms: &regionTerms, lists: &lists),
                         weight: rank == 0 ? 2 : 1, index)
                }
                membershipStarts.append(memberships.count)
            }
        }

        /// Appends story `index` to list `list`, noting its place there; a story that names the
        /// term twice (two names of one slug) is listed once, at its first place.
        private mutating func join(_ list: Int, weight: Int32, _ index: Int) {
            let start = membershipStarts[membershipStarts.count - 1]
            if let earlier = memberships[start...].first(where: { $0.list == Int32(list) }) {
                memberships.append(Membership(list: Int32(list), position: earlier.position, weight: weight))
            } else {
                memberships.append(Membership(list: Int32(list), position: Int32(lists[list].count), weight: weight))
                lists[list].append(index)
            }
        }

        /// The number of the list of `storyTerms[position]`, whose slug is `slug`: a new empty one when
        /// the slug is first met (the term copied only then).
        private static func list<Term>(of storyTerms: [Term], at position: Int, slug: String, in table: inout SlugTable<Int>,
                                       terms: inout [Term], lists: inout [[Int]]) -> Int {
            if let known = table.value(of: slug) { return known }
            table.add(slug, lists.count)
            terms.append(storyTerms[position])
            lists.append([])
            return lists.count - 1
        }
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

    /// A fingerprint of everything `related(to:)` reads: the term lists, each story's places in them
    /// and their weights. Equal fingerprints, equal related stories (see `RelatedStories`).
    func listsFingerprint() -> UInt64 {
        var hash = Fingerprint(seed: 0x5245_4C41)
        hash.combine(articles.count)
        hash.combine(SitePlan.relatedStories)
        listItems.withUnsafeBytes { hash.combine(bytes: $0) }
        listStarts.withUnsafeBytes { hash.combine(bytes: $0) }
        membershipStarts.withUnsafeBytes { hash.combine(bytes: $0) }
        // Each field, not the structs' bytes (which could hold padding).
        for membership in memberships {
            hash.combine(UInt64(UInt32(bitPattern: membership.list)) << 32 | UInt64(UInt32(bitPattern: membership.position)))
            hash.combine(Int(membership.weight))
        }
        return hash.value
    }

    /// Stories that share topics or regions with the story at `index`, nearest in time first.
    ///
    /// Only stories near the article in each term's list are weighed, and the article's place in
    /// each list was noted when the plan was made, so the cost does not grow with the archive.
    func related(to index: Int) -> [Int] {
        let (runStart, runEnd) = (membershipStarts[index], membershipStarts[index + 1])
        guard runStart < runEnd else { return [] }
        // At most 12 candidates per term, each scored in a small open-addressed table on the stack
        // (a story plus one and its score packed in one integer; 0 an empty slot), at most half full,
        // with the slots taken listed after it.
        var capacity = 32
        while capacity < 24 * (runEnd - runStart) { capacity *= 2 }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity + capacity / 2) { buffer in
            // The table, then the slots taken, in the order taken.
            let slots = UnsafeMutableBufferPointer(rebasing: buffer[0..<capacity])
            let taken = UnsafeMutableBufferPointer(rebasing: buffer[capacity...])
            slots.initialize(repeating: 0)
            var stories = 0
            let mask = capacity - 1
            memberships.withUnsafeBufferPointer { memberships in
                listItems.withUnsafeBufferPointer { items in
                    for membership in memberships[runStart..<runEnd] {
                        let (listStart, listEnd) = (listStarts[Int(membership.list)], listStarts[Int(membership.list) + 1])
                        let at = listStart + Int(membership.position)
                        for other in items[max(listStart, at - 6)..<min(listEnd, at + 7)] where other != index {
                            var slot = Int(truncatingIfNeeded: (UInt64(other) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
                            while slots[slot] != 0, slots[slot] >> 32 != other + 1 { slot = (slot + 1) & mask }
                            if slots[slot] == 0 {
                                taken[stories] = slot
                                stories += 1
                            }
                            slots[slot] = (other + 1) << 32 | ((slots[slot] & 0xFFFF_FFFF) + Int(membership.weight))
                        }
                    }
                }
            }
            // The best few: highest score, then nearest, then newest (a total order: two candidates
            // are two stories). Kept in order while the scored stories are read once; most fall
            // behind the last kept and cost one comparison.
            func precedes(_ left: Int, _ right: Int) -> Bool {
                let (leftScore, rightScore) = (left & 0xFFFF_FFFF, right & 0xFFFF_FFFF)
                if leftScore != rightScore { return leftScore > rightScore }
                let (leftDistance, rightDistance) = (abs((left >> 32) - 1 - index), abs((right >> 32) - 1 - index))
                return leftDistance != rightDistance ? leftDistance < rightDistance : left < right
            }
            var best: [Int] = []
            best.reserveCapacity(Self.relatedStories + 1)
            for position in 0..<stories {
                let candidate = slots[taken[position]]
                guard best.count < Self.relatedStories || precedes(candidate, best[best.count - 1]) else { continue }
                var place = best.count
                while place > 0, precedes(candidate, best[place - 1]) { place -= 1 }
                best.insert(candidate, at: place)
                if best.count > Self.relatedStories { best.removeLast() }
            }
            for place in best.indices { best[place] = (best[place] >> 32) - 1 }
            return best
        }
    }
}
