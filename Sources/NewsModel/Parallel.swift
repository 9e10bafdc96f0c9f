import Dispatch
import Foundation

/// Runs numbered tasks on a fixed number of worker threads, one task per index, for work whose results
/// are used as they are made (pages written as they are rendered) rather than gathered.
///
/// Unlike `ConcurrentMap`, nothing is kept per index, and at most `workers` tasks run (and hold their
/// memory) at any time, however many indices there are.
public enum Parallel {
    /// Threads used when none is asked for: one per active core, counted once per process (each
    /// count reads the cgroup's CPU quota from `/sys`: four system calls, 17 times a build).
    public static let defaultWorkers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` once for every index in `0..<count`, on up to `workers` threads at once, and
    /// returns when every call has returned. Indices are handed out in small runs in ascending order.
    /// - Parameters:
    ///   - count: the number of tasks.
    ///   - workers: the most threads to use.
    ///   - chunk: how many indices a thread takes at a time; by default up to 16, fewer for few tasks.
    ///   - body: the task; when one throws, no further task starts and the first error is rethrown.
    public static func forEach(_ count: Int, workers: Int = defaultWorkers, chunk: Int? = nil,
                               _ body: @Sendable (Int) throws -> Void) throws {
        guard count > 0 else { return }
        let threads = max(1, min(workers, count))
        if threads == 1 {
            for index in 0..<count { try body(index) }
            return
        }
        let queue = TaskQueue(count: count, chunk: max(1, chunk ?? min(16, count / (threads * 8))))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let range = queue.next() {
                for index in range {
                    do { try body(index) } catch {
                        queue.fail(error)
                        return
                    }
                }
            }
        }
        if let error = queue.error { throw error }
    }
}

/// Hands out runs of indices to workers; remembers the first failure and stops handing out then.
private final class TaskQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private let chunk: Int
    private var nextIndex = 0
    private(set) var error: (any Error)?

    init(count: Int, chunk: Int) {
        self.count = count
        self.chunk = chunk
    }

    func next() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, nextIndex < count else { return nil }
        let start = nextIndex
        nextIndex = min(count, start + chunk)
        return start..<nextIndex
    }

    func fail(_ failure: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if error == nil { error = failure }
    }
}

extension Parallel {
    /// Runs `first` and `second` at once, each on its own thread (one after the other on a single
    /// core), and returns both results.
    public static func both<First: Sendable, Second: Sendable>(_ first: @Sendable () -> First,
                                                               _ second: @Sendable () -> Second) -> (First, Second) {
        let firsts = Slots<First>(count: 1)
        let seconds = Slots<Second>(count: 1)
        try? forEach(2) { task in
            if task == 0 { firsts.set(0, first()) } else { seconds.set(0, second()) }
        }
        return (firsts.value(0), seconds.value(0))
    }
}

/// Work started on a thread of its own whose result is waited for later, for work that overlaps
/// what the calling thread does next (the output checked while the sources are loaded). A thread,
/// not a dispatch queue: work the caller runs on every core meanwhile (`Parallel.forEach`) would
/// otherwise share the dispatch pool's width with it.
public final class Background<Result: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var result: Result?

    /// Starts `work` at once.
    public init(_ work: @escaping @Sendable () -> Result) {
        Thread { [self] in
            result = work()
            finished.signal()
        }.start()
    }

    /// What the work returned, once it has (every call waits until then).
    public func wait() -> Result {
        finished.wait()
        // The next caller passes too; the result is written before the first signal.
        finished.signal()
        return result!
    }
}
