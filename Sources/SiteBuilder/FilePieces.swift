import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NewsModel

/// A file read from its start a piece at a time, fingerprinted as it goes: a media file of any size
/// (a film, a scanned edition) is copied and checked holding one piece, never the whole file.
enum FilePieces {
    /// The bytes read at a time.
    static let pieceSize = 1 << 20

    /// Why a file could not be read.
    struct ReadError: Error, CustomStringConvertible {
        /// What went wrong, for a person.
        let description: String
    }

    /// Reads the regular file at `url` (a symbolic link followed), giving each piece to `body`.
    /// - Returns: the fingerprint of its bytes (`Fingerprint.of(bytes:)`) and their count.
    /// - Throws: `ReadError` when it cannot be opened or read, is not a regular file, or changed
    ///   size while it was read; what `body` throws.
    static func stream(_ url: URL, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> (contentHash: UInt64, size: Int) {
        // Not blocking: a pipe put in the file's place would wait for a writer.
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(description: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadError(description: String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw ReadError(description: "it is not a regular file") }
        return try stream(descriptor, size: Int(status.st_size), body)
    }

    /// Reads the open file `descriptor` from where it stands to its end, giving each piece to
    /// `body`; `size` is the count of bytes expected.
    /// - Returns: the fingerprint of the bytes and their count.
    /// - Throws: `ReadError` when it cannot be read or holds more or fewer bytes than `size`; what
    ///   `body` throws.
    static func stream(_ descriptor: Int32, size: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws
        -> (contentHash: UInt64, size: Int) {
        var fingerprint = StreamedFingerprint(count: size)
        // One byte more than expected, to tell a file that grew.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: min(size + 1, pieceSize), alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let got = read(descriptor, buffer.baseAddress, buffer.count)
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw ReadError(description: String(cString: strerror(errno))) }
            guard got > 0 else { break }
            let piece = UnsafeRawBufferPointer(rebasing: buffer[..<got])
            total += got
            guard fingerprint.add(piece) else { break }
            try body(piece)
        }
        guard total == size, let value = fingerprint.value else {
            throw ReadError(description: "it changed size while it was read (\(size) bytes, then \(total)); build again once it is saved")
        }
        return (value, size)
    }
}
