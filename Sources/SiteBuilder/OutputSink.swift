import Foundation

/// Where a build puts its files.
public protocol OutputSink: AnyObject, Sendable {
    /// Stores `contents` at the site-relative `path`.
    func write(_ path: String, _ contents: Data) throws
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
