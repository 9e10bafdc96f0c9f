import Foundation

/// A flag any thread may set and read: "a task failed", "give up, something newer came".
public final class AtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Creates an unset flag.
    public init() {}

    /// Whether the flag has been set.
    public var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    /// Sets the flag.
    public func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}
