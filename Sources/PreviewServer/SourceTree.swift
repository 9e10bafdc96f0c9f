import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fingerprint of the source folder: every file the loader reads, with size, modification time
/// and inode. Two scans differ exactly when a file was added, changed, removed or renamed.
///
/// Polling a fingerprint is portable (no inotify/FSEvents), sees changes on network and container
/// mounts, and costs one `stat` per file: tens of milliseconds for 10,000 files, so the watcher
/// spaces its scans by their cost (see `SourceWatcher`).
struct SourceTree: Equatable, Sendable {
    /// What identifies one version of a file.
    struct Stamp: Equatable, Sendable {
        var size: Int64
        /// Nanoseconds since 1970.
        var modified: Int64
        var inode: UInt64
    }

    /// Stamps by path relative to the source folder, `/`-separated.
    var files: [String: Stamp]

    /// Extensions the loader reads (page dumps, Markdown, sidecars); other files cannot change the site.
    static let watchedExtensions: Set<String> = ["txt", "md", "markdown", "yml", "yaml"]
    /// Folder depth and file count a scan stops at, so a symlink loop or a wrong `--source` cannot hang it.
    static let maximumDepth = 32
    static let maximumFiles = 500_000

    /// Scans `root`. A missing or unreadable folder gives an empty tree (the build then reports why).
    ///
    /// Walks with `openat`/`fstatat` relative to each folder's descriptor: no full path is built per
    /// file, and a symlinked folder is never entered (`O_NOFOLLOW`), so a link loop cannot trap it.
    static func scan(_ root: URL) -> SourceTree {
        var files: [String: Stamp] = [:]
        let rootDescriptor = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else { return SourceTree(files: files) }
        var pending: [(descriptor: Int32, relative: String, depth: Int)] = [(rootDescriptor, "", 0)]
        while let folder = pending.popLast() {
            guard files.count < maximumFiles, let directory = fdopendir(folder.descriptor) else {
                close(folder.descriptor)
                continue
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<(bytes.firstIndex(of: 0) ?? bytes.count)]), as: UTF8.self)
                }
                guard !name.hasPrefix("."), let info = status(name, in: folder.descriptor) else { continue }
                let relative = folder.relative.isEmpty ? name : folder.relative + "/" + name
                if info.isDirectory {
                    guard folder.depth + 1 < maximumDepth else { continue }
                    let child = openat(folder.descriptor, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                    if child >= 0 { pending.append((child, relative, folder.depth + 1)) }
                } else if info.isRegular, watchedExtensions.contains(extensionOf(name)) {
                    files[relative] = info.stamp
                }
            }
        }
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

    private static func extensionOf(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    private struct Status {
        var isDirectory: Bool
        var isRegular: Bool
        var stamp: Stamp
    }

    /// `fstatat` without following links, then following a link only when it leads to a file.
    private static func status(_ name: String, in folder: Int32) -> Status? {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard fstatat(folder, name, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        }
        let kind = info.st_mode & S_IFMT
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return Status(isDirectory: kind == S_IFDIR, isRegular: kind == S_IFREG,
                      stamp: Stamp(size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino)))
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
