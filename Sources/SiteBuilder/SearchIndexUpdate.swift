import Foundation
import NewsModel

extension SearchIndex {
    /// What a build keeps of its search index, so that the next build can change the index in place
    /// when only a few stories changed: for each document in number order, a fingerprint of what it
    /// was made from, its length and its filter tokens.
    public struct Ledger: Sendable, Equatable {
        /// One document of the index.
        public struct Entry: Sendable, Equatable {
            /// `Document.key(textSource:)`.
            public var key: UInt64
            /// `Document.searchLength`.
            public var length: Int
            /// `Document.filterTokens`.
            public var filters: [String]
        }

        /// The documents, by number.
        public var entries: [Entry]

        /// The entry of `document`, made from `key`.
        static func entry(_ document: Document, key: UInt64) -> Entry {
            Entry(key: key, length: document.searchLength, filters: document.filterTokens)
        }
    }

    /// The most documents, as a share of all, an update changes in place; more, and the index is
    /// built whole (by then nearly every shard changes anyway).
    static let updateShare = 8

    /// Changes the index a build made for `previous` into the index of `ledger`, where only the
    /// documents `changed` differ (same numbers, same count): the fragments of those documents, the
    /// shards holding any of their tokens, old or new, and `search/meta.json` are made again; every
    /// other file stays as it is. The files made are exactly those a whole build of the same
    /// documents makes.
    ///
    /// A changed document's old tokens come from its old fragment (its headline and text), so a
    /// fragment whose text was cut cannot be updated this way.
    /// - Parameters:
    ///   - read: the bytes of a file of the index as it is (`nil` when it cannot be read).
    ///   - emit: as for `write`. Each shard is emitted as soon as it is spliced (so only a few are
    ///     held at once); every file emitted is the file a whole build makes, so when the update
    ///     turns out impossible part way, a whole build over the same output puts everything right.
    /// - Returns: the numbers (as `write` numbers them) of the files emitted, or `nil` when the index
    ///   in place cannot be updated (a file missing, not in this form, or a cut fragment): build it whole.
    static func update(_ changed: [(number: Int, document: Document)], previous: Ledger, ledger: Ledger,
                       read: @Sendable (String) -> Data?, emit: @Sendable (_ number: Int, _ path: String, _ contents: Data) throws -> Void) throws -> [Int]? {
        let count = ledger.entries.count
        guard previous.entries.count == count, !changed.isEmpty else { return nil }
        let shardCount = shardCount(documents: count)
        let changed = changed.sorted { $0.number < $1.number }

        // Each changed document's old tokens (from its old fragment) and new entries.
        let oldFragments = changed.map { read(fragmentPath($0.number)) }
        let analysed = ConcurrentMap.map(Array(changed.indices)) { index -> (old: [TokenKey], new: DocumentEntries)? in
            let (number, document) = changed[index]
            guard let data = oldFragments[index], let fragment = try? JSONDecoder().decode(Fragment.self, from: data),
                  fragment.h.unicodeScalars.count + 1 + fragment.x.unicodeScalars.count == previous.entries[number].length else { return nil }
            var normalizer = SearchTokenizer.Normalizer()
            var oldScalars: [Unicode.Scalar] = []
            normalizer.append(fragment.h, to: &oldScalars)
            oldScalars.append("\n")
            let oldHeadline = oldScalars.count
            normalizer.append(fragment.x, to: &oldScalars)
            let old = DocumentEntries(scalars: oldScalars, headlineLength: oldHeadline, lengthClass: 0).keys
            let (scalars, headline) = document.searchable(&normalizer)
            let new = DocumentEntries(scalars: scalars, headlineLength: headline,
                                      lengthClass: SearchIndexFormat.lengthClass(ledger.entries[number].length))
            return (old, new)
        }

        // The changes, by shard and token: every old token is touched (its entry goes), every new
        // token gets its entry.
        var changes = [[[UInt8]: SearchIndexFormat.TokenChange]](repeating: [:], count: shardCount)
        func touch(_ token: [UInt8], _ kind: SearchIndexFormat.Kind, adding entry: (document: Int, entry: ArraySlice<UInt8>)? = nil) {
            let number = Int(SearchTokenizer.shardHash(utf8: token) % UInt32(shardCount))
            if changes[number][token] == nil { changes[number][token] = SearchIndexFormat.TokenChange(kind: kind) }
            if let entry { changes[number][token]!.entries.append(entry) }
        }
        for (index, (number, _)) in changed.enumerated() {
            guard let (old, new) = analysed[index] else { return nil }
            for key in old { touch(key.utf8, key.isPair ? .pair : .single) }
            for filter in previous.entries[number].filters { touch(Array(filter.utf8), .filter) }
            for (position, key) in new.keys.enumerated() {
                let from = position == 0 ? 0 : new.ends[position - 1]
                touch(key.utf8, key.isPair ? .pair : .single, adding: (number, new.bytes[from..<new.ends[position]]))
            }
            for filter in ledger.entries[number].filters { touch(Array(filter.utf8), .filter, adding: (number, [])) }
        }

        // Each changed shard spliced and emitted in turn; one that cannot be spliced stops the update.
        let removed = changed.map(\.number)
        let touched = changes.indices.filter { !changes[$0].isEmpty }
        let shardChanges = changes
        let failed = AtomicFlag()
        try Parallel.forEach(touched.count) { slot in
            guard !failed.isSet else { return }
            let number = touched[slot]
            guard let data = read(shardPath(number)),
                  let spliced = SearchIndexFormat.splice(Array(data), removing: removed, changes: shardChanges[number]) else {
                return failed.set()
            }
            try emit(1 + number, shardPath(number), Data(spliced))
        }
        guard !failed.isSet else { return nil }

        try emit(0, metaPath, metaJSON(lengths: ledger.entries.map(\.length), shards: shardCount))
        try Parallel.forEach(changed.count) { index in
            try emit(1 + shardCount + changed[index].number, fragmentPath(changed[index].number), fragmentJSON(changed[index].document))
        }
        return [0] + touched.map { 1 + $0 } + changed.map { 1 + shardCount + $0.number }
    }
}
