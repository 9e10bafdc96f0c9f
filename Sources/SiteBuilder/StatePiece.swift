#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of a build state's bytes as it is written: made by this build, or kept as the state file
/// the build read holds them — the sources no change touched, most of a rebuild's state, which are
/// then neither copied nor, written over that same file, written at all where they already lie.
enum StatePiece {
    case made([UInt8])
    case kept(StateBytes)

    /// The number of bytes.
    var count: Int {
        switch self {
        case .made(let bytes): bytes.count
        case .kept(let bytes): bytes.count
        }
    }

    /// Calls `body` with the bytes, kept in memory until it returns.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch self {
        case .made(let bytes): try bytes.withUnsafeBytes(body)
        case .kept(let bytes): try bytes.withUInt8Buffer { try body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// The number of bytes of `pieces` together.
    static func byteCount(_ pieces: some Sequence<StatePiece>) -> Int { pieces.reduce(0) { $0 + $1.count } }

    /// The bytes of `pieces`, one after the other.
    static func joined(_ pieces: [StatePiece]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount(pieces))
        for piece in pieces { piece.withBytes { bytes.append(contentsOf: $0) } }
        return bytes
    }

    /// Writes `pieces` one after the other into the open file `descriptor`, from its first byte,
    /// and returns how many bytes were written, or `nil` (with `errno` set) when the system refused.
    ///
    /// Into the very file kept pieces were mapped from (`inPlace`, same device and inode), a kept
    /// piece that lies where it is to go is left as it is, unwritten; one that moved is copied
    /// first, before anything is written, as a write could otherwise change bytes not yet read.
    /// Into any other file, kept pieces are written from the mapping as they are.
    static func write(_ pieces: [StatePiece], to descriptor: Int32, inPlace: Bool) -> Int? {
        var info = stat()
        // A file that cannot be told apart from the one mapped is not written: written as another
        // file, a moved piece would be written from the very bytes it overwrites.
        guard !inPlace || fstat(descriptor, &info) == 0 else { return nil }
        let target: (device: UInt64, inode: UInt64)? = inPlace
            ? (UInt64(truncatingIfNeeded: info.st_dev), UInt64(truncatingIfNeeded: info.st_ino)) : nil
        // What is to be written at each piece's offset; `nil` for a piece already there.
        var plan: [StatePiece?] = []
        plan.reserveCapacity(pieces.count)
        var offset = 0
        for piece in pieces {
            if case .kept(let bytes) = piece, let target, let origin = bytes.fileOrigin,
               origin.device == target.device, origin.inode == target.inode {
                plan.append(origin.offset == offset ? nil : .made(Array(bytes.uint8Buffer)))
            } else {
                plan.append(piece)
            }
            offset += piece.count
        }
        offset = 0
        var written = 0
        for (piece, original) in zip(plan, pieces) {
            if let piece {
                let done = piece.withBytes { writeAll($0, to: descriptor, at: offset) }
                guard done else { return nil }
                written += piece.count
            }
            offset += original.count
        }
        return written
    }

    /// Writes all of `bytes` at `offset` of `descriptor` (again after an interruption).
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += count
        }
        return true
    }
}
