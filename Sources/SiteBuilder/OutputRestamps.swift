/// The stamps an output's files and folders have now, where the output check found them changed
/// though their bytes and entries were as recorded — an output copied (`cp -a`) or restored from an
/// archive (a CI cache): every file has a new inode, and a folder whose times were not kept to the
/// nanosecond a new time. Kept by position among the records and the folders the state recorded.
struct OutputRestamps: Sendable {
    /// A file's stamp as the state records it.
    struct FileStamp: Sendable, Hashable {
        var modified: Int64
        var inode: UInt64
    }

    /// New stamps of files, by their position among the recorded outputs.
    private(set) var files: [Int: FileStamp] = [:]
    /// New times of folders, by their position among the recorded folders.
    private(set) var folders: [Int: Int64] = [:]

    /// Whether nothing has a new stamp.
    var isEmpty: Bool { files.isEmpty && folders.isEmpty }

    /// Records the stamp of the output at `position`.
    mutating func setFile(_ position: Int, modified: Int64, inode: UInt64) {
        files[position] = FileStamp(modified: modified, inode: inode)
    }

    /// Records the time of the folder at `position`.
    mutating func setFolder(_ position: Int, modified: Int64) {
        folders[position] = modified
    }

    /// Adds `other`'s stamps (those of other runs of the check).
    mutating func merge(_ other: OutputRestamps) {
        files.merge(other.files) { _, new in new }
        folders.merge(other.folders) { _, new in new }
    }

    /// `outputs` (the recorded ones, in their order) with the new stamps.
    func applied(to outputs: [OutputRecord]) -> [OutputRecord] {
        var outputs = outputs
        for (position, stamp) in files where position < outputs.count {
            (outputs[position].modified, outputs[position].inode) = (stamp.modified, stamp.inode)
        }
        return outputs
    }

    /// `folders` (the recorded ones, in their order) with the new times.
    func applied(to folders: [BuildState.Folder]) -> [BuildState.Folder] {
        var folders = folders
        for (position, modified) in self.folders where position < folders.count {
            folders[position].modified = modified
        }
        return folders
    }

    /// Gives the records in `records` kept from the previous build (those with a stamp) the new
    /// stamps of their files; `recorded` are the previous build's records, which the positions are
    /// among. Records written since have no stamp yet, and are left so.
    func restampKept(_ records: inout [OutputRecord], recorded: [OutputRecord]) {
        guard !files.isEmpty else { return }
        let byPath = Dictionary(files.compactMap { position, stamp in position < recorded.count ? (recorded[position].path, stamp) : nil },
                                uniquingKeysWith: { first, _ in first })
        for index in records.indices where records[index].modified != 0 || records[index].inode != 0 {
            guard let stamp = byPath[records[index].path] else { continue }
            (records[index].modified, records[index].inode) = (stamp.modified, stamp.inode)
        }
    }

    /// `state`, its outputs and folders still as recorded, with the new stamps.
    func applied(to state: BuildState) -> BuildState {
        var state = state
        let recorded = state.recordedOutputs.decoded()
        state.outputs = applied(to: recorded.outputs)
        state.folders = applied(to: recorded.folders)
        return state
    }
}
