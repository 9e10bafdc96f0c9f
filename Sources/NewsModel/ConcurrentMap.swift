import Dispatch

/// Maps an array on every core, keeping the input order. Every stage of the pipeline uses it, so
/// work is spread the same way everywhere.
public enum ConcurrentMap {
    /// Applies `transform` to each element concurrently; results come back in input order.
    /// - Parameters:
    ///   - elements: the inputs.
    ///   - transform: a pure function, called once per element from any thread.
    ///
    /// Inlinable, as are the slots' methods, so that callers in other modules get code made for
    /// their types: unspecialised, each result's store looked up the metadata of its optional type
    /// and copied through value witnesses (about 700 instructions a store).
    @inlinable
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
    @usableFromInline let storage: UnsafeMutableBufferPointer<Value?>

    /// Creates `count` empty slots.
    @inlinable
    public init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    @inlinable
    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    /// The number of slots.
    @inlinable
    public var count: Int { storage.count }

    /// Fills slot `index`; no other task may touch it.
    @inlinable
    public func set(_ index: Int, _ value: Value) { storage[index] = value }

    /// The value of slot `index`, which must have been filled.
    @inlinable
    public func value(_ index: Int) -> Value { storage[index]! }

    /// Every value, in index order, moved out of the slots (which are empty afterwards); every slot
    /// must have been filled. Moving, not copying, spares a retain and a release of every reference
    /// each value holds.
    @inlinable
    public func takeValues() -> [Value] {
        Array(unsafeUninitializedCapacity: storage.count) { buffer, initialized in
            for index in storage.indices {
                (buffer.baseAddress! + index).initialize(to: storage[index].take()!)
            }
            initialized = storage.count
        }
    }
}
