import Foundation
import Testing
import NewsModel

/// Every pipeline stage maps through `ConcurrentMap`; the site's order (and so byte-identical output)
/// depends on results coming back in input order however the work was scheduled.
@Suite("ConcurrentMap")
struct ConcurrentMapTests {
    @Test("10,000 results come back in input order")
    func keepsOrderForManyElements() {
        let input = Array(0..<10_000)
        // Uneven work, so iterations finish out of order.
        let work: @Sendable (Int) -> String = { value in
            var hash = value
            for _ in 0..<(value % 7) * 50 { hash = hash &* 31 &+ 7 }
            return "\(value):\(hash)"
        }
        let output = ConcurrentMap.map(input, work)
        #expect(output.count == input.count)
        #expect(output == input.map(work))
        #expect(output.map { $0.split(separator: ":")[0] } == input.map { Substring(String($0)) })
    }

    @Test("an empty input gives an empty output without calling the transform")
    func emptyInput() {
        let calls = Counter()
        let output = ConcurrentMap.map([Int]()) { value -> Int in
            calls.increment()
            return value
        }
        #expect(output.isEmpty)
        #expect(calls.value == 0)
    }

    @Test("a single element is transformed once")
    func singleElement() {
        let calls = Counter()
        let output = ConcurrentMap.map(["职工"]) { text -> String in
            calls.increment()
            return text + "之家"
        }
        #expect(output == ["职工之家"])
        #expect(calls.value == 1)
    }

    @Test("the transform runs exactly once per element")
    func oncePerElement() {
        let calls = Counter()
        let input = Array(0..<2_000)
        let output = ConcurrentMap.map(input) { value -> Int in
            calls.increment()
            return value * 2
        }
        #expect(output == input.map { $0 * 2 })
        #expect(calls.value == input.count)
    }

    @Test("non-trivial values (strings and arrays) survive the concurrent slots")
    func referenceCountedValues() {
        let input = (0..<1_000).map { "第\($0)篇" }
        let output = ConcurrentMap.map(input) { text in [text, text.uppercased()] }
        #expect(output == input.map { [$0, $0.uppercased()] })
    }
}

/// A thread-safe call counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Adds one.
    func increment() { lock.withLock { count += 1 } }

    /// The current count.
    var value: Int { lock.withLock { count } }
}

/// The build checks the output on a thread of its own while it loads the sources.
@Suite("Background")
struct BackgroundTests {
    @Test("the work runs while the caller goes on, and every wait gets its result", .timeLimit(.minutes(1)))
    func runsBesideTheCaller() {
        // The work cannot finish until the caller, after starting it, says so: were it run on the
        // caller's thread as it is started, this would hang until the time limit.
        let callerWentOn = DispatchSemaphore(value: 0)
        let work = Background { () -> [String] in
            callerWentOn.wait()
            return ["职工", "之家"]
        }
        callerWentOn.signal()
        #expect(work.wait() == ["职工", "之家"])
        #expect(work.wait() == ["职工", "之家"], "a second wait returns at once with the same result")
    }
}
