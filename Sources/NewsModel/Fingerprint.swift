/// A stable 64-bit hash of a sequence of values, the same in every process and on every machine.
///
/// Incremental builds compare fingerprints kept from an earlier build with the ones of this build, so
/// Swift's `Hasher` (seeded per process) cannot be used. The mixing is XXH64's: fast on long byte
/// runs (source files, rendered pages) and well distributed on short ones (slugs, counts).
///
/// Values are written with their length, so `("ab", "c")` and `("a", "bc")` differ.
public struct Fingerprint: Sendable, Hashable {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var state: UInt64
    private var length: UInt64 = 0

    /// Starts a fingerprint; different seeds give unrelated fingerprints of the same values.
    /// - Parameter seed: a number naming what is fingerprinted.
    public init(seed: UInt64 = 0) {
        state = seed &+ Self.prime5
    }

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        var accumulator = accumulator &+ input &* prime2
        accumulator = (accumulator << 31) | (accumulator >> 33)
        return accumulator &* prime1
    }

    /// Folds one of the four lanes into the merged value, as XXH64 does.
    @inline(__always)
    private static func mergeRound(_ merged: UInt64, _ lane: UInt64) -> UInt64 {
        (merged ^ round(0, lane)) &* prime1 &+ prime4
    }

    @inline(__always)
    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        state ^= Self.round(0, word)
        state = ((state << 27) | (state >> 37)) &* Self.prime1 &+ Self.prime4
        length &+= 8
    }

    /// Adds an integer.
    public mutating func combine(_ value: Int) { mix(UInt64(bitPattern: Int64(value))) }

    /// Adds an unsigned integer.
    public mutating func combine(_ value: UInt64) { mix(value) }

    /// Adds a truth value.
    public mutating func combine(_ value: Bool) { mix(value ? 1 : 0) }

    /// Adds another fingerprint's value.
    public mutating func combine(_ other: Fingerprint) { mix(other.value) }

    /// Adds text (its UTF-8 bytes and their count).
    public mutating func combine(_ text: String) {
        text.withUTF8InPlace { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Adds optional text; `nil` differs from every string.
    public mutating func combine(_ text: String?) {
        if let text { mix(1); combine(text) } else { mix(0) }
    }

    /// Adds a date (as numbers, not as text); `nil` differs from every date.
    public mutating func combine(_ date: EditionDate?) {
        if let date { mix(UInt64(date.year * 10_000 + date.month * 100 + date.day)) } else { mix(0) }
    }

    /// Adds a list of strings.
    public mutating func combine(_ texts: [String]) {
        mix(UInt64(texts.count))
        for text in texts { combine(text) }
    }

    /// Adds raw bytes and their count.
    ///
    /// Runs of 32 bytes go through four independent lanes, as XXH64 reads long inputs, and the lanes
    /// are merged into the fingerprint once: one chain of multiplications per word made hashing a
    /// rendered page or a search shard wait on each word in turn (about 1.6 GB/s here); four chains
    /// overlap. What is left after the last run is added a word at a time.
    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        mix(UInt64(bytes.count))
        let count = bytes.count
        let lanesEnd = Self.lanesEnd(count)
        if lanesEnd > 0 {
            var lanes = startLanes()
            Self.run(&lanes, over: bytes)
            mergeLanes(lanes)
        }
        addRest(of: bytes, at: 0, from: lanesEnd, to: count)
    }

    /// Where the lanes stop in `count` bytes: after the last whole run of 32 bytes, or at the
    /// start when there is none.
    @inline(__always)
    static func lanesEnd(_ count: Int) -> Int { count >= 32 ? count & ~31 : 0 }

    @inline(__always)
    func startLanes() -> (UInt64, UInt64, UInt64, UInt64) {
        (state &+ Self.prime1 &+ Self.prime2, state &+ Self.prime2, state, state &- Self.prime1)
    }

    /// Runs the whole runs of 32 bytes of `bytes` through `lanes`.
    @inline(__always)
    static func run(_ lanes: inout (UInt64, UInt64, UInt64, UInt64), over bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 32 <= bytes.count {
            lanes.0 = round(lanes.0, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            lanes.1 = round(lanes.1, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
            lanes.2 = round(lanes.2, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)))
            lanes.3 = round(lanes.3, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
            offset += 32
        }
    }

    @inline(__always)
    mutating func mergeLanes(_ lanes: (UInt64, UInt64, UInt64, UInt64)) {
        var merged = Self.rotate(lanes.0, 1) &+ Self.rotate(lanes.1, 7) &+ Self.rotate(lanes.2, 12) &+ Self.rotate(lanes.3, 18)
        merged = Self.mergeRound(Self.mergeRound(Self.mergeRound(Self.mergeRound(merged, lanes.0), lanes.1), lanes.2), lanes.3)
        mix(merged)
    }

    /// Adds bytes `offset..<count` of a run of `count` bytes, a word at a time, then the last 1 to 7
    /// bytes as a little-endian number read with at most two loads (words that overlap bytes added
    /// already, or each other, shifted to leave only these). `bytes` holds the run from position
    /// `base` on; it must reach back to `count - 8` (or to the start).
    @inline(__always)
    mutating func addRest(of bytes: UnsafeRawBufferPointer, at base: Int, from offset: Int, to count: Int) {
        var offset = offset
        while offset + 8 <= count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset - base, as: UInt64.self)))
            offset += 8
        }
        guard offset < count else { return }
        let rest = count - offset
        var tail: UInt64
        if count >= 8 {
            tail = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: count - 8 - base, as: UInt64.self)) >> UInt64(8 * (8 - rest))
        } else if rest >= 4 {
            let low = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset - base, as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: count - 4 - base, as: UInt32.self)))
            tail = low | high << UInt64(8 * (rest - 4))
        } else {
            tail = 0
            for index in offset..<count { tail |= UInt64(bytes[index - base]) << (UInt64(index - offset) * 8) }
        }
        mix(tail ^ 0xFF00_0000_0000_0000)
    }

    /// The fingerprint of everything added so far.
    public var value: UInt64 {
        var hash = state &+ length
        hash ^= hash >> 33
        hash &*= Self.prime2
        hash ^= hash >> 29
        hash &*= Self.prime3
        hash ^= hash >> 32
        return hash
    }

    /// The fingerprint of raw bytes alone.
    public static func of(bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var fingerprint = Fingerprint(seed: seed)
        fingerprint.combine(bytes: bytes)
        return fingerprint.value
    }

    /// The fingerprint of one string alone.
    public static func of(_ text: String, seed: UInt64 = 0) -> UInt64 {
        var fingerprint = Fingerprint(seed: seed)
        fingerprint.combine(text)
        return fingerprint.value
    }
}
