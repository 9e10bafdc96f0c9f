import Foundation
import Dispatch
@testable import SiteBuilder
import Templates
import Testing

@Suite("Story list items kept across pages")
struct StoryItemCacheTests {
    static func parts(_ position: Int) -> StoryList.ItemParts {
        StoryList.ItemParts(beforeLink: HTML(unsafeRaw: "<li data-n=\"\(position)\"><a href=\""), afterLink: HTML(unsafeRaw: "\">\(position)</a></li>"))
    }

    @Test("each story's item is made once and given back for that story only, from any number of workers")
    func madeOncePerStory() {
        let cache = StoryItemCache(count: 50)
        let made = (0..<50).map { _ in AtomicCounter() }
        DispatchQueue.concurrentPerform(iterations: 2_000) { iteration in
            let position = (iteration * 7) % 50
            let item = cache.item(at: position) {
                made[position].increment()
                return Self.parts(position)
            }
            #expect(item == Self.parts(position))
        }
        // Each story is asked for 40 times. A race may make an item again before one is kept, but a
        // cache that kept nothing would make it every time.
        #expect(made.allSatisfy { $0.value >= 1 } && made.reduce(0) { $0 + $1.value } < 2_000 / 4, "\(made.map(\.value))")
        #expect(cache.item(at: 3) { Self.parts(99) } == Self.parts(3))
    }
}

/// A count several threads add to.
final class AtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
