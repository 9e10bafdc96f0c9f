import NewsModel

/// The related stories of every story of a plan (`SitePlan.related(to:)`), kept in the build state.
///
/// They depend only on the plan's term lists — which stories each region and topic lists, in which
/// order — and a rebuild after a story's text changed leaves those as they were: it takes the related
/// stories of the last build instead of weighing every story's neighbours again, when the lists'
/// fingerprint is the one they were picked from.
struct RelatedStories: Sendable, Equatable {
    /// `SitePlan.listsFingerprint()` of the plan they were picked from.
    let lists: UInt64
    /// Story `n`'s related stories are `items[starts[n]..<starts[n + 1]]`.
    let starts: [Int32]
    let items: [Int32]

    /// The number of stories.
    var count: Int { starts.count - 1 }

    /// The positions of the stories related to the story at `index`, best first.
    func positions(of index: Int) -> LazyMapSequence<ArraySlice<Int32>, Int> {
        items[Int(starts[index])..<Int(starts[index + 1])].lazy.map { Int($0) }
    }

    /// Related stories as read back; `nil` unless they are consistent: each story's run within the
    /// items, one after the other, every item a story.
    init?(lists: UInt64, starts: [Int32], items: [Int32]) {
        guard let first = starts.first, first == 0, starts.last == Int32(items.count),
              zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }),
              items.allSatisfy({ $0 >= 0 && Int($0) < starts.count - 1 }) else { return nil }
        self.lists = lists
        self.starts = starts
        self.items = items
    }

    /// Those of every story of `plan`: `previous` when they were picked from the same term lists,
    /// else picked now, on every core.
    init(plan: SitePlan, previous: RelatedStories?) {
        let lists = plan.listsFingerprint()
        if let previous, previous.lists == lists, previous.count == plan.articles.count {
            self = previous
            return
        }
        let picked = ConcurrentMap.map(Array(plan.articles.indices)) { plan.related(to: $0) }
        var starts: [Int32] = [0]
        starts.reserveCapacity(picked.count + 1)
        var items: [Int32] = []
        items.reserveCapacity(picked.count * SitePlan.relatedStories)
        for stories in picked {
            items.append(contentsOf: stories.lazy.map { Int32($0) })
            starts.append(Int32(items.count))
        }
        self.lists = lists
        self.starts = starts
        self.items = items
    }
}
