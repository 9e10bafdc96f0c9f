import Foundation

/// Where a build puts its files.
public protocol OutputSink: AnyObject, Sendable {
    /// Stores `contents` at the site-relative `path`.
    func write(_ path: String, _ contents: Data) throws

    /// Stores the bytes `utf8` (a page's UTF-8 text) at the site-relative `path`. Sinks that can
    /// write the bytes where they are (the disk) save the copy into `Data`.
    func write(_ path: String, utf8: [UInt8]) throws
}

extension OutputSink {
    /// Stores the bytes `utf8` through `write(_:_:)`.
    public func write(_ path: String, utf8: [UInt8]) throws {
        try write(path, Data(utf8))
    }
}

/// Keeps a build in memory: for tests and for the preview server.
public final class MemoryOutput: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Data] = [:]

    /// Creates an empty output.
    public init() {}

    /// Stores a file.
    public func write(_ path: String, _ contents: Data) throws {
        lock.lock()
        defer { lock.unlock() }
        files[path] = contents
    }

    /// Every file, by site-relative path.
    public var snapshot: [String: Data] {
        lock.lock()
        defer { lock.unlock() }
        return files
    }
}

/// Renders a build and keeps nothing: `build --render-to-memory` measures rendering without the
/// disk, as Hugo's `--renderToMemory` does. Counts what it is given.
public final class DiscardingOutput: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var counts = (files: 0, bytes: 0)

    /// Creates a sink.
    public init() {}

    /// Counts a file.
    public func write(_ path: String, _ contents: Data) throws {
        add(contents.count)
    }

    /// Counts a file.
    public func write(_ path: String, utf8: [UInt8]) throws {
        add(utf8.count)
    }

    private func add(_ bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        counts.files += 1
        counts.bytes += bytes
    }

    /// Files and bytes given so far.
    public var totals: (files: Int, bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }
}
