import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files and folders a build state records of its output, as the state file holds them: the
/// number of outputs, each output's record, the number of folders, each folder's path and time.
///
/// A rebuild checks the output against these before it knows whether anything changed, and one
/// that finds nothing changed needs nothing else of them. So they are read where they lie, each
/// path as bytes: making a record and a string of each of the 42,600 files and folders of a
/// 10,000-story site was most of what reading the state cost such a rebuild. A rebuild that changes
/// something decodes them (`decoded()`), while it decodes the rest of the state.
struct RecordedOutputs: Sendable {
    /// One output's record, its path read where it lies (valid while the `RecordedOutputs` it was
    /// read from is in use).
    struct Entry {
        var path: UnsafeBufferPointer<UInt8>
        var group: OutputRecord.Group
        var fingerprint: UInt64
        var contentHash: UInt64
        var size: Int
        var modified: Int64
        var inode: UInt64
    }

    /// Where a folder's path lies among the bytes, and the folder's time.
    private struct FolderEntry {
        var pathStart: Int
        var pathLength: Int
        var modified: Int64
    }

    /// The section of the state file, from the number of outputs to the last folder.
    private let bytes: StateBytes
    /// Where each output's record begins among `bytes`, and where the last one ends.
    private let recordStarts: [Int]
    private let recordsEnd: Int
    private let folderEntries: [FolderEntry]
    /// Where each folder's entry begins among `bytes`.
    private let folderStarts: [Int]
    /// For each output, the position among the folders of the first one a walk of the outputs in
    /// their order has not reached before it (see `folderPositions(every:)`).
    private let firstFolderUnreached: [Int32]
    /// Whether that walk reaches every folder, each in its turn.
    private let foldersInWalkOrder: Bool
    /// The first part of every output's path.
    private let topNames: Set<String>

    /// How many outputs are recorded.
    var outputCount: Int { recordStarts.count }
    /// How many folders are recorded.
    var folderCount: Int { folderEntries.count }

    /// Reads the section at `reader`'s position (checking that every record in it reads), and
    /// leaves the reader after it.
    init(reading reader: inout StateReader) throws(StateReader.Corrupt) {
        let start = reader.position
        let count = try reader.count()
        var starts: [Int] = []
        starts.reserveCapacity(count)
        for _ in 0..<count {
            starts.append(reader.position - start)
            _ = try Self.readEntry(&reader)
        }
        let recordsEnd = reader.position - start
        let folderCount = try reader.count()
        var folders: [FolderEntry] = []
        var folderStarts: [Int] = []
        folders.reserveCapacity(folderCount)
        folderStarts.reserveCapacity(folderCount)
        for _ in 0..<folderCount {
            folderStarts.append(reader.position - start)
            let path = try reader.stringBytes()
            folders.append(FolderEntry(pathStart: reader.position - start - path.count, pathLength: path.count, modified: try reader.int64()))
        }
        let section = reader.bytes(since: start)
        bytes = section
        recordStarts = starts
        self.recordsEnd = recordsEnd
        folderEntries = folders
        self.folderStarts = folderStarts
        // The outputs walked once more, by their paths alone: the folders each reaches first, and
        // their first parts (they come a folder at a time: each path is only checked to begin with
        // the last part found).
        func folderPath(_ index: Int) -> UnsafeBufferPointer<UInt8> { Self.path(of: folders[index], in: section) }
        var unreached: [Int32] = []
        unreached.reserveCapacity(count)
        var next = 0
        var tops = Set<String>()
        var last = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for recordStart in starts {
            let path = Self.path(inRecordAt: recordStart, of: section)
            unreached.append(Int32(next))
            while next < folders.count, Self.isFolder(folderPath(next), above: path) { next += 1 }
            if !Self.isFolder(last, above: path) {
                let top = path.firstIndex(of: UInt8(ascii: "/")).map { UnsafeBufferPointer(rebasing: path[..<$0]) } ?? path
                if top.count != last.count || (!top.isEmpty && memcmp(top.baseAddress!, last.baseAddress!, top.count) != 0) {
                    tops.insert(String(decoding: top, as: UTF8.self))
                }
                last = top
            }
        }
        firstFolderUnreached = unreached
        foldersInWalkOrder = next == folders.count
        topNames = tops
    }

    /// The path of the record at `start` among `section`, which `init(reading:)` has read whole.
    private static func path(inRecordAt start: Int, of section: StateBytes) -> UnsafeBufferPointer<UInt8> {
        var reader = StateReader(section, at: start)
        return (try? reader.stringBytes()) ?? UnsafeBufferPointer(start: nil, count: 0)
    }

    /// The section that records `outputs` and `folders`, as a state file would hold it.
    init(outputs: [OutputRecord], folders: [BuildState.Folder]) {
        var reader = StateReader(BuildState.encodeOutputs(outputs, 0..<outputs.count) + BuildState.encodeFolders(folders))
        do {
            try self.init(reading: &reader)
        } catch {
            preconditionFailure("outputs and folders just encoded do not read back")
        }
    }

    /// The entries of the folders at `positions`, as the state holds them.
    func folderBytes(_ positions: Range<Int>) -> StateBytes {
        let end = positions.upperBound < folderStarts.count ? folderStarts[positions.upperBound] : bytes.count
        return bytes[folderStarts[positions.lowerBound]..<end]
    }

    /// The records of the outputs at `positions`, as the state holds them.
    func recordBytes(_ positions: Range<Int>) -> StateBytes {
        let end = positions.upperBound < recordStarts.count ? recordStarts[positions.upperBound] : recordsEnd
        return bytes[recordStarts[positions.lowerBound]..<end]
    }

    private static func readEntry(_ reader: inout StateReader) throws(StateReader.Corrupt) -> Entry {
        let path = try reader.stringBytes()
        guard let group = OutputRecord.Group(rawValue: UInt8(truncatingIfNeeded: try reader.unsigned())) else { throw StateReader.Corrupt() }
        return Entry(path: path, group: group, fingerprint: try reader.fixed(), contentHash: try reader.fixed(),
                     size: try reader.int(), modified: try reader.int64(), inode: try reader.unsigned())
    }

    /// Whether `body` returns true for each output of `range` (positions among the outputs), in
    /// order; it is not called again once it returns false.
    func allEntries(in range: Range<Int>, satisfy body: (Entry) -> Bool) -> Bool {
        guard !range.isEmpty else { return true }
        return withExtendedLifetime(bytes) {
            var reader = StateReader(bytes, at: recordStarts[range.lowerBound])
            for _ in range {
                // Every record read when these were (see `init(reading:)`).
                guard let entry = try? Self.readEntry(&reader), body(entry) else { return false }
            }
            return true
        }
    }

    /// The path of folder `index`, where it lies (valid while these are in use).
    func folderPath(_ index: Int) -> UnsafeBufferPointer<UInt8> { Self.path(of: folderEntries[index], in: bytes) }

    /// The path of `folder` among `section`, where it lies.
    private static func path(of folder: FolderEntry, in section: StateBytes) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: section.uint8Buffer[folder.pathStart..<folder.pathStart + folder.pathLength])
    }

    /// The time of folder `index`.
    func folderModified(_ index: Int) -> Int64 { folderEntries[index].modified }

    /// The outputs and folders as records.
    func decoded() -> (outputs: [OutputRecord], folders: [BuildState.Folder]) {
        var outputs: [OutputRecord] = []
        outputs.reserveCapacity(outputCount)
        _ = allEntries(in: 0..<outputCount) { entry in
            outputs.append(OutputRecord(path: String(decoding: entry.path, as: UTF8.self), group: entry.group, fingerprint: entry.fingerprint,
                                        contentHash: entry.contentHash, size: entry.size, modified: entry.modified, inode: entry.inode))
            return true
        }
        let folders = withExtendedLifetime(bytes) {
            folderEntries.indices.map { BuildState.Folder(path: String(decoding: folderPath($0), as: UTF8.self), modified: folderEntries[$0].modified) }
        }
        return (outputs, folders)
    }

    /// Whether `folder` is one of the folders `path` lies in (both site-relative UTF-8).
    static func isFolder(_ folder: UnsafeBufferPointer<UInt8>, above path: UnsafeBufferPointer<UInt8>) -> Bool {
        path.count > folder.count && path[folder.count] == UInt8(ascii: "/")
            && (folder.isEmpty || memcmp(folder.baseAddress!, path.baseAddress!, folder.count) == 0)
    }

    /// For each run of `every` outputs, the position among the folders of the first folder its
    /// outputs reach; `nil` when a folder lies above none of the outputs or out of the order
    /// `BuildState.folders(of:)` gives them in (a walk of the outputs would never reach it).
    func folderPositions(every run: Int) -> [Int]? {
        foldersInWalkOrder ? stride(from: 0, to: outputCount, by: run).map { Int(firstFolderUnreached[$0]) } : nil
    }

    /// The names each folder holds as the records have it, as bytes, by the folder's site-relative
    /// path (empty for the output folder itself, the marker and the state left out): the last parts
    /// of the outputs and folders right inside it.
    func namesByFolder() -> [[UInt8]: Set<[UInt8]>] {
        var names: [[UInt8]: Set<[UInt8]>] = [:]
        func add(_ path: UnsafeBufferPointer<UInt8>) {
            let slash = path.lastIndex(of: UInt8(ascii: "/"))
            let folder = slash.map { Array(path[..<$0]) } ?? []
            names[folder, default: []].insert(Array(path[(slash.map { $0 + 1 } ?? 0)...]))
        }
        _ = allEntries(in: 0..<outputCount) { entry in
            add(entry.path)
            return true
        }
        withExtendedLifetime(bytes) {
            for index in folderEntries.indices { add(folderPath(index)) }
        }
        return names
    }

    /// Whether each of `names` (the output folder's entries) but the marker and the state is the
    /// first part of the path of one of the outputs, or the user's (`DiskOutput.isUsersEntry`: no
    /// part of the site, kept by every build). Any other — a journal left by an update cut short,
    /// a folder of the site's that no output lies in — is not as the build left it.
    func allTopNamed(_ names: [String]) -> Bool {
        names.allSatisfy { $0 == DiskOutput.markerName || $0 == DiskOutput.stateName || topNames.contains($0) || DiskOutput.isUsersEntry($0) }
    }
}
