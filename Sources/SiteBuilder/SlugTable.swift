#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NewsModel

/// Values kept by slug, found by the slug's bytes.
///
/// The site plan looks each story's regions and topics up by slug, four or five lookups a story.
/// A `[String: Int]` hashes each slug with the process's SipHash and finalises it, about 375
/// instructions a lookup here; this table takes the `Fingerprint` of the bytes and compares them
/// with `memcmp`, the same storage compared by address first.
struct SlugTable<Value> {
    /// Each slot's entry (an index into `keys`), -1 where empty; a power of two long.
    private var slots: [Int32]
    private var keys: [String] = []
    private var hashes: [UInt64] = []
    private var values: [Value] = []

    /// An empty table.
    init() {
        slots = Array(repeating: -1, count: 64)
    }

    /// Every slug and its value, in the order they were added.
    var entries: Zip2Sequence<[String], [Value]> { zip(keys, values) }

    /// The number of slugs.
    var count: Int { keys.count }

    /// The value of `slug`, if it has one.
    func value(of slug: String) -> Value? {
        slug.withUTF8InPlace { bytes in
            let hash = Self.hash(bytes)
            let mask = slots.count - 1
            var place = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = Int(slots[place])
                if entry < 0 { return nil }
                if hashes[entry] == hash, Self.same(keys[entry], bytes) { return values[entry] }
                place = (place + 1) & mask
            }
        }
    }

    /// Gives `slug`, which has no value yet, the value `value`.
    mutating func add(_ slug: String, _ value: Value) {
        let hash = slug.withUTF8InPlace(Self.hash)
        keys.append(slug)
        hashes.append(hash)
        values.append(value)
        // At most half full: a lookup seldom steps past a slot.
        if keys.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            for entry in keys.indices { place(entry) }
        } else {
            place(keys.count - 1)
        }
    }

    /// Puts entry `entry` in the first empty slot from its hash's.
    private mutating func place(_ entry: Int) {
        let mask = slots.count - 1
        var place = Int(truncatingIfNeeded: hashes[entry]) & mask
        while slots[place] >= 0 { place = (place + 1) & mask }
        slots[place] = Int32(entry)
    }

    /// Whether `key`'s bytes are `bytes`.
    private static func same(_ key: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        key.withUTF8InPlace { keyBytes in
            guard keyBytes.count == bytes.count else { return false }
            guard let keyStart = keyBytes.baseAddress, let start = bytes.baseAddress else { return true }
            return keyStart == start || memcmp(keyStart, start, bytes.count) == 0
        }
    }

    /// The fingerprint of `bytes`.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        Fingerprint.of(bytes: UnsafeRawBufferPointer(bytes))
    }
}

extension SlugTable: Sendable where Value: Sendable {}
