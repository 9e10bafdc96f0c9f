import Foundation

/// Values a build leaves unfreed because its process exits right after it.
///
/// At the end of a build of a large archive, freeing its records one by one (the model, the state,
/// what each source gave) takes tens of milliseconds at 10,000 articles; the system reclaims the
/// whole heap at exit for nothing. A command that exits after one build keeps them here; a process
/// that builds again and again (the preview server) never does.
enum KeptUntilExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var values: [Any] = []

    /// Holds `value` until the process exits.
    static func keep(_ value: Any) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }

    /// How many values are held.
    static var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return values.count
    }
}
