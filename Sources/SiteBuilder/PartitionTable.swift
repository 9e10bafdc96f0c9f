import Foundation

extension SearchIndex {
    /// The tokens of one partition and each token's entries so far, filled by one worker at a time.
    ///
    /// Gathering appends each entry of every document to its token's list, so the lists are
    /// reached in no order the cache can follow: a token's key, its list's place, length and room,
    /// its entry count and last document share one 32-byte slot of an open-addressing table, so an
    /// entry costs one slot and the end of its list, and the bytes are copied, not appended one by one.
    final class PartitionTable: @unchecked Sendable {
        /// A token and its list: `key` 0 marks an empty slot (no token is NUL).
        private struct Slot {
            var key: UInt64 = 0
            var bytes: UnsafeMutablePointer<UInt8>?
            var count: Int32 = 0
            var capacity: Int32 = 0
            var entries: Int32 = 0
            var lastDocument: Int32 = 0
        }

        private var slots: UnsafeMutableBufferPointer<Slot>
        private var tokenCount = 0
        /// Each token's postings moved to the temporary file, in order; its slot holds what came since.
        private var spilled: [UInt64: [PostingSpill.Chunk]] = [:]
        /// The bytes of postings held in memory.
        private(set) var heldBytes = 0

        init() {
            slots = .allocate(capacity: 1 << 12)
            slots.initialize(repeating: Slot())
        }

        deinit {
            for slot in slots { slot.bytes?.deallocate() }
            slots.deallocate()
        }

        /// Adds a document's entries for the tokens of this partition (`entries` arranged for
        /// `partitions` partitions).
        func add(_ entries: DocumentEntries, document: Int, partition: Int, of partitions: Int) {
            precondition(entries.partitionEnds.count == partitions, "entries arranged for another number of partitions")
            let tokens = entries.partitionOrder[(partition == 0 ? 0 : entries.partitionEnds[partition - 1])..<entries.partitionEnds[partition]]
            while (tokenCount + tokens.count) * 2 > slots.count { grow() }
            // The table in a local: the class's own properties would be checked for exclusive access at each use.
            let table = slots
            let mask = table.count - 1
            var (added, newTokens) = (0, 0)
            entries.keys.withUnsafeBufferPointer { keys in
                entries.ends.withUnsafeBufferPointer { ends in
                    entries.bytes.withUnsafeBufferPointer { bytes in
                        for index in tokens.lazy.map(Int.init) {
                            let key = keys[index].raw
                            var place = Self.slot(key, mask)
                            while table[place].key != key {
                                if table[place].key == 0 {
                                    table[place].key = key
                                    newTokens &+= 1
                                    break
                                }
                                place = (place &+ 1) & mask
                            }
                            let start = index == 0 ? 0 : ends[index - 1]
                            added &+= Self.append(document: document, entry: UnsafeBufferPointer(rebasing: bytes[start..<ends[index]]),
                                                 to: &table[place])
                        }
                    }
                }
            }
            tokenCount += newTokens
            heldBytes += added
        }

        /// Appends to `slot`'s list the document number's difference from its previous one, as a
        /// varint, then `entry`; returns the bytes added.
        ///
        /// The sums below are not checked: `enlarge` stops a list that would outgrow 2 GiB, so every
        /// length and place fits in 32 bits, and document numbers (below the documents' count) too.
        @inline(__always)
        private static func append(document: Int, entry: UnsafeBufferPointer<UInt8>, to slot: inout Slot) -> Int {
            let length = entry.count
            let needed = Int(slot.count) &+ 5 &+ length
            if needed > Int(slot.capacity) { enlarge(&slot, toHold: needed) }
            let bytes = slot.bytes.unsafelyUnwrapped
            var cursor = Int(slot.count)
            SearchIndexFormat.writeVarint(document &- Int(slot.lastDocument), to: bytes, at: &cursor)
            if length > 0 { copySmall(entry.baseAddress.unsafelyUnwrapped, length, to: bytes + cursor) }
            cursor &+= length
            let added = cursor &- Int(slot.count)
            slot.count = Int32(truncatingIfNeeded: cursor)
            slot.lastDocument = Int32(truncatingIfNeeded: document)
            slot.entries &+= 1
            return added
        }

        /// Copies `count` bytes (at least one) a word at a time: an entry is a few bytes long, for
        /// which a call of `memcpy` costs more than the copy. The last word (or half word) is the one
        /// that ends at `count`, overlapping the one before, so no byte past either end is touched.
        @inline(__always)
        static func copySmall(_ source: UnsafePointer<UInt8>, _ count: Int, to target: UnsafeMutablePointer<UInt8>) {
            let (from, to) = (UnsafeRawPointer(source), UnsafeMutableRawPointer(target))
            if count >= 8 {
                var offset = 0
                while offset + 8 < count {
                    to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                    offset += 8
                }
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), toByteOffset: count - 8, as: UInt64.self)
            } else if count >= 4 {
                to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self), toByteOffset: count - 4, as: UInt32.self)
            } else {
                target[0] = source[0]
                target[count / 2] = source[count / 2]
                target[count - 1] = source[count - 1]
            }
        }

        /// Gives `slot`'s list room for `needed` bytes, at least twice what it had.
        @inline(never)
        private static func enlarge(_ slot: inout Slot, toHold needed: Int) {
            precondition(needed <= Int(Int32.max), "a token's postings outgrew 2 GiB in memory")
            let capacity = min(max(needed, Int(slot.capacity) * 2, 32), Int(Int32.max))
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            if let old = slot.bytes {
                grown.update(from: old, count: Int(slot.count))
                old.deallocate()
            }
            slot.bytes = grown
            slot.capacity = Int32(capacity)
        }

        /// A multiplier of its own: with `TokenKey.partition(of:)`'s, the keys of one partition would
        /// share bits of their slot and crowd half the table or less.
        private static func slot(_ key: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0xC2B2_AE3D_27D4_EB4F) >> 20) & mask
        }

        /// Doubles the table, every token moved to its slot in the new one.
        private func grow() {
            let old = slots
            slots = .allocate(capacity: old.count * 2)
            slots.initialize(repeating: Slot())
            let mask = slots.count - 1
            for slot in old where slot.key != 0 {
                var place = Self.slot(slot.key, mask)
                while slots[place].key != 0 { place = (place + 1) & mask }
                slots[place] = slot
            }
            old.deallocate()
        }

        /// Moves every list to `file`, in one write; a token's next entries go on from where its
        /// list stopped (the document numbers' differences carry on), so its chunks and what comes
        /// after them, put together, are the list a build in memory would have made.
        func spill(to file: PostingSpill) throws {
            guard heldBytes > 0 else { return }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(heldBytes)
            var starts: [(key: UInt64, start: Int, length: Int)] = []
            for place in slots.indices where slots[place].count > 0 {
                let length = Int(slots[place].count)
                starts.append((slots[place].key, buffer.count, length))
                buffer.append(contentsOf: UnsafeBufferPointer(start: slots[place].bytes, count: length))
                slots[place].bytes?.deallocate()
                (slots[place].bytes, slots[place].count, slots[place].capacity) = (nil, 0, 0)
            }
            let offset = try file.append(buffer)
            for (key, start, length) in starts {
                spilled[key, default: []].append(PostingSpill.Chunk(offset: offset + start, length: length))
            }
            heldBytes = 0
        }

        /// Every token and its postings; the table is empty afterwards.
        func takePostings() -> [(TokenKey, Postings)] {
            var result: [(TokenKey, Postings)] = []
            result.reserveCapacity(tokenCount)
            for place in slots.indices where slots[place].key != 0 {
                let slot = slots[place]
                let key = TokenKey(raw: slot.key)
                var postings = Postings(kind: key.isPair ? .pair : .single)
                postings.count = Int(slot.entries)
                postings.bytes = Array(UnsafeBufferPointer(start: slot.bytes, count: Int(slot.count)))
                postings.chunks = spilled[slot.key] ?? []
                slot.bytes?.deallocate()
                slots[place] = Slot()
                result.append((key, postings))
            }
            tokenCount = 0
            spilled = [:]
            heldBytes = 0
            return result
        }
    }
}
