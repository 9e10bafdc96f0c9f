import Dispatch

/// Maps an array on every core, keeping the input order. Every stage of the pipeline uses it, so
/// work is spread the same way everywhere.
public enum ConcurrentMap {
    /// Applies `transform` to each element concurrently; results come back in input order.
    /// - Parameters:
    ///   - elements: the inputs.
    ///   - transform: a pure function, called once per element from any thread.
    public static func map<Element: Sendable, Output: Sendable>(_ elements: [Element], _ transform: @Sendable (Element) -> Output) -> [Output] {
        guard elements.count > 1 else { return elements.map(transform) }
        let results = Slots<Output>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            results.set(index, transform(elements[index]))
        }
        return results.takeValues()
    }
}

/// Write-once slots, one per index, filled from concurrent tasks that never share an index and read
/// once they have all finished.
public final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value?>

    /// Creates `count` empty slots.
    public init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    /// Fills slot `index`; no other task may touch it.
    public func set(_ index: Int, _ value: Value) { storage[index] = value }

    /// The value of slot `index`, which must have been filled.
    public func value(_ index: Int) -> Value { storage[index]! }

    /// Every value, in index order, moved out of the slots (which are empty afterwards); every slot
    /// must have been filled. Moving, not copying, spares a retain and a release of every reference
    /// each value holds.
    public func takeValues() -> [Value] {
        Array(unsafeUninitializedCapacity: storage.count) { buffer, initialized in
            for index in storage.indices {
                (buffer.baseAddress! + index).initialize(to: storage[index].take()!)
            }
            initialized = storage.count
        }
    }
}
