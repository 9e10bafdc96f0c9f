import Foundation

/// Makes each distinct text once while a state is decoded: the names and slugs of regions and topics
/// recur in story after story (ten of a story's fourteen texts), and a string made from bytes is
/// checked as UTF-8, allocated and copied each time. A text found again is the string made before.
///
/// Used by one decoding task at a time (not shared between threads; its properties are not checked
/// for overlapping access, which took more time than the lookups). It keeps at most `capacity`
/// texts, each at most `longestKept` bytes; others are made every time.
final class StringInterner {
    /// Texts kept, at most (half the table, so that a lookup stops soon at an empty slot).
    static let capacity = 512
    /// Longer texts are rarely the same twice.
    static let longestKept = 64

    /// A kept text: its string, the hash and place of its bytes in `keys`.
    private struct Slot {
        var string: String
        var hash: UInt64
        var start: Int32
        var length: Int32
    }

    /// Open addressing; a slot of length -1 is empty.
    @exclusivity(unchecked) private var slots = [Slot](repeating: Slot(string: "", hash: 0, start: 0, length: -1), count: 2 * capacity)
    @exclusivity(unchecked) private var keys: [UInt8] = []
    @exclusivity(unchecked) private var count = 0

    /// The string of the UTF-8 `bytes` (repaired as `String(decoding:as:)` repairs them): the one
    /// made before for the same bytes, or a new one.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= Self.longestKept, let base = bytes.baseAddress, !bytes.isEmpty else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var position = Int(truncatingIfNeeded: hash >> 32) & mask
        // Looked up through read-only pointers (a mutable one checks that the array is not shared).
        let found = slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys -> String? in
                while slots[position].length >= 0 {
                    if slots[position].hash == hash, Int(slots[position].length) == bytes.count,
                       memcmp(keys.baseAddress! + Int(slots[position].start), base, bytes.count) == 0 {
                        return slots[position].string
                    }
                    position = (position + 1) & mask
                }
                return nil
            }
        }
        if let found { return found }
        let made = String(decoding: bytes, as: UTF8.self)
        guard count < Self.capacity else { return made }
        slots[position] = Slot(string: made, hash: hash, start: Int32(keys.count), length: Int32(bytes.count))
        keys.append(contentsOf: bytes)
        count += 1
        return made
    }

    /// A hash of short `bytes` (at least one): their first and last eight (or fewer) and their count,
    /// mixed by multiplication; texts that collide are told apart by their bytes.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var first: UInt64 = 0
        var last: UInt64 = 0
        if raw.count >= 8 {
            first = raw.loadUnaligned(as: UInt64.self)
            last = raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self)
        } else {
            for byte in raw { first = first << 8 | UInt64(byte) }
        }
        var mixed = (first ^ UInt64(raw.count) << 56) &* 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 29) ^ last) &* 0xBF58_476D_1CE4_E5B9
        return mixed ^ (mixed >> 32)
    }
}
