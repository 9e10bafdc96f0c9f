import Foundation
import NewsLoader

/// A fingerprint of the source folder: every file the loader reads, with its stamp (size,
/// modification and change times, inode). Two scans differ exactly when a file was added, changed,
/// removed or renamed.
///
/// The folder is listed exactly as a build lists it (`SourceFile.list`: the same extensions, hidden
/// entries skipped, symbolic links neither followed nor read), so the watcher sees the files a build
/// reads and no others. Polling is portable (no inotify/FSEvents), sees changes on network and
/// container mounts, and costs one `stat` per file: tens of milliseconds for 10,000 files, so the
/// watcher spaces its scans by their cost (see `SourceWatcher`).
struct SourceTree: Equatable, Sendable {
    /// Stamps by path relative to the source folder, `/`-separated.
    var files: [String: FileStamp]

    /// Scans `root`. A missing or unreadable folder gives an empty tree (the build then reports why).
    /// An entry the build refuses (a symbolic link named as a source, a folder it cannot read) is
    /// in the tree with an empty stamp, so that its coming and going start a build, which says why,
    /// while the other files are still watched.
    static func scan(_ root: URL) -> SourceTree {
        let (listed, unlisted) = SourceFile.listForWatching(under: root)
        var files = Dictionary(listed.map { ($0.relativePath, $0.stamp) }, uniquingKeysWith: { first, _ in first })
        for path in unlisted where files[path] == nil { files[path] = FileStamp(size: 0, modified: 0, changed: 0, inode: 0) }
        return SourceTree(files: files)
    }

    /// What changed from `self` to `newer`, in path order.
    func changes(to newer: SourceTree) -> SourceChanges {
        var result = SourceChanges()
        for (path, stamp) in newer.files {
            if let old = files[path] {
                if old != stamp { result.modified.append(path) }
            } else {
                result.added.append(path)
            }
        }
        for path in files.keys where newer.files[path] == nil { result.removed.append(path) }
        // A rename keeps the inode: pair a removed path with an added one that has the old inode.
        let removedByInode = Dictionary(result.removed.compactMap { path in files[path].map { ($0.inode, path) } },
                                        uniquingKeysWith: { first, _ in first })
        for path in result.added {
            if let inode = newer.files[path]?.inode, inode != 0, let from = removedByInode[inode] {
                result.renamed.append(.init(from: from, to: path))
            }
        }
        let renamedFrom = Set(result.renamed.map(\.from)), renamedTo = Set(result.renamed.map(\.to))
        result.removed.removeAll { renamedFrom.contains($0) }
        result.added.removeAll { renamedTo.contains($0) }
        result.sort()
        return result
    }
}

/// The difference between two scans of the source folder.
public struct SourceChanges: Sendable, Equatable, CustomStringConvertible {
    /// A file that moved.
    public struct Rename: Sendable, Equatable {
        /// The old path.
        public var from: String
        /// The new path.
        public var to: String
    }

    /// New files.
    public var added: [String] = []
    /// Files whose contents (size, time or inode) changed.
    public var modified: [String] = []
    /// Files that are gone.
    public var removed: [String] = []
    /// Files that moved (same inode, new path).
    public var renamed: [Rename] = []

    /// Whether nothing changed.
    public var isEmpty: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty && renamed.isEmpty }

    mutating func sort() {
        added.sort()
        modified.sort()
        removed.sort()
        renamed.sort { $0.from < $1.from }
    }

    /// E.g. `changed a.md; added b.md; renamed c.md → d.md`.
    public var description: String {
        var parts: [String] = []
        if !modified.isEmpty { parts.append("changed " + Self.list(modified)) }
        if !added.isEmpty { parts.append("added " + Self.list(added)) }
        if !removed.isEmpty { parts.append("removed " + Self.list(removed)) }
        if !renamed.isEmpty { parts.append("renamed " + Self.list(renamed.map { "\($0.from) → \($0.to)" })) }
        return parts.joined(separator: "; ")
    }

    private static func list(_ paths: [String]) -> String {
        paths.count <= 3 ? paths.joined(separator: ", ") : paths.prefix(3).joined(separator: ", ") + " and \(paths.count - 3) more"
    }
}
