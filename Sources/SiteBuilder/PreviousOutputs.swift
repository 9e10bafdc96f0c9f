import Foundation

/// The files an earlier build made (its records, in the order it made them), found by path.
///
/// A build makes its files in a fixed order — the pages in the order of their jobs, then the search
/// index by file number, then the assets — so when the site's pages are the same as before, a file
/// stands where it stood then. A lookup is tried there first, by comparing one path; only a lookup
/// that misses makes a table of every path (once, shared by all threads) and uses it. A rebuild
/// after a few stories changed then hashes no path at all.
final class PreviousOutputs: @unchecked Sendable {
    /// The records, in the order the build made them.
    let records: [OutputRecord]
    /// Where the search index's files begin among `records` (after the pages).
    private let searchStart: Int
    private let lock = NSLock()
    private var table: [String: Int]?

    /// Whether a lookup has missed and made the table of every path.
    var madeTable: Bool {
        lock.lock()
        defer { lock.unlock() }
        return table != nil
    }

    /// The records of a build, as it made them.
    init(_ records: [OutputRecord]) {
        self.records = records
        searchStart = records.firstIndex { $0.group != .page } ?? records.count
    }

    /// The record of the file at `path`, looked for first at `position`.
    func record(_ path: String, near position: Int) -> OutputRecord? {
        if records.indices.contains(position), records[position].path == path { return records[position] }
        return self[path]
    }

    /// The record of the page of job `index` (at `path`).
    func page(_ path: String, job index: Int) -> OutputRecord? { record(path, near: index) }

    /// The record of file `number` of the search index (at `path`), as `SearchIndex.write` numbers them.
    func searchFile(_ path: String, number: Int) -> OutputRecord? { record(path, near: searchStart + number) }

    /// The record of file `number` of a search index of `documents` documents, where the files stand
    /// as they were made; its path is made only to look it up elsewhere.
    func searchFile(number: Int, documents: Int) -> OutputRecord? {
        let position = searchStart + number
        // The record's path read through a pointer: read from the array, the record was copied
        // whole (three times a file, 12,000 files at 10,000 stories).
        let standsThere = records.withUnsafeBufferPointer { records in
            records.indices.contains(position)
                && SearchIndex.isPath((records.baseAddress! + position).pointee.path, ofFile: number, documents: documents)
        }
        return standsThere ? records[position] : self[SearchIndex.path(ofFile: number, documents: documents)]
    }

    /// The record of asset `index` of `count` (at `path`): the assets come last.
    func asset(_ path: String, index: Int, of count: Int) -> OutputRecord? { record(path, near: records.count - count + index) }

    /// The record of the file at `path`, from the table of every path.
    subscript(path: String) -> OutputRecord? {
        lock.lock()
        defer { lock.unlock() }
        if table == nil {
            table = Dictionary(records.indices.map { (records[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        }
        return table?[path].map { records[$0] }
    }
}
