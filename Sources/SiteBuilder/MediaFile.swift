import Foundation
import NewsLoader
import NewsModel

/// A media file of the source folder (`MediaPath`), which the site carries as it is.
struct MediaFile: Sendable {
    /// The file as listed.
    var file: SourceFile
    /// Its stamp as the build keeps it (spoilt when the file changed too recently to trust: see
    /// `Site.load`), from which its copy's fingerprint is made.
    var stamp: FileStamp

    /// The copy's path in the site.
    var sitePath: String { MediaPath.folder + file.relativePath }

    /// The fingerprint of the copy: the file's path and stamp. A file with the same stamp is
    /// taken to hold the same bytes (as a source is); one with a new stamp is read, and written
    /// only when its bytes changed.
    var fingerprint: UInt64 {
        var fingerprint = Fingerprint(seed: 0x4D45_4449)
        fingerprint.combine(file.relativePath)
        fingerprint.combine(Int(truncatingIfNeeded: stamp.size))
        fingerprint.combine(Int(stamp.modified))
        fingerprint.combine(Int(stamp.changed))
        fingerprint.combine(Int(truncatingIfNeeded: stamp.inode))
        return fingerprint.value
    }
}

extension MediaFile {
    /// Whether a copy of one of `media` would be where `previous` (the records of the output) has
    /// a copy as a folder, or the other way round: a source folder's picture replaced by a folder
    /// of the same name (`p.png/`), the only site paths that can change so (every page's path has
    /// a form of its own).
    static func changesShape(_ media: [MediaFile], from previous: [OutputRecord]) -> Bool {
        let old = previous.lazy.filter { $0.group == .media }.map(\.path)
        guard !media.isEmpty, !old.isEmpty else { return false }
        let (oldPaths, newPaths) = (Set(old), Set(media.map(\.sitePath)))
        /// Whether a folder `path` lies in is one of `files`.
        func liesUnder(_ path: String, _ files: Set<String>) -> Bool {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if files.contains(String(folder)) { return true }
            }
            return false
        }
        return newPaths.contains { liesUnder($0, oldPaths) } || oldPaths.contains { liesUnder($0, newPaths) }
    }
}

/// The media of an output that a whole build replaces, which the output check found as the build that
/// wrote them recorded them: a medium whose source has the stamp recorded is carried over from
/// there (`OutputSink.carryOver`) rather than read and copied.
struct MediaToCarry: Sendable {
    /// The old output's records.
    let records: PreviousOutputs
    /// The old output folder's path.
    let root: String
}

extension RenderEngine {
    /// Copies the media files into `sink`, each on a core and a piece at a time: a file whose copy
    /// `previous` records from the same stamp is left as it is, unread; one of a new stamp but the
    /// same size is read first, and not copied again when its bytes are the same; in a whole build,
    /// one whose copy `carried` records from the same stamp is carried over from the old output.
    /// Returns their records, in path order.
    func copyMedia(into sink: any OutputSink, previous: PreviousOutputs?, carried: MediaToCarry? = nil) throws -> [OutputRecord] {
        let copies = Slots<OutputRecord>(count: media.count)
        try Parallel.forEach(media.count, chunk: 1) { index in
            let medium = media[index]
            let (path, fingerprint) = (medium.sitePath, medium.fingerprint)
            let old = previous?[path].flatMap { $0.group == .media ? $0 : nil }
            if let old, old.fingerprint == fingerprint {
                copies.set(index, old)
                return
            }
            if let carried, let kept = carried.records[path], kept.group == .media, kept.fingerprint == fingerprint,
               try sink.carryOver(path, from: carried.root + "/" + path) {
                // Its stamp is the sink's to give, as a copy's is.
                copies.set(index, OutputRecord(path: path, group: .media, fingerprint: fingerprint, contentHash: kept.contentHash,
                                               size: kept.size, modified: 0, inode: 0))
                return
            }
            do {
                if let old, old.size == Int(truncatingIfNeeded: medium.stamp.size) {
                    let read = try FilePieces.stream(medium.file.url) { _ in }
                    if let kept = Self.unchanged(old, hash: read.contentHash, size: read.size, group: .media, fingerprint: fingerprint) {
                        copies.set(index, kept)
                        return
                    }
                }
                let copied = try sink.copy(path, from: medium.file.url)
                copies.set(index, OutputRecord(path: path, group: .media, fingerprint: fingerprint, contentHash: copied.contentHash,
                                               size: copied.size, modified: 0, inode: 0))
            } catch let failure as FilePieces.ReadError {
                throw BuildError.load(LoadError(diagnostics: [LoadDiagnostic(
                    .error, file: medium.file.relativePath, line: nil, step: "read", message: "cannot read the file: \(failure)")]))
            }
        }
        return (0..<media.count).map { copies.value($0) }
    }
}
