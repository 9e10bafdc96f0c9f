import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NewsModel

/// What says whether a file changed since it was last read: its size, times and identity.
public struct FileStamp: Sendable, Hashable {
    /// Size in bytes.
    public var size: UInt64
    /// Last modification, nanoseconds since 1970.
    public var modified: Int64
    /// Last status change (a write, a rename, a `touch`), nanoseconds since 1970; tools that keep a
    /// file's modification time (`cp -p`, `rsync -t`) cannot keep this one.
    public var changed: Int64
    /// The file's inode number.
    public var inode: UInt64

    /// Creates a stamp.
    public init(size: UInt64, modified: Int64, changed: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }

    /// The stamp of the file described by `info`.
    public init(_ info: stat) {
        #if canImport(Darwin)
        let modified = info.st_mtimespec, changed = info.st_ctimespec
        #else
        let modified = info.st_mtim, changed = info.st_ctim
        #endif
        self.init(size: UInt64(info.st_size), modified: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec),
                  changed: Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec), inode: UInt64(info.st_ino))
    }

    /// The stamp of the file at `path`, not following a final symbolic link; `nil` when there is none.
    public static func of(path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }
}

/// One source file under the source folder.
public struct SourceFile: Sendable, Hashable {
    /// What a source file holds, by its extension.
    public enum Kind: Sendable, Hashable {
        /// A page dump (`*.txt`).
        case pageDump
        /// A Markdown article (`*.md`, `*.markdown`).
        case markdown
        /// A sidecar or the site settings (`*.yml`, `*.yaml`).
        case sidecar
        /// A picture or document the site carries as it is, under `media/` (`MediaPath.extensions`).
        case media

        /// Whether files of this kind are read together as the page group (page dumps, sidecars,
        /// the settings), not one by one (Markdown) nor copied (media).
        public var isReadWithPages: Bool { self == .pageDump || self == .sidecar }
    }

    /// The absolute path of the source folder the file was listed under (one string shared by
    /// every file listed from it).
    public var root: String
    /// Path relative to the source folder, `/`-separated.
    public var relativePath: String
    /// What the file holds.
    public var kind: Kind
    /// Size, times and identity when the folder was listed.
    public var stamp: FileStamp

    /// The file's absolute path, made when asked for: a build reads only the files that changed,
    /// and a listing of every file's path was a tenth of the time it takes to list the sources.
    public var path: String { .concatenating(root, "/", relativePath) }
    /// The file's absolute URL.
    public var url: URL { URL(fileURLWithPath: path, isDirectory: false) }

    /// Creates a record of the file at `relativePath` under the source folder `root`.
    public init(root: String, relativePath: String, kind: Kind, stamp: FileStamp) {
        self.root = root
        self.relativePath = relativePath
        self.kind = kind
        self.stamp = stamp
    }
}

extension SourceFile {
    /// Whether relative path `left` comes before `right` in the order `list(under:)` gives: that of
    /// their UTF-8 bytes.
    public static func pathPrecedes(_ left: String, _ right: String) -> Bool {
        let order = left.utf8.withContiguousStorageIfAvailable { leftBytes in
            right.utf8.withContiguousStorageIfAvailable { rightBytes in
                let common = min(leftBytes.count, rightBytes.count)
                let order = common == 0 ? 0 : memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, common)
                return order != 0 ? order < 0 : leftBytes.count < rightBytes.count
            }
        }
        // Text not stored as UTF-8 (bridged): compared byte by byte.
        return (order ?? nil) ?? left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// The source files under `source`, in path order (bytes of the relative path), with their stamps.
    /// - Throws: `LoadError` when the folder cannot be listed.
    public static func list(under source: URL) throws(LoadError) -> [SourceFile] {
        try list(under: source, stop: nil)
    }

    /// `list(under:)` for a watcher of the folder: the sources that can be listed, and the
    /// relative paths of the entries `list(under:)` would refuse (see `SourceScanner.Unlisted`), so
    /// that a change of the others is still seen while one of those is there, and its coming or
    /// going too; empty when the folder itself cannot be listed.
    public static func listForWatching(under source: URL) -> (files: [SourceFile], unlisted: [String]) {
        guard let scanned = try? SourceScanner.scan(under: source) else { return ([], []) }
        return (scanned.files, scanned.unlisted.map(\.file))
    }

    /// `list(under:)`, given up (with an incomplete list) once `stop` is set.
    static func list(under source: URL, stop: AtomicFlag?) throws(LoadError) -> [SourceFile] {
        do {
            return try SourceScanner.files(under: source, stop: stop)
        } catch CocoaError.fileReadNoSuchFile {
            throw LoadError(diagnostics: [.noSuchFolder(source.path)])
        } catch let problems as SourceScanner.Unlisted {
            throw LoadError(diagnostics: problems.diagnostics)
        } catch {
            throw LoadError(diagnostics: [LoadDiagnostic(.error, file: source.path, line: nil, step: "read", message: "cannot list the source folder: \(error.localizedDescription)")])
        }
    }
}

/// Lists the source files under a folder, recursively, in a stable order.
enum SourceScanner {
    /// What a source file holds, by its extension.
    typealias Kind = SourceFile.Kind

    /// The kind of a file whose name is the UTF-8 `name` (by its extension, in any case), or `nil`
    /// when it is not a source.
    static func kind(ofUTF8 name: UnsafeBufferPointer<UInt8>) -> Kind? {
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != 0 else { return nil }
        let suffix = UnsafeBufferPointer(rebasing: name[(dot + 1)...])
        guard suffix.count <= 8 else { return nil }
        // ASCII letters in lower case; any other byte stays as it is and matches no extension.
        func lowered(_ text: StaticString) -> Bool {
            guard text.utf8CodeUnitCount == suffix.count else { return false }
            for (byte, expected) in zip(suffix, UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) {
                let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                if folded != expected { return false }
            }
            return true
        }
        if lowered("txt") { return .pageDump }
        if lowered("md") || lowered("markdown") { return .markdown }
        if lowered("yml") || lowered("yaml") { return .sidecar }
        for media in MediaPath.extensions where lowered(media) { return .media }
        return nil
    }

    /// Entries of the source folder that would be sources but cannot be listed as such: the
    /// listing names them all rather than leave their articles out unsaid.
    struct Unlisted: Error {
        /// One error for each, by relative path.
        var diagnostics: [LoadDiagnostic]
    }

    /// Source files under `root`, sorted by relative path (byte order), hidden files and folders
    /// skipped; symbolic links are neither followed nor read.
    ///
    /// Lists folders with `readdir` and reads stamps with `fstatat`, one call per entry, so a folder
    /// of a million articles is listed in about a second.
    /// - Throws: `Unlisted`, after listing all it can, for each folder that cannot be read, each
    ///   name that is not UTF-8 (of a folder or a source), each file whose status cannot be read,
    ///   and each symbolic link named as a source or leading to a folder.
    static func files(under root: URL, stop: AtomicFlag? = nil) throws -> [SourceFile] {
        let scanned = try scan(under: root, stop: stop)
        if !scanned.unlisted.isEmpty, stop?.isSet != true { throw Unlisted(diagnostics: scanned.unlisted) }
        return scanned.files
    }

    /// `files(under:stop:)`, with the entries it would refuse given beside the files, in path order.
    /// Unless `readsEntryKinds`, every entry's kind is taken from its status, as on a file system
    /// whose folders do not give it (`DT_UNKNOWN`): the listing is the same either way.
    static func scan(under root: URL, stop: AtomicFlag? = nil, readsEntryKinds: Bool = true) throws -> (files: [SourceFile], unlisted: [LoadDiagnostic]) {
        let rootPath = root.standardizedFileURL.path
        var info = stat()
        // A missing source folder is an error, not an empty site: a mistyped `--source` would
        // otherwise replace the whole output with an empty portal.
        guard stat(rootPath, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { throw CocoaError(.fileReadNoSuchFile) }
        var files: [SourceFile] = []
        var unlisted: [LoadDiagnostic] = []
        func unlist(_ path: String, _ message: String) {
            unlisted.append(LoadDiagnostic(.error, file: path, line: nil, step: "read", message: message))
        }
        var pending: [String] = [""]
        while let relativeFolder = pending.popLast() {
            let folderPath = relativeFolder.isEmpty ? rootPath : rootPath + "/" + relativeFolder
            guard let folder = opendir(folderPath) else {
                let error = errno
                // The folder is there (checked above) but cannot be read: say why, not "no such folder".
                if relativeFolder.isEmpty { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO) }
                unlist(relativeFolder, "cannot read the folder: \(String(cString: strerror(error)))")
                continue
            }
            defer { closedir(folder) }
            let folderDescriptor = dirfd(folder)
            var read = 0
            while let entry = readdir(folder) {
                // Asked every 256 entries (each ask takes a lock) whether to give up.
                read += 1
                if read & 255 == 0, stop?.isSet == true { return (files, unlisted) }
                // The kind is read from the name's bytes, and a string made only for a source or a folder.
                let (hidden, nameKind) = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { characters in
                        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(characters).assumingMemoryBound(to: UInt8.self),
                                                        count: strlen(characters))
                        return (bytes.first == UInt8(ascii: "."), kind(ofUTF8: bytes))
                    }
                }
                guard !hidden else { continue }
                let type = readsEntryKinds ? entry.pointee.d_type : UInt8(DT_UNKNOWN)
                /// A link named as no source matters only if it leads to a folder.
                func passOverLink() {
                    let toFolder = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                        pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { name in
                            fstatat(folderDescriptor, name, &info, 0) == 0 && info.st_mode & S_IFMT == S_IFDIR
                        }
                    }
                    if toFolder {
                        unlist(displayPath(in: relativeFolder, entry: entry),
                               "a symbolic link to a folder: links in the source folder are not followed (move or copy the folder in)")
                    }
                }
                if type == UInt8(DT_LNK), nameKind == nil {
                    passOverLink()
                    continue
                }
                guard type == UInt8(DT_DIR) || nameKind != nil || type == UInt8(DT_UNKNOWN) else { continue }
                // The path made from the name's own bytes at once; the status read of all but a folder.
                let isFolder = type == UInt8(DT_DIR)
                let (relative, found) = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { name in
                        (relativePath(in: relativeFolder, name: name), isFolder || fstatat(folderDescriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0)
                    }
                }
                let statusError = found ? 0 : errno
                if found, !isFolder, nameKind == nil, info.st_mode & S_IFMT == S_IFLNK {
                    // An entry of unknown kind found to be a link by its status.
                    passOverLink()
                    continue
                }
                // A name that is not UTF-8 makes no path that could be read back.
                guard let relative else {
                    if found, isFolder || nameKind != nil || info.st_mode & S_IFMT == S_IFDIR {
                        unlist(displayPath(in: relativeFolder, entry: entry), "the name is not UTF-8 text: rename it")
                    }
                    continue
                }
                guard found else {
                    // Gone since the folder was read: not a source any more.
                    if statusError != ENOENT { unlist(relative, "cannot read the file's status: \(String(cString: strerror(statusError)))") }
                    continue
                }
                if isFolder || info.st_mode & S_IFMT == S_IFDIR {
                    pending.append(relative)
                    continue
                }
                guard let kind = nameKind else { continue }
                if info.st_mode & S_IFMT == S_IFLNK {
                    unlist(relative, "a symbolic link: links in the source folder are not followed (move or copy the file in)")
                    continue
                }
                guard info.st_mode & S_IFMT == S_IFREG else { continue }
                files.append(SourceFile(root: rootPath, relativePath: relative, kind: kind, stamp: FileStamp(info)))
            }
        }
        unlisted.sort { SourceFile.pathPrecedes($0.file, $1.file) }
        // Positions are sorted, not the records (which would be copied at every move); then each
        // record is moved to its place, an empty one left behind (a copy would retain both paths).
        let empty = SourceFile(root: "", relativePath: "", kind: .markdown, stamp: FileStamp(size: 0, modified: 0, changed: 0, inode: 0))
        let sorted = pathOrder(files.map(\.relativePath)).map { position in
            var record = empty
            swap(&record, &files[position])
            return record
        }
        return (sorted, unlisted)
    }

    /// The relative path of `entry` in `folder` for a diagnostic: its name's bytes that are not
    /// UTF-8, and control characters, written as `\xNN`.
    static func displayPath(in folder: String, entry: UnsafeMutablePointer<dirent>) -> String {
        let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
            pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { characters in
                LoadDiagnostic.printable(UnsafeBufferPointer(start: UnsafeRawPointer(characters).assumingMemoryBound(to: UInt8.self),
                                                             count: strlen(characters)))
            }
        }
        return folder.isEmpty ? name : folder + "/" + name
    }

    /// The path of the entry `name` (a C string) in the folder at `folder` (relative, empty for the
    /// source folder itself), made in one allocation; `nil` when the name is not UTF-8.
    static func relativePath(in folder: String, name: UnsafePointer<CChar>) -> String? {
        let nameBytes = UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name))
        let prefix = folder.isEmpty ? 0 : folder.utf8.count + 1
        let path = String(unsafeUninitializedCapacity: prefix + nameBytes.count) { buffer in
            if prefix > 0 {
                folder.withUTF8InPlace { buffer.baseAddress!.initialize(from: $0.baseAddress!, count: $0.count) }
                buffer[prefix - 1] = UInt8(ascii: "/")
            }
            if let start = nameBytes.baseAddress, !nameBytes.isEmpty {
                (buffer.baseAddress! + prefix).initialize(from: start, count: nameBytes.count)
            }
            return prefix + nameBytes.count
        }
        // Bytes that are not UTF-8 were replaced as the string was made, which makes it longer.
        return path.utf8.count == prefix + nameBytes.count ? path : nil
    }

    /// The positions of `paths` in the order of their UTF-8 bytes (as `SourceFile.pathPrecedes`).
    ///
    /// The paths of a source folder mostly share long beginnings (`articles/0`), so comparing
    /// whole paths would compare those again each time. Instead each path's eight bytes after what
    /// all share are read once, as a number whose order is theirs, and the paths are sorted by it;
    /// the paths of each run of equal numbers are then sorted the same way by their next eight
    /// bytes, and so on. (Sorted by whole paths where their first eight bytes tied, as a folder
    /// beside a file at the top makes every `articles/…` path tie, 10,000 paths took 26 million
    /// instructions; this way, about eight.)
    static func pathOrder(_ paths: [String]) -> [Int] {
        guard var first = paths.first else { return [] }
        var shared = first.utf8.count
        first.withUTF8 { firstBytes in
            for var path in paths.dropFirst() where shared > 0 {
                path.withUTF8 { bytes in
                    var same = 0
                    while same < min(shared, bytes.count), bytes[same] == firstBytes[same] { same += 1 }
                    shared = same
                }
            }
        }
        var order = Array(paths.indices)
        // Runs of `order` still to sort, each with the offset of the bytes that decide it.
        var runs: [(range: Range<Int>, offset: Int)] = [(order.indices, shared)]
        var keyed: [(key: UInt64, position: Int)] = []
        while let (range, offset) = runs.popLast() {
            keyed.removeAll(keepingCapacity: true)
            for position in order[range] { keyed.append((key: window(of: paths[position], at: offset), position: position)) }
            keyed.sort { $0.key < $1.key }
            var runStart = 0
            for index in keyed.indices {
                order[range.lowerBound + index] = keyed[index].position
                let key = keyed[index].key
                guard index + 1 == keyed.count || keyed[index + 1].key != key else { continue }
                // Paths that tie on eight bytes going on past them (no padding: the last byte is
                // not zero) are sorted by the eight after; ties that end within them are the same path.
                if index > runStart, key & 0xFF != 0 {
                    runs.append(((range.lowerBound + runStart)..<(range.lowerBound + index + 1), offset + 8))
                }
                runStart = index + 1
            }
        }
        return order
    }

    /// The eight bytes of `path` from `offset` on as a big-endian number, padded with zeros (which
    /// no path holds) where the path ends first: numbers that order as the bytes do.
    private static func window(of path: String, at offset: Int) -> UInt64 {
        func window(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var key: UInt64 = 0
            for index in offset..<(offset + 8) { key = key << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
            return key
        }
        // Read in place (a listed path is native UTF-8), not through a copy of the string.
        return path.utf8.withContiguousStorageIfAvailable(window) ?? Array(path.utf8).withUnsafeBufferPointer(window)
    }
}
