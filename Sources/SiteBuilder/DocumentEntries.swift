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
            // counted. A pair's first position is kept, and each later occurrence — its number and
            // position, packed — for its entry lists its positions; a single character's entry needs
            // only its counts, so it counts those of the headline on the way. A scalar gives at most
            // two tokens.
            let room = scalars.count * 2
            scratch.prepare(room: room)
            let repeatCount = scalars.withUnsafeBufferPointer { scratch.scan($0, headlineLength: headlineLength) }
            let keyCount = scratch.keyCount
            keys = [TokenKey](unsafeUninitializedCapacity: keyCount) { keys, written in
                for number in 0..<keyCount { keys[number] = TokenKey(raw: scratch.keys[number]) }
                written = keyCount
            }
            // A pair's key has bit 42 set (`TokenKey.isPair`).
            let scratchKeys = scratch.keys
            @inline(__always) func isPair(_ number: Int) -> Bool { scratchKeys[number] >> 42 != 0 }

            // The later positions of each pair side by side, in text order (a counting sort by
            // token; most pairs have none); a pair's count becomes where its next position goes, a
            // single character's stays its count.
            let starts = scratch.starts
            let counts = scratch.counts
            starts[0] = 0
            // Sums of counts below the occurrences' number, which `prepare` made room for: no overflow.
            for number in 0..<keyCount { starts[number + 1] = starts[number] &+ (isPair(number) ? counts[number] &- 1 : 0) }
            let grouped = scratch.grouped
            for number in 0..<keyCount where isPair(number) { counts[number] = starts[number] }
            let occurrences = scratch.occurrences
            for index in 0..<repeatCount {
                let occurrence = occurrences[index]
                let number = Int(occurrence >> 32)
                grouped[Int(counts[number])] = Int32(truncatingIfNeeded: occurrence)
                counts[number] &+= 1
            }

            // The entries (see `SearchIndexFormat`), written into room for the longest they can be:
            // at most two varints for each token and one for each occurrence, and a varint of a
            // position or a count (below 2^31, doubled below 2^32) takes at most five bytes.
            let longest = (keyCount * 2 + repeatCount) * 5
            var ends = [Int](repeating: 0, count: keyCount)
            bytes = [UInt8](unsafeUninitializedCapacity: longest) { buffer, written in
                let out = buffer.baseAddress!
                // Within the room made for the longest entries: the cursor cannot overflow.
                var cursor = 0
                @inline(__always) func put(_ value: Int) { SearchIndexFormat.writeVarint(value, to: out, at: &cursor) }
                ends.withUnsafeMutableBufferPointer { ends in
                    for number in 0..<keyCount {
                        let (first, past) = (Int(starts[number]), Int(starts[number + 1]))
                        if isPair(number) {
                            // The first position, doubled, its low bit set when more follow: a
                            // pair occurs once in most stories that have it.
                            var previousPosition = Int(scratch.firstPositions[number])
                            let several = past > first
                            put(previousPosition &<< 1 | (several ? 1 : 0))
                            if several {
                                put(past &- first &+ 1)
                                for index in first..<past {
                                    let position = Int(grouped[index])
                                    put(position &- previousPosition)
                                    previousPosition = position
                                }
                            }
                        } else {
                            // The count, doubled, its low bit set when the headline has some: the
                            // headline has few of a story's characters.
                            let inHeadline = Int(scratch.headlineCounts[number])
                            put(Int(counts[number]) &<< 1 | (inHeadline > 0 ? 1 : 0))
                            if inHeadline > 0 { put(inHeadline) }
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
    /// back after, so that a document costs no allocation. The token table is sized for the
    /// document and doubled when it fills; it is not cleared between documents: each slot is
    /// stamped with the table's generation, and a new document (or a doubling) starts a new one, so
    /// a slot of an earlier generation is empty. (Clearing it wrote 16 bytes per slot, two slots per
    /// character, for every document.)
    final class AnalysisScratch: @unchecked Sendable {
        /// A slot of the token table: a token's key with the generation that put it there above it
        /// (`stamped`), so one comparison finds the token of this generation; and its number.
        private struct Slot {
            var stamped: UInt64 = 0
            var number: Int32 = 0
        }

        /// Where a slot's generation starts: a key takes 43 bits (`TokenKey`).
        private static let generationShift: UInt64 = 44
        /// The most generations the bits above a key hold.
        static let generationLimit: UInt64 = 1 << (64 - generationShift) - 1
        /// The generation of the slots in use; every slot of another one is empty. Never 0, the
        /// generation of slots never used.
        private var generation: UInt64 = 1
        /// The last generation before the slots are cleared and the generations begin again.
        private let lastGeneration: UInt64

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
        /// Each pair's first position, by number.
        private(set) var firstPositions = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
        /// Each later occurrence of a pair: its token's number (high 32 bits) and position.
        private(set) var occurrences = UnsafeMutablePointer<UInt64>.allocate(capacity: 0)
        /// Where each token's later positions start in `grouped` (one more than the tokens).
        private(set) var starts = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        private(set) var grouped = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
        /// The tokens numbered for the current document.
        private(set) var keyCount = 0

        /// A scratch whose generations begin again after `lastGeneration` (at most what the bits
        /// above a key hold; fewer only to test the clearing).
        init(lastGeneration: UInt64 = generationLimit) {
            precondition((1...Self.generationLimit).contains(lastGeneration), "more generations than a slot holds")
            self.lastGeneration = lastGeneration
            singles.initialize(repeating: 0, count: 0x10000)
        }

        deinit {
            singles.deallocate()
            slots.deallocate()
            keys.deallocate()
            counts.deallocate()
            headlineCounts.deallocate()
            firstPositions.deallocate()
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
                for buffer in [counts, headlineCounts, firstPositions, grouped, starts] as [UnsafeMutablePointer<Int32>] { buffer.deallocate() }
                keys = .allocate(capacity: room)
                occurrences = .allocate(capacity: room)
                counts = .allocate(capacity: room)
                headlineCounts = .allocate(capacity: room)
                firstPositions = .allocate(capacity: room)
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

        /// `key` stamped with the current generation, as its slot holds it.
        @inline(__always)
        private static func stamp(_ key: UInt64, _ generation: UInt64) -> UInt64 { key | generation << generationShift }

        /// Numbers every unigram and bigram of `scalars`, as they come, counting each token's
        /// occurrences and a single character's in the first `headlineLength` scalars, and keeps
        /// each pair's first position (`firstPositions`) and each later occurrence of a pair (its
        /// token's number and position, packed, in `occurrences`); returns how many later
        /// occurrences there are. `prepare` must have made room for twice the scalars.
        ///
        /// The buffers are read into locals first: through the class's properties every store into
        /// a buffer (which might, for all the compiler knows, be the object's own memory) made it
        /// load them all again for the next scalar.
        func scan(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, headlineLength: Int) -> Int {
            let (singles, keys, counts, headlineCounts, firstPositions, occurrences) = (singles, keys, counts, headlineCounts, firstPositions, occurrences)
            var (slots, mask, keyCount, hashedCount, generation) = (slots, mask, keyCount, hashedCount, generation)
            var occurrenceCount = 0
            // `prepare` made room for every token and occurrence (at most two of each a scalar), so
            // the counts and numbers below cannot overflow: they are added without checks.
            var (previousValue, previousClass): (UInt32, Int) = (0, 0)
            @inline(__always) func numberNew(_ key: UInt64) -> Int {
                let number = keyCount
                keys[number] = key
                counts[number] = 1
                headlineCounts[number] = 0
                keyCount &+= 1
                return number
            }
            /// The number of the hashed token `key` (a pair, or a character beyond the Basic
            /// Multilingual Plane), numbered and put in the table when it first comes.
            @inline(__always) func numberHashed(_ key: UInt64) -> Int {
                let stamped = Self.stamp(key, generation)
                var place = Self.slot(key, mask)
                while true {
                    let found = slots[place].stamped
                    if found == stamped {
                        let number = Int(slots[place].number)
                        counts[number] &+= 1
                        return number
                    }
                    if found >> Self.generationShift != generation { break }
                    place = (place &+ 1) & mask
                }
                let number = numberNew(key)
                hashedCount &+= 1
                if hashedCount &* 2 > mask &+ 1 {
                    (self.keyCount, self.hashedCount) = (keyCount, hashedCount)
                    rehashDoubled()
                    (slots, mask, generation) = (self.slots, self.mask, self.generation)
                } else {
                    slots[place] = Slot(stamped: stamped, number: Int32(truncatingIfNeeded: number))
                }
                return number
            }
            for position in 0..<scalars.count {
                let scalar = scalars[position]
                let cls = SearchTokenizer.characterClass(scalar)
                guard cls != 0 else {
                    previousClass = 0
                    continue
                }
                let value = scalar.value
                let single: Int
                if value < 0x10000 {
                    let known = Int(singles[Int(value)])
                    if known != 0 {
                        single = known &- 1
                        counts[single] &+= 1
                    } else {
                        single = numberNew(UInt64(value))
                        singles[Int(value)] = Int32(truncatingIfNeeded: keyCount)
                    }
                } else {
                    single = numberHashed(UInt64(value))
                }
                if position < headlineLength { headlineCounts[single] &+= 1 }
                if previousClass == cls {
                    let numbered = keyCount
                    let pair = numberHashed(1 << 42 | UInt64(previousValue) << 21 | UInt64(value))
                    if pair == numbered {
                        // Numbered now: its first occurrence.
                        firstPositions[pair] = Int32(truncatingIfNeeded: position &- 1)
                    } else {
                        occurrences[occurrenceCount] = UInt64(truncatingIfNeeded: pair) << 32 | UInt64(truncatingIfNeeded: position &- 1)
                        occurrenceCount &+= 1
                    }
                }
                (previousValue, previousClass) = (value, cls)
            }
            (self.keyCount, self.hashedCount) = (keyCount, hashedCount)
            return occurrenceCount
        }

        /// Doubles the table, every hashed token of the document (`keys` up to `keyCount`) put
        /// again in its place in the larger one.
        @inline(never)
        private func rehashDoubled() {
            useTable(size: (mask + 1) * 2)
            for number in 0..<keyCount where keys[number] >= 0x10000 {
                var place = Self.slot(keys[number], mask)
                while slots[place].stamped >> Self.generationShift == generation { place = (place + 1) & mask }
                slots[place] = Slot(stamped: Self.stamp(keys[number], generation), number: Int32(number))
            }
        }

        /// Makes the table `size` slots, all empty: a new generation, the slots cleared only when
        /// they are new or the generations have run out.
        private func useTable(size: Int) {
            if size > slotCapacity {
                slots.deallocate()
                slots = .allocate(capacity: size)
                slots.initialize(repeating: Slot(), count: size)
                slotCapacity = size
            }
            generation += 1
            if generation > lastGeneration {
                slots.update(repeating: Slot(), count: slotCapacity)
                generation = 1
            }
            mask = size - 1
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
