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
        let results = ResultSlots<Output>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            results.set(index, transform(elements[index]))
        }
        return results.values()
    }
}

/// Write-once slots, one per index, filled from concurrent iterations that never share an index.
private final class ResultSlots<Output>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Output?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Output) { slots[index] = value }

    func values() -> [Output] { slots.map { $0! } }
}
