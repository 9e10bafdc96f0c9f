/// The fingerprint of bytes that arrive in pieces — a file read a megabyte at a time — equal to
/// `Fingerprint.of(bytes:seed:)` of all of them at once, so that a picture or a film can be copied
/// and fingerprinted without ever being held whole. The count comes first, as in `combine(bytes:)`,
/// so it must be known before the first piece (a file's size).
public struct StreamedFingerprint: Sendable {
    /// The number of bytes announced.
    public let count: Int
    private var fingerprint: Fingerprint
    private var lanes: (UInt64, UInt64, UInt64, UInt64)
    private let lanesEnd: Int
    private var taken = 0
    /// A run of 32 bytes for the lanes begun in one piece and not yet ended.
    private var pending: [UInt8] = []
    /// The bytes after the lanes, from 8 before their end (`Fingerprint.addRest` reads back so far).
    private var rest: [UInt8] = []

    /// Starts the fingerprint of `count` bytes.
    /// - Parameters:
    ///   - count: how many bytes will be added.
    ///   - seed: as for `Fingerprint.of(bytes:seed:)`.
    public init(count: Int, seed: UInt64 = 0) {
        self.count = count
        fingerprint = Fingerprint(seed: seed)
        fingerprint.combine(UInt64(count))
        lanes = fingerprint.startLanes()
        lanesEnd = Fingerprint.lanesEnd(count)
        pending.reserveCapacity(32)
    }

    /// Adds the next piece.
    /// - Returns: false when the pieces added come to more than `count` (the value is then `nil`).
    @discardableResult
    public mutating func add(_ piece: UnsafeRawBufferPointer) -> Bool {
        guard taken <= count, piece.count <= count - taken else {
            taken = count + 1
            return false
        }
        let start = taken
        taken += piece.count
        let restStart = max(0, lanesEnd - 8)
        if taken > restStart {
            rest.append(contentsOf: piece[(max(start, restStart) - start)...])
        }
        guard start < lanesEnd else { return true }
        var forLanes = UnsafeRawBufferPointer(rebasing: piece[..<min(piece.count, lanesEnd - start)])
        if !pending.isEmpty {
            let taking = min(32 - pending.count, forLanes.count)
            pending.append(contentsOf: forLanes[..<taking])
            forLanes = UnsafeRawBufferPointer(rebasing: forLanes[taking...])
            guard pending.count == 32 else { return true }
            pending.withUnsafeBytes { Fingerprint.run(&lanes, over: $0) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = forLanes.count & ~31
        Fingerprint.run(&lanes, over: UnsafeRawBufferPointer(rebasing: forLanes[..<whole]))
        pending.append(contentsOf: forLanes[whole...])
        return true
    }

    /// The fingerprint, once exactly `count` bytes were added; `nil` before, or after more.
    public var value: UInt64? {
        guard taken == count else { return nil }
        var result = fingerprint
        if lanesEnd > 0 { result.mergeLanes(lanes) }
        rest.withUnsafeBytes { result.addRest(of: $0, at: max(0, lanesEnd - 8), from: lanesEnd, to: count) }
        return result.value
    }
}
