import Foundation
import NewsModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The source files of a folder as listed once (`SourceFile.list(under:)`), and when the listing
/// began.
///
/// A build may have its sources listed ahead (`beginAhead(under:)`): the command line takes a few
/// milliseconds to parse (the argument parser reflects on every command's options), one core does
/// it, and the listing every build begins with — a status read of every source file, the longest
/// part of a rebuild that finds nothing changed — can use the other meanwhile. The build takes that
/// listing when it asks for the same folder, and lists again otherwise.
public struct SourceListing: Sendable {
    /// The files, or why the folder could not be listed.
    public let files: Result<[SourceFile], LoadError>
    /// When the listing began, nanoseconds since 1970: a file changed less than a step of the file
    /// system's clock before it may have changed again unseen.
    public let began: Int64

    /// The listing of `source`: the one begun ahead for the same folder (waited for), or one made now.
    public static func make(under source: URL) -> SourceListing {
        if let ahead = Ahead.shared.take(for: source) { return ahead.wait() }
        return list(source)
    }

    /// Begins listing `source` on a thread of its own, for the next `make(under:)` of that folder.
    /// A listing begun ahead and not taken is stopped by the next one begun.
    public static func beginAhead(under source: URL) {
        Ahead.shared.begin(for: source)
    }

    /// Stops a listing begun ahead and not taken, and waits until it has stopped, so that none is
    /// under way as the process exits (a command that failed does not wait for a whole listing).
    public static func stopAhead() {
        Ahead.shared.stop()
    }

    private static func list(_ source: URL, stop: AtomicFlag? = nil) -> SourceListing {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let began = Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
        return SourceListing(files: Result { () throws(LoadError) in try SourceFile.list(under: source, stop: stop) }, began: began)
    }

    /// The listing begun ahead, the folder it lists (as a standardized path) and what stops it.
    private final class Ahead: @unchecked Sendable {
        static let shared = Ahead()
        private let lock = NSLock()
        private var folder: String?
        private var listing: Background<SourceListing>?
        private var stopping = AtomicFlag()

        func begin(for source: URL) {
            stop()
            let flag = AtomicFlag()
            let started = Background { SourceListing.list(source, stop: flag) }
            lock.lock()
            (folder, listing, stopping) = (source.standardizedFileURL.path, started, flag)
            lock.unlock()
        }

        /// The listing begun ahead, taken, when it lists `source`.
        func take(for source: URL) -> Background<SourceListing>? {
            lock.lock()
            defer { lock.unlock() }
            guard let listing, source.standardizedFileURL.path == folder else { return nil }
            (folder, self.listing) = (nil, nil)
            return listing
        }

        /// Stops the listing begun ahead (not taken), and waits for it.
        func stop() {
            lock.lock()
            let (dropped, flag) = (listing, stopping)
            (folder, listing) = (nil, nil)
            lock.unlock()
            flag.set()
            _ = dropped?.wait()
        }
    }
}
