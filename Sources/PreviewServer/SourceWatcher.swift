import Dispatch
import Foundation

/// Polls the source folder and reports when it has changed and settled.
///
/// Editors save in several steps (write a temporary file, rename it over the old one; or truncate
/// then write), so a change is reported only once two scans a short interval apart agree.
struct SourceWatcher: Sendable {
    /// The source folder.
    let root: URL
    /// Time between scans while nothing changes.
    var interval: Duration = .milliseconds(100)
    /// Time between scans while a change settles.
    var settle: Duration = .milliseconds(50)
    /// Scans a change may take to settle before it is reported anyway.
    var maximumSettleScans = 20
    /// Idle scans are spaced at least this many times their own duration apart, so that watching a
    /// large tree (10,000 files) stays near a tenth of one core instead of polling back to back.
    var costFactor = 9
    /// The longest pause between idle scans, however long the last scan took: a scan slowed by a
    /// build running beside it must not delay noticing the next edit by seconds.
    var maximumPause: Duration = .milliseconds(400)

    /// Scans the folder now.
    func scan() -> SourceTree { SourceTree.scan(root) }

    /// Scans on the watcher's own queue: a scan of a large tree blocks its thread for a while, and
    /// Swift's cooperative pool (which also answers requests) has only one thread per core.
    /// - Throws: `CancellationError` when the task is cancelled.
    func scanInBackground() async throws -> SourceTree {
        let root = self.root
        guard let tree = await BackgroundWork.run(on: Self.queue, { SourceTree.scan(root) }) else { throw CancellationError() }
        return tree
    }

    static let queue = DispatchQueue(label: "unionpress.preview.watch", qos: .utility)

    /// Waits until the folder differs from `baseline` and has stopped changing.
    /// - Returns: the settled tree and what changed since `baseline`.
    /// - Throws: `CancellationError` when the task is cancelled.
    func nextChange(after baseline: SourceTree) async throws -> (tree: SourceTree, changes: SourceChanges) {
        var pause = interval
        while !Task.isCancelled {
            try await Task.sleep(for: pause)
            let started = ContinuousClock.now
            var current = try await scanInBackground()
            pause = min(max(interval, (ContinuousClock.now - started) * costFactor), max(interval, maximumPause))
            guard current != baseline else { continue }
            for _ in 0..<maximumSettleScans {
                try await Task.sleep(for: settle)
                let again = try await scanInBackground()
                if again == current { break }
                current = again
            }
            let changes = baseline.changes(to: current)
            // A file touched and restored within one settle window leaves the same stamps: keep watching.
            if !changes.isEmpty { return (current, changes) }
        }
        throw CancellationError()
    }
}
