import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NewsModel

/// The output check of a run of records whose stamps are not all as recorded, by what the files and
/// folders hold: each file whose stamp changed read and fingerprinted against its record's content
/// hash, each folder whose time changed listed against the names the records put in it.
///
/// An output copied with `cp -a` or restored from an archive (as a CI cache is) has every file
/// under a new inode, and its folders' times cut to the second by some archivers; its bytes are
/// the ones the state records. Checked so, it is updated in place like any other, and the new
/// stamps are recorded for the next build. A file or folder changed in what it holds still fails.
struct OutputContentCheck {
    /// The output folder, open (not closed here).
    let root: Int32
    let recorded: RecordedOutputs
    /// The names each folder holds as the records have it (see `RecordedOutputs.namesByFolder()`).
    let names: () -> [String: Set<String>]

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
                guard lookup.status(of: folder, into: &info), info.st_mode & S_IFMT == S_IFDIR else { return false }
                let modified = DiskOutput.modified(info)
                if modified != recorded.folderModified(next) {
                    let path = String(decoding: folder, as: UTF8.self)
                    guard let listed = Self.names(in: path, under: root), listed == names()[path] else { return false }
                    restamps.setFolder(next, modified: modified)
                }
                next += 1
            }
            guard lookup.status(of: entry.path, into: &info), info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == entry.size else {
                return false
            }
            let (modified, inode) = (DiskOutput.modified(info), UInt64(info.st_ino))
            if modified != entry.modified || inode != entry.inode {
                // The stamp first: bytes written after the read change it again.
                guard Self.contentHash(of: String(decoding: entry.path, as: UTF8.self), size: entry.size, under: root) == entry.contentHash else {
                    return false
                }
                restamps.setFile(position, modified: modified, inode: inode)
            }
            return true
        }
        return intact ? restamps : nil
    }

    /// The names in the folder at site-relative `path` under `root`; `nil` when it cannot be listed.
    static func names(in path: String, under root: Int32) -> Set<String>? {
        let descriptor = openat(root, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return nil
        }
        defer { closedir(directory) }
        var names = Set<String>()
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != ".", name != ".." { names.insert(name) }
        }
        return names
    }

    /// The fingerprint of the bytes of the file at site-relative `path` under `root`, when it holds
    /// exactly `size` of them; `nil` when it cannot be read or holds another number.
    static func contentHash(of path: String, size: Int, under root: Int32) -> UInt64? {
        let descriptor = openat(root, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // One byte more than expected, to tell a file that grew.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size + 1, alignment: 16)
        defer { buffer.deallocate() }
        var count = 0
        while count <= size {
            let got = read(descriptor, buffer.baseAddress! + count, size + 1 - count)
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            count += got
        }
        guard count == size else { return nil }
        return Fingerprint.of(bytes: UnsafeRawBufferPointer(rebasing: buffer[..<size]))
    }
}
