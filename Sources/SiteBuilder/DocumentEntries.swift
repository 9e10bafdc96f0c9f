import Foundation

extension SearchIndex {
    /// One document's entry for each of its tokens, encoded without the document number.
    struct DocumentEntries: Sendable {
        var keys: [TokenKey] = []
        var ends: [Int] = []
        var bytes: [UInt8] = []
        /// The indices of `keys` grouped by the partition that gathers them (see `arrange`), and
        /// where each partition's group ends.
        var partitionOrder: [Int32] = []
        var partitionEnds: [Int] = []

        /// The byte range in `bytes` of the entry of `keys[index]`.
        func entryRange(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }

        /// Groups the keys by which of `partitions` partitions gathers them, in the keys' order
        /// within each, so that each partition's gatherer walks its own keys only.
        mutating func arrange(partitions: Int) {
            var starts = [Int](repeating: 0, count: partitions + 1)
            let order = [Int32](unsafeUninitializedCapacity: keys.count) { order, written in
                keys.withUnsafeBufferPointer { keys in
                    starts.withUnsafeMutableBufferPointer { starts in
                        for key in keys { starts[key.partition(of: partitions) + 1] += 1 }
                        for partition in 0..<partitions { starts[partition + 1] += starts[partition] }
                        var next = Array(starts.dropLast())
                        next.withUnsafeMutableBufferPointer { next in
                            for (index, key) in keys.enumerated() {
                                let partition = key.partition(of: partitions)
                                order[next[partition]] = Int32(index)
                                next[partition] += 1
                            }
                        }
                    }
                }
                written = keys.count
            }
            partitionOrder = order
            partitionEnds = Array(starts.dropFirst())
        }

        init(scalars: [Unicode.Scalar], headlineLength: Int) {
            let scratch = AnalysisScratch.take()
            defer { AnalysisScratch.give(scratch) }
            // Every unigram and bigram, numbered by token as it comes, and each token's occurrences
            // counted. A pair's occurrence is also kept — its number and position, packed — for its
            // entry lists its positions; a single character's entry needs only its counts, so it
            // counts those of the headline on the way. A scalar gives at most two tokens.
            let room = scalars.count * 2
            scratch.prepare(room: room)
            var occurrenceCount = 0
            var previous: (scalar: Unicode.Scalar, cls: Int)?
            for (position, scalar) in scalars.enumerated() {
                let cls = SearchTokenizer.characterClass(scalar)
                guard cls != 0 else { previous = nil; continue }
                let single = scratch.number(ofSingle: scalar.value)
                if position < headlineLength { scratch.headlineCounts[single] += 1 }
                if let previous, previous.cls == cls {
                    let pair = scratch.number(of: TokenKey(previous.scalar, scalar).raw)
                    scratch.occurrences[occurrenceCount] = UInt64(pair) << 32 | UInt64(position - 1)
                    occurrenceCount += 1
                }
                previous = (scalar, cls)
            }
            let keyCount = scratch.keyCount
            keys = [TokenKey](unsafeUninitializedCapacity: keyCount) { keys, written in
                for number in 0..<keyCount { keys[number] = TokenKey(raw: scratch.keys[number]) }
                written = keyCount
            }
            let pairs = keys.map(\.isPair)

            // Each pair's positions side by side, in text order (a counting sort by token); a pair's
            // count becomes where its next position goes, a single character's stays its count.
            let starts = scratch.starts
            let counts = scratch.counts
            starts[0] = 0
            for number in 0..<keyCount { starts[number + 1] = starts[number] + (pairs[number] ? counts[number] : 0) }
            let grouped = scratch.grouped
            for number in 0..<keyCount where pairs[number] { counts[number] = starts[number] }
            for index in 0..<occurrenceCount {
                let occurrence = scratch.occurrences[index]
                let number = Int(occurrence >> 32)
                grouped[Int(counts[number])] = Int32(truncatingIfNeeded: occurrence)
                counts[number] += 1
            }

            // The entries, written into room for the longest they can be (a varint of a position
            // or a count below 2^32 takes at most five bytes).
            let longest = (keyCount * 2 + occurrenceCount) * 5
            var ends = [Int](repeating: 0, count: keyCount)
            bytes = [UInt8](unsafeUninitializedCapacity: longest) { buffer, written in
                let out = buffer.baseAddress!
                var cursor = 0
                @inline(__always) func put(_ value: Int) {
                    var rest = UInt(max(0, value))
                    while rest >= 0x80 {
                        out[cursor] = UInt8(truncatingIfNeeded: rest) | 0x80
                        cursor += 1
                        rest >>= 7
                    }
                    out[cursor] = UInt8(truncatingIfNeeded: rest)
                    cursor += 1
                }
                ends.withUnsafeMutableBufferPointer { ends in
                    for number in 0..<keyCount {
                        let (first, past) = (Int(starts[number]), Int(starts[number + 1]))
                        if pairs[number] {
                            put(headlineLength)
                            put(past - first)
                            var previousPosition = 0
                            for index in first..<past {
                                let position = Int(grouped[index])
                                put(position - previousPosition)
                                previousPosition = position
                            }
                        } else {
                            put(Int(counts[number]))
                            put(Int(scratch.headlineCounts[number]))
                        }
                        ends[number] = cursor
                    }
                }
                written = cursor
            }
            self.ends = ends
        }
    }

    /// The memory a worker analyses documents in, taken from a pool for each document and given
    /// back after, so that a document costs no allocation. The token table is cleared for each
    /// document — a sequential write that also brings it into the cache, which its probes, at
    /// random, would otherwise miss — and sized for the document, doubled when it fills.
    final class AnalysisScratch: @unchecked Sendable {
        /// A slot of the token table: a key (0 for none: no token is NUL) and its number.
        private struct Slot {
            var key: UInt64 = 0
            var number: Int32 = 0
        }

        private var slots = UnsafeMutablePointer<Slot>.allocate(capacity: 0)
        private var slotCapacity = 0
        private var mask = -1
        private var room = 0
        /// The tokens in the table (pairs, and single characters beyond the Basic Multilingual Plane).
        private var hashedCount = 0
        /// For each character of the Basic Multilingual Plane (nearly every character of news text),
        /// its token's number plus one when the document has it, else 0: found by its value,
        /// without a probe of the table. Cleared for the characters of each document as the next begins.
        private let singles = UnsafeMutablePointer<Int32>.allocate(capacity: 0x10000)
        /// Each token's key and occurrence count, by number.
        private(set) var keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 0)
        private(set) var counts = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
        /// Each token's occurrences in the headline, by number (kept for single characters only).
        private(set) var headlineCounts = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
        /// Each occurrence of a pair: its token's number (high 32 bits) and position.
        private(set) var occurrences = UnsafeMutablePointer<UInt64>.allocate(capacity: 0)
        /// Where each token's positions start in `grouped` (one more than the tokens).
        private(set) var starts = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        private(set) var grouped = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
        /// The tokens numbered for the current document.
        private(set) var keyCount = 0

        init() {
            singles.initialize(repeating: 0, count: 0x10000)
        }

        deinit {
            singles.deallocate()
            slots.deallocate()
            keys.deallocate()
            counts.deallocate()
            headlineCounts.deallocate()
            occurrences.deallocate()
            starts.deallocate()
            grouped.deallocate()
        }

        /// Readies the scratch for a document of at most `room` occurrences (and so tokens).
        func prepare(room needed: Int) {
            for number in 0..<keyCount where keys[number] < 0x10000 { singles[Int(keys[number])] = 0 }
            if needed > room {
                room = max(needed, room * 2)
                for buffer in [keys, occurrences] as [UnsafeMutablePointer<UInt64>] { buffer.deallocate() }
                for buffer in [counts, headlineCounts, grouped, starts] as [UnsafeMutablePointer<Int32>] { buffer.deallocate() }
                keys = .allocate(capacity: room)
                occurrences = .allocate(capacity: room)
                counts = .allocate(capacity: room)
                headlineCounts = .allocate(capacity: room)
                grouped = .allocate(capacity: room)
                starts = .allocate(capacity: room + 1)
            }
            // As many slots as occurrences: a story repeats enough of its characters and pairs
            // that the table is rarely more than half full.
            var size = 64
            while size < needed { size *= 2 }
            useTable(size: size)
            keyCount = 0
            hashedCount = 0
        }

        /// Makes the table `size` slots, all empty.
        private func useTable(size: Int) {
            if size > slotCapacity {
                slots.deallocate()
                slots = .allocate(capacity: size)
                slotCapacity = size
            }
            slots.initialize(repeating: Slot(), count: size)
            mask = size - 1
        }

        /// `number(of:)` for the token of the single character `value`.
        @inline(__always)
        func number(ofSingle value: UInt32) -> Int {
            guard value < 0x10000 else { return number(of: UInt64(value)) }
            let known = Int(singles[Int(value)])
            if known != 0 {
                counts[known - 1] += 1
                return known - 1
            }
            let number = numberNew(UInt64(value))
            singles[Int(value)] = Int32(number + 1)
            return number
        }

        /// Gives the new token `key` the next number, its occurrence counted.
        @inline(__always)
        private func numberNew(_ key: UInt64) -> Int {
            let number = keyCount
            keys[number] = key
            counts[number] = 1
            headlineCounts[number] = 0
            keyCount += 1
            return number
        }

        /// The number of the token `key` in this document, numbered when it first comes; its
        /// occurrence counted.
        @inline(__always)
        func number(of key: UInt64) -> Int {
            var place = Self.slot(key, mask)
            while slots[place].key != 0 {
                if slots[place].key == key {
                    let number = Int(slots[place].number)
                    counts[number] += 1
                    return number
                }
                place = (place + 1) & mask
            }
            return add(key, at: place)
        }

        /// Numbers the new token `key` in the empty slot `place`.
        @inline(never)
        private func add(_ key: UInt64, at place: Int) -> Int {
            let number = numberNew(key)
            hashedCount += 1
            if hashedCount * 2 > mask + 1 {
                // Half full: doubled, every token of the table put again in its place in the larger one.
                useTable(size: (mask + 1) * 2)
                for number in 0..<keyCount where keys[number] >= 0x10000 {
                    var place = Self.slot(keys[number], mask)
                    while slots[place].key != 0 { place = (place + 1) & mask }
                    slots[place] = Slot(key: keys[number], number: Int32(number))
                }
            } else {
                slots[place] = Slot(key: key, number: Int32(number))
            }
            return number
        }

        private static func slot(_ key: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        }

        private static let lock = NSLock()
        nonisolated(unsafe) private static var pool: [AnalysisScratch] = []

        /// A scratch no other task holds.
        static func take() -> AnalysisScratch {
            lock.lock()
            defer { lock.unlock() }
            return pool.popLast() ?? AnalysisScratch()
        }

        /// Gives `scratch` back to the pool.
        static func give(_ scratch: AnalysisScratch) {
            lock.lock()
            defer { lock.unlock() }
            pool.append(scratch)
        }
    }
}
