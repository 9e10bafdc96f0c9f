/// The outputs and folders of a build state as the state file holds them: encoded, or, for those an
/// update left as they were, kept as the previous state's file holds them (`StatePiece.kept`).
extension BuildState {
    /// A previous state's outputs and folders as decoded, and the bytes it decoded them from.
    struct KeptOutputs: Sendable {
        var records: [OutputRecord]
        var folders: [Folder]
        var bytes: RecordedOutputs
    }

    /// The stretches of `range` whose items all are, or all are not, `isKept`, in order.
    private static func stretches(_ range: Range<Int>, isKept: (Int) -> Bool) -> [(range: Range<Int>, kept: Bool)] {
        var stretches: [(range: Range<Int>, kept: Bool)] = []
        var start = range.lowerBound
        while start < range.upperBound {
            let kept = isKept(start)
            var end = start + 1
            while end < range.upperBound, isKept(end) == kept { end += 1 }
            stretches.append((start..<end, kept))
            start = end
        }
        return stretches
    }

    /// The outputs of `run` as `encodeOutputs` writes them, in pieces: each stretch of records the
    /// same as `kept`'s at the same places kept as its bytes, the others encoded.
    static func outputPieces(_ outputs: [OutputRecord], _ run: Range<Int>, keptFrom kept: KeptOutputs?) -> [StatePiece] {
        guard let kept else { return [.made(encodeOutputs(outputs, run))] }
        var pieces: [StatePiece] = run.lowerBound == 0 ? [.made(encodeCount(outputs.count))] : []
        let comparable = min(kept.records.count, kept.bytes.outputCount)
        // Read in place: a copy of each record would retain its path.
        outputs.withUnsafeBufferPointer { outputs in
            kept.records.withUnsafeBufferPointer { records in
                let isKept = { (index: Int) -> Bool in
                    guard index < comparable else { return false }
                    let (new, old) = (outputs.baseAddress! + index, records.baseAddress! + index)
                    // The numbers first; a path kept from the previous build is the same string.
                    return new.pointee.fingerprint == old.pointee.fingerprint && new.pointee.modified == old.pointee.modified
                        && new.pointee.inode == old.pointee.inode && new.pointee.contentHash == old.pointee.contentHash
                        && new.pointee.size == old.pointee.size && new.pointee.group == old.pointee.group && new.pointee.path == old.pointee.path
                }
                for (stretch, same) in stretches(run, isKept: isKept) {
                    pieces.append(same ? .kept(kept.bytes.recordBytes(stretch)) : .made(encodeRecords(outputs, stretch)))
                }
            }
        }
        return pieces
    }

    /// `folders` as `encodeFolders` writes them, in pieces: each stretch of folders the same as
    /// `kept`'s at the same places (path and time) kept as its bytes, the others encoded.
    static func folderPieces(_ folders: [Folder], keptFrom kept: KeptOutputs?) -> [StatePiece] {
        guard let kept else { return [.made(encodeFolders(folders))] }
        var pieces: [StatePiece] = [.made(encodeCount(folders.count))]
        let comparable = min(kept.folders.count, kept.bytes.folderCount)
        let isKept = { (index: Int) -> Bool in
            index < comparable && folders[index].modified == kept.folders[index].modified && folders[index].path == kept.folders[index].path
        }
        for (stretch, same) in stretches(folders.indices, isKept: isKept) {
            pieces.append(same ? .kept(kept.bytes.folderBytes(stretch)) : .made(encodeFolderEntries(folders[stretch])))
        }
        return pieces
    }

    /// The outputs of `run`, one after the other; the first run begins with the number of outputs.
    static func encodeOutputs(_ outputs: [OutputRecord], _ run: Range<Int>) -> [UInt8] {
        var writer = StateWriter(capacity: 16 + run.count * 112)
        if run.lowerBound == 0 { writer.unsigned(UInt64(outputs.count)) }
        outputs.withUnsafeBufferPointer { write($0, run, into: &writer) }
        return writer.bytes
    }

    /// The outputs of `run`, one after the other (no number before them).
    private static func encodeRecords(_ outputs: UnsafeBufferPointer<OutputRecord>, _ run: Range<Int>) -> [UInt8] {
        var writer = StateWriter(capacity: 16 + run.count * 112)
        write(outputs, run, into: &writer)
        return writer.bytes
    }

    private static func write(_ outputs: UnsafeBufferPointer<OutputRecord>, _ run: Range<Int>, into writer: inout StateWriter) {
        for index in run {
            writer.string(outputs[index].path)
            writer.unsigned(UInt64(outputs[index].group.rawValue))
            writer.fixed(outputs[index].fingerprint)
            writer.fixed(outputs[index].contentHash)
            writer.int(outputs[index].size)
            writer.int64(outputs[index].modified)
            writer.unsigned(outputs[index].inode)
        }
    }

    /// A number of outputs or folders, as it stands before them.
    private static func encodeCount(_ count: Int) -> [UInt8] {
        var writer = StateWriter(capacity: 10)
        writer.unsigned(UInt64(count))
        return writer.bytes
    }

    /// The number of folders, then each folder's path and time.
    static func encodeFolders(_ folders: [Folder]) -> [UInt8] {
        var writer = StateWriter(capacity: 16 + folders.count * 64)
        writer.unsigned(UInt64(folders.count))
        write(folders[...], into: &writer)
        return writer.bytes
    }

    /// Each folder's path and time (no number before them).
    private static func encodeFolderEntries(_ folders: ArraySlice<Folder>) -> [UInt8] {
        var writer = StateWriter(capacity: 16 + folders.count * 64)
        write(folders, into: &writer)
        return writer.bytes
    }

    private static func write(_ folders: ArraySlice<Folder>, into writer: inout StateWriter) {
        for index in folders.indices {
            writer.string(folders[index].path)
            writer.int64(folders[index].modified)
        }
    }
}
