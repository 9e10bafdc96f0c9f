import Foundation

/// Where a build puts its files.
public protocol OutputSink: AnyObject, Sendable {
    /// Stores `contents` at the site-relative `path`.
    func write(_ path: String, _ contents: Data) throws

    /// Stores the bytes `utf8` (a page's UTF-8 text) at the site-relative `path`. Sinks that can
    /// write the bytes where they are (the disk) save the copy into `Data`.
    func write(_ path: String, utf8: [UInt8]) throws

    /// Stores a copy of the file at `source` (a media file) at the site-relative `path`, reading it a
    /// piece at a time; sinks that can write each piece as it comes (the disk) never hold it whole.
    /// - Returns: the fingerprint of the bytes copied (`Fingerprint.of(bytes:)`) and their count.
    /// - Throws: `FilePieces.ReadError` when the file cannot be read; what storing throws.
    func copy(_ path: String, from source: URL) throws -> (contentHash: UInt64, size: Int)

    /// Stores at the site-relative `path` the very file at `existing` (a medium of the output the
    /// build replaces, found as its build recorded it), without reading it, where the sink can;
    /// false where it cannot (the caller copies the medium instead).
    func carryOver(_ path: String, from existing: String) throws -> Bool
}

extension OutputSink {
    /// Stores the bytes `utf8` through `write(_:_:)`.
    public func write(_ path: String, utf8: [UInt8]) throws {
        try write(path, Data(utf8))
    }

    /// Reads the file whole and stores it through `write(_:_:)`.
    public func copy(_ path: String, from source: URL) throws -> (contentHash: UInt64, size: Int) {
        try copyWhole(path, from: source)
    }

    /// Carries nothing over: the medium is copied.
    public func carryOver(_ path: String, from existing: String) throws -> Bool { false }

    /// Reads the file at `source` whole and stores it at `path` through `write(_:_:)`.
    func copyWhole(_ path: String, from source: URL) throws -> (contentHash: UInt64, size: Int) {
        var bytes = Data()
        let copied = try FilePieces.stream(source) { bytes.append(contentsOf: $0) }
        try write(path, bytes)
        return copied
    }
}

/// Keeps a build in memory: for tests and for the preview server.
public final class MemoryOutput: OutputSink, @unchecked Sendable {
    /// A copy kept as the file it is a copy of (see `init(copiesByReference:)`).
    public struct Reference: Sendable, Equatable {
        /// The file copied.
        public var source: URL
        /// The fingerprint of its bytes when they were read (`Fingerprint.of(bytes:)`).
        public var contentHash: UInt64
    }

    private let lock = NSLock()
    private var files: [String: Data] = [:]
    private let copiesByReference: Bool
    private var copies: [String: Reference] = [:]

    /// Creates an empty output.
    /// - Parameter copiesByReference: keep each copy of a media file as a reference to the file
    ///   (`references`), read only to fingerprint it, rather than its bytes: the preview sends
    ///   pictures and films from the source folder, and holds none of them.
    public init(copiesByReference: Bool = false) {
        self.copiesByReference = copiesByReference
    }

    /// Keeps the copy's bytes, or a reference to `source` (see `init(copiesByReference:)`).
    public func copy(_ path: String, from source: URL) throws -> (contentHash: UInt64, size: Int) {
        guard copiesByReference else { return try copyWhole(path, from: source) }
        let copied = try FilePieces.stream(source) { _ in }
        lock.lock()
        defer { lock.unlock() }
        copies[path] = Reference(source: source, contentHash: copied.contentHash)
        return copied
    }

    /// The copies kept as references, by site-relative path (none unless `copiesByReference`).
    public var references: [String: Reference] {
        lock.lock()
        defer { lock.unlock() }
        return copies
    }

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

    /// Reads a file a piece at a time and counts it.
    public func copy(_ path: String, from source: URL) throws -> (contentHash: UInt64, size: Int) {
        let copied = try FilePieces.stream(source) { _ in }
        add(copied.size)
        return copied
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
