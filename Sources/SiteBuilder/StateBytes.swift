import CFileMapping
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes of a build state, or a part of them, kept in memory while any part is in use.
///
/// A state read from the output is its file mapped into memory (`StateBytes(mappingFileAt:)`):
/// reading 12 MB into memory of the process's own, which this machine's host supplies afresh, took
/// 7.5-11 ms, mapping them 0.2 ms. Sources left unchanged keep their parts and are written back
/// from them.
struct StateBytes: @unchecked Sendable {
    /// What holds the memory; freed when the last part goes.
    private let storage: Storage
    /// These bytes, inside `storage`'s: valid while this value (or a part of it) is in use. A
    /// caller holding only a temporary reads them with `withUInt8Buffer`.
    let buffer: UnsafeRawBufferPointer

    /// A copy of `bytes`.
    init(_ bytes: some Collection<UInt8>) {
        storage = Storage(copying: bytes)
        buffer = storage.whole
    }

    /// The file at `path`, mapped into memory, or read when it cannot be mapped; `nil` when it is
    /// not a regular file or cannot be read. A mapped file cut short by another program while a
    /// build reads it ends the build with `path: error: [read] the file was cut short while it was
    /// read` and exit status 1, before the output has been changed or while the journal holds it
    /// (see `DiskOutput`); it is not a crash.
    init?(mappingFileAt path: String) {
        guard let storage = Storage(mappingFileAt: path) else { return nil }
        self.storage = storage
        buffer = storage.whole
    }

    private init(storage: Storage, buffer: UnsafeRawBufferPointer) {
        self.storage = storage
        self.buffer = buffer
    }

    var count: Int { buffer.count }

    /// These bytes as a buffer of `UInt8`, which arrays and strings copy at once (valid as `buffer` is).
    var uint8Buffer: UnsafeBufferPointer<UInt8> { buffer.assumingMemoryBound(to: UInt8.self) }

    /// The result of `body` given these bytes, which are kept in memory until it returns.
    func withUInt8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) { try body(uint8Buffer) }
    }

    /// The bytes in `range` (offsets into these), sharing their memory.
    subscript(range: Range<Int>) -> StateBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count)
        return StateBytes(storage: storage, buffer: UnsafeRawBufferPointer(rebasing: buffer[range]))
    }

    /// The file these bytes were mapped from (its device and inode) and where in it they begin;
    /// `nil` for bytes in memory of the process's own.
    var fileOrigin: (device: UInt64, inode: UInt64, offset: Int)? {
        guard let file = storage.mappedFile, let start = buffer.baseAddress, let base = storage.whole.baseAddress else { return nil }
        return (file.device, file.inode, start - base)
    }

    /// These bytes and `next` as one run, when `next` begins where these end, in the same memory.
    func joined(with next: StateBytes) -> StateBytes? {
        guard storage === next.storage, let end = buffer.baseAddress.map({ $0 + buffer.count }),
              end == next.buffer.baseAddress else { return nil }
        return StateBytes(storage: storage, buffer: UnsafeRawBufferPointer(start: buffer.baseAddress, count: buffer.count + next.count))
    }

    /// Memory mapped from a file, or allocated and filled.
    private final class Storage {
        let whole: UnsafeRawBufferPointer
        private let mapped: Bool
        /// The device and inode of the file mapped; `nil` when the bytes were copied or read.
        let mappedFile: (device: UInt64, inode: UInt64)?

        init(copying bytes: some Collection<UInt8>) {
            let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
            memory.copyBytes(from: bytes)
            whole = UnsafeRawBufferPointer(rebasing: memory[..<bytes.count])
            mapped = false
            mappedFile = nil
        }

        init?(mappingFileAt path: String) {
            let file = open(path, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { return nil }
            defer { close(file) }
            var info = stat()
            guard fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            let size = Int(info.st_size)
            if size > 0, let address = up_map_file(file, size, path) {
                whole = UnsafeRawBufferPointer(start: address, count: size)
                mapped = true
                mappedFile = (UInt64(truncatingIfNeeded: info.st_dev), UInt64(truncatingIfNeeded: info.st_ino))
                return
            }
            // Empty, or not to be mapped: read.
            let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 16)
            var filled = 0
            while filled < size {
                let count = read(file, memory.baseAddress! + filled, size - filled)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                filled += count
            }
            guard filled == size else {
                memory.deallocate()
                return nil
            }
            whole = UnsafeRawBufferPointer(rebasing: memory[..<size])
            mapped = false
            mappedFile = nil
        }

        deinit {
            if mapped {
                up_unmap_file(whole.baseAddress, whole.count)
            } else {
                UnsafeMutableRawPointer(mutating: whole.baseAddress)?.deallocate()
            }
        }
    }
}
