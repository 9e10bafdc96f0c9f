import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary file the search index moves its postings to when it holds more than its memory
/// budget: appended to as the analysis goes on, read back a piece at a time as the shards are
/// written. It is unlinked as soon as it is made, so it goes with the process whatever happens.
final class PostingSpill: @unchecked Sendable {
    /// A run of bytes in the file.
    struct Chunk: Sendable {
        var offset: Int
        var length: Int
    }

    private let descriptor: Int32
    private let lock = NSLock()
    private var end = 0

    /// Makes the file in the temporary folder.
    init() throws(BuildError) {
        var template = Array((NSTemporaryDirectory() + "/unionpress-postings-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .write(path: NSTemporaryDirectory(), reason: "cannot make a temporary file for the search index: \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    deinit { close(descriptor) }

    /// Appends `bytes` and returns the offset they start at.
    func append(_ bytes: [UInt8]) throws(BuildError) -> Int {
        lock.lock()
        let offset = end
        end += bytes.count
        lock.unlock()
        // Writers append to parts of the file no other writer touches.
        let written = bytes.withUnsafeBytes { buffer in
            Self.transfer(buffer.count) { pwrite(descriptor, buffer.baseAddress! + $0, buffer.count - $0, off_t(offset + $0)) }
        }
        guard written else {
            throw .write(path: NSTemporaryDirectory(), reason: "cannot write the search index's temporary file: \(String(cString: strerror(errno)))")
        }
        return offset
    }

    /// Calls `step` (a `pwrite` or `pread` of what is left after `done` bytes) until `length` bytes
    /// are moved; false on an error or an early end of the file.
    private static func transfer(_ length: Int, _ step: (_ done: Int) -> Int) -> Bool {
        var done = 0
        while done < length {
            let count = step(done)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    /// Appends the bytes of `chunk` to `bytes`.
    func read(_ chunk: Chunk, into bytes: inout [UInt8]) throws(BuildError) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: chunk.length))
        let read = bytes.withUnsafeMutableBytes { buffer in
            Self.transfer(chunk.length) { pread(descriptor, buffer.baseAddress! + start + $0, chunk.length - $0, off_t(chunk.offset + $0)) }
        }
        guard read else {
            throw .write(path: NSTemporaryDirectory(), reason: "cannot read the search index's temporary file back: \(String(cString: strerror(errno)))")
        }
    }
}
