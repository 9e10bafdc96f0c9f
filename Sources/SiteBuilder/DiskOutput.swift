import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a build into a staging folder beside the output folder and swaps it in only when the
/// build is complete, so a failed or killed build leaves the previous site untouched.
public final class DiskOutput: OutputSink, @unchecked Sendable {
    /// A file every UnionPress output folder carries, so a build never replaces a folder it did not make.
    public static let markerName = ".unionpress-build"

    /// The folder the site ends up in.
    public let output: URL
    /// The folder the build writes into.
    public let staging: URL
    private let createdFolders = FolderCache()

    /// Prepares a staging folder for `output` after checking that replacing `output` is safe.
    /// - Parameters:
    ///   - output: the output folder.
    ///   - source: the source folder, which the output may neither be nor contain.
    public init(output: URL, source: URL) throws(BuildError) {
        let output = output.standardizedFileURL.resolvingSymlinksInPath()
        try Self.checkSafe(output: output, source: source.standardizedFileURL.resolvingSymlinksInPath())
        self.output = output
        let parent = output.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())")
        do {
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data("UnionPress output. This folder is replaced as a whole on every build.\n".utf8)
                .write(to: staging.appendingPathComponent(Self.markerName))
        } catch {
            throw .write(path: staging.path, reason: "cannot create the staging folder: \(error.localizedDescription)")
        }
    }

    /// Writes one file into the staging folder.
    public func write(_ path: String, _ contents: Data) throws {
        let url = staging.appendingPathComponent(path)
        let folder = url.deletingLastPathComponent()
        try createdFolders.ensure(folder)
        try contents.write(to: url)
    }

    /// Swaps the finished staging folder in for the output folder: the old site is renamed aside,
    /// the new one renamed into place, then the old one removed.
    public func commit() throws(BuildError) {
        let manager = FileManager.default
        if !manager.fileExists(atPath: output.path) {
            do { try manager.moveItem(at: staging, to: output) } catch {
                throw .write(path: output.path, reason: "cannot move the finished site into place: \(error.localizedDescription)")
            }
            return
        }
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        do {
            try manager.moveItem(at: output, to: old)
            try manager.moveItem(at: staging, to: output)
            try? manager.removeItem(at: old)
        } catch {
            throw .write(path: output.path, reason: "cannot swap the finished site into place: \(error.localizedDescription)")
        }
    }

    /// Removes the staging folder after a failed build.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    private static func checkSafe(output: URL, source: URL) throws(BuildError) {
        let path = output.path
        let home = FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.resolvingSymlinksInPath().path
        func isInside(_ child: String, _ parent: String) -> Bool {
            child == parent || child.hasPrefix(parent.hasSuffix("/") ? parent : parent + "/")
        }
        if path == "/" || path == home {
            throw .unsafeOutput(path: path, reason: "the output cannot be / or the home folder")
        }
        if isInside(source.path, path) {
            throw .unsafeOutput(path: path, reason: "the output folder is, or contains, the source folder \(source.path)")
        }
        if isInside(path, source.path) {
            throw .unsafeOutput(path: path, reason: "the output folder lies inside the source folder \(source.path)")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw .unsafeOutput(path: path, reason: "it is a file, not a folder")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if !contents.isEmpty, !contents.contains(markerName) {
            throw .unsafeOutput(path: path, reason: "the folder is not empty and was not made by UnionPress (no \(markerName)); remove it or choose another --output")
        }
    }
}

/// Creates folders once, shared by concurrent writers.
private final class FolderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var known = Set<String>()

    /// Creates `folder` unless this build has already made it.
    func ensure(_ folder: URL) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !known.contains(folder.path) else { return }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        known.insert(folder.path)
    }
}
