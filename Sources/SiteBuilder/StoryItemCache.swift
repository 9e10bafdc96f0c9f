import Foundation
import Templates

/// Each story's list item (on either side of its link), made the first time a page lists the
/// story and kept for the other pages that list it: a story is listed on its region's, its topics'
/// and the archive's pages and beside related stories, a dozen times in a whole build.
///
/// Made on demand, so a rebuild that renders a few pages makes only the items they show.
final class StoryItemCache: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [StoryList.ItemParts?]

    /// A cache for `count` stories, by position in site order.
    init(count: Int) {
        items = Array(repeating: nil, count: count)
    }

    /// The item of the story at `position`, made by `make` unless a page made it already.
    func item(at position: Int, make: () -> StoryList.ItemParts) -> StoryList.ItemParts {
        lock.lock()
        let kept = items[position]
        lock.unlock()
        if let kept { return kept }
        // Made outside the lock: two workers making the same item make the same markup.
        let made = make()
        lock.lock()
        items[position] = made
        lock.unlock()
        return made
    }
}
