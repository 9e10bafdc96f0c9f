import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NewsModel

/// The output check of a run of records whose stamps are not all as recorded, by what the files and
/// folders hold: each file whose stamp changed read and fingerprinted against its record's content
/// hash, and each folder the run reaches listed against the names the records put in it.
///
/// An output copied with `cp -a` or restored from an archive (as a CI cache is) has every file
/// under a new inode; its bytes are the ones the state records. Checked so, it is updated in place
/// like any other, and the new stamps are recorded for the next build. Every folder is listed, not
/// only those whose time changed: a copy sets each folder's time back to the original's, whatever
/// the folder it was copied into held before. A file or folder changed in what it holds fails.
struct OutputContentCheck {
    /// The output folder, open (not closed here).
    let root: Int32
    /// The records and folders the run's positions are among.
    let recorded: RecordedOutputs
    /// The names each folder holds as the records have it (see `RecordedOutputs.namesByFolder()`).
    let names: () -> [[UInt8]: Set<[UInt8]>]

    /// The new stamps of the records at `positions` (and of the folders they lie in, from
    /// `firstFolder` on), when each file holds the bytes its record gives and each folder the names
    /// the records put in it; `nil` when any does not.
    func restamps(of positions: Range<Int>, firstFolder: Int) -> OutputRestamps? {
        var restamps = OutputRestamps()
        var info = stat()
        var lookup = TopFolderLookup(root: root)
        var (next, position) = (firstFolder, positions.lowerBound)
        let intact = recorded.allEntries(in: positions) { entry in
            defer { position += 1 }
            while next < recorded.folderCount {
                let folder = recorded.folderPath(next)
                guard RecordedOutputs.isFolder(folder, above: entry.path) else { break }
                // The time first: an entry added after the listing changes it again.
                guard lookup.status(of: folder, into: &info), info.st_mode & S_IFMT == S_IFDIR,
                      let listed = Self.names(in: folder, under: root), listed == names()[Array(folder)] else { return false }
                let modified = DiskOutput.modified(info)
                if modified != recorded.folderModified(next) { restamps.setFolder(next, modified: modified) }
                next += 1
            }
            guard lookup.status(of: entry.path, into: &info), info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == entry.size else {
                return false
            }
            let (modified, inode) = (DiskOutput.modified(info), UInt64(info.st_ino))
            if modified != entry.modified || inode != entry.inode {
                guard Self.contentHash(of: entry.path, as: info, under: root) == entry.contentHash else { return false }
                restamps.setFile(position, modified: modified, inode: inode)
            }
            return true
        }
        return intact ? restamps : nil
    }

    /// `path` (site-relative UTF-8) with a zero after it, for the system.
    private static func cString(_ path: UnsafeBufferPointer<UInt8>) -> [CChar] {
        path.map { CChar(bitPattern: $0) } + [0]
    }

    /// The names in the folder at site-relative `path` under `root`, as bytes (two names the same
    /// to Unicode but not in their bytes are two names); `nil` when it cannot be listed.
    static func names(in path: UnsafeBufferPointer<UInt8>, under root: Int32) -> Set<[UInt8]>? {
        let descriptor = openat(root, cString(path), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return nil
        }
        defer { closedir(directory) }
        var names = Set<[UInt8]>()
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name != [UInt8(ascii: ".")], name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.insert(name) }
        }
        return names
    }

    /// The fingerprint of the bytes of the file at site-relative `path` under `root`, when the file
    /// opened is the regular file `status` describes (inode, size, time: the file looked up, not
    /// one put in its place since); `nil` when it cannot be read or is another.
    static func contentHash(of path: UnsafeBufferPointer<UInt8>, as status: stat, under root: Int32) -> UInt64? {
        // Not blocking: a pipe put in the file's place since would wait for a writer.
        let descriptor = openat(root, cString(path), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG, opened.st_ino == status.st_ino,
              opened.st_size == status.st_size, DiskOutput.modified(opened) == DiskOutput.modified(status) else { return nil }
        // A piece at a time: a copied film is checked without being held whole.
        return try? FilePieces.stream(descriptor, size: Int(status.st_size)) { _ in }.contentHash
    }
}
