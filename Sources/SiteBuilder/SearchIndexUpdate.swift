import Foundation
import NewsModel

extension SearchIndex {
    /// What a build keeps of its search index, so that the next build can change the index in place
    /// when only a few stories changed: for each document in number order, a fingerprint of what it
    /// was made from, its length, its headline's length and its filter tokens.
    public struct Ledger: Sendable, Equatable {
        /// Where an entry's filters are, as numbers in a ledger's `filterTable`: the table's identity
        /// and the run of its `filterNumbers`.
        struct Numbering: Sendable {
            var table: UInt64
            var numbers: Range<Int32>
        }

        /// One document of the index.
        public struct Entry: Sendable, Equatable {
            /// The fingerprint of the story the document was made from (`ArticleEntry.fingerprint`).
            public var key: UInt64
            /// `Document.searchLength`.
            public var length: Int
            /// `Document.searchHeadlineLength`.
            public var headlineLength: Int
            /// `Document.filterTokens`.
            public var filters: [String] {
                didSet { numbered = nil }
            }
            /// The numbers of `filters` in the table of the ledger the entry was read with (from a
            /// build state), so that writing the state again looks up only the filters of the
            /// entries made since; `nil` for an entry made by a build, or whose filters changed.
            var numbered: Numbering?

            /// Creates an entry.
            public init(key: UInt64, length: Int, headlineLength: Int, filters: [String]) {
                self.key = key
                self.length = length
                self.headlineLength = headlineLength
                self.filters = filters
            }

            /// Creates an entry read from a build state, its filters numbered as `numbered` says.
            init(key: UInt64, length: Int, headlineLength: Int, filters: [String], numbered: Numbering) {
                self.init(key: key, length: length, headlineLength: headlineLength, filters: filters)
                self.numbered = numbered
            }

            /// Equal when the key, both lengths and the filters are.
            public static func == (left: Entry, right: Entry) -> Bool {
                left.key == right.key && left.length == right.length && left.headlineLength == right.headlineLength
                    && left.filters == right.filters
            }
        }

        /// The documents, by number.
        public var entries: [Entry]
        /// The filter tokens of a ledger read from a build state, as the state numbered them; empty
        /// for a ledger made by a build. Names no entry uses any longer stay until a whole build
        /// makes a ledger afresh (filters are region and topic slugs: few, and seldom gone).
        var filterTable: [String] = []
        /// The numbers of the entries' filters in `filterTable`, a run per entry read (see `Entry.numbered`).
        var filterNumbers: [Int32] = []
        /// The identity of `filterTable`, which an entry's numbering must name to be used: an entry
        /// moved from a ledger read from another state is looked up, not trusted.
        var filterTableIdentity: UInt64 = 0

        /// Creates a ledger of `entries`.
        public init(entries: [Entry]) {
            self.entries = entries
        }

        /// Creates a ledger read from a build state: `entries` numbered in `filterTable` (identified by
        /// `identity`) by runs of `filterNumbers`.
        init(entries: [Entry], filterTable: [String], filterNumbers: [Int32], identity: UInt64) {
            self.entries = entries
            self.filterTable = filterTable
            self.filterNumbers = filterNumbers
            filterTableIdentity = identity
        }

        /// The numbers of `entry`'s filters in `filterTable`, when its numbering is this ledger's own.
        func numbers(of entry: Entry) -> ArraySlice<Int32>? {
            guard let numbered = entry.numbered, filterTableIdentity != 0, numbered.table == filterTableIdentity,
                  numbered.numbers.upperBound <= filterNumbers.count else { return nil }
            return filterNumbers[Int(numbered.numbers.lowerBound)..<Int(numbered.numbers.upperBound)]
        }

        /// Equal when the entries are.
        public static func == (left: Ledger, right: Ledger) -> Bool { left.entries == right.entries }

        /// The entry of `document`, made from `key`.
        static func entry(_ document: Document, key: UInt64) -> Entry {
            Entry(key: key, length: document.searchLength, headlineLength: document.searchHeadlineLength, filters: document.filterTokens)
        }
    }

    /// The most documents, as a share of all, an update changes in place; more, and the index is
    /// built whole (by then nearly every shard changes anyway).
    static let updateShare = 8

    /// Changes the index a build made for `previous` into the index of `ledger`, where only the
    /// documents `changed` differ: the fragments of those documents, the shards holding a token
    /// whose entry for one of them went, changed or came, the length tables holding their lengths,
    /// and `search/meta.json` are made again; every other file stays as it is (an edit rewrites only
    /// the shards of the tokens it changed, whatever it does to the story's length). The files made
    /// are exactly those a whole build of the same documents makes.
    ///
    /// The two may differ in count (while the number of shards stays the same): numbers the
    /// previous index did not have are in `changed` like any other, and the documents it had beyond
    /// `ledger`'s count are taken out. Documents are numbered oldest first, so stories added with
    /// the newest date are just such new numbers.
    ///
    /// A document's old entries are made again from its old fragment (its headline and text), so
    /// a fragment whose text was cut cannot be updated this way.
    /// - Parameters:
    ///   - changed: every document of `ledger` that the previous index did not have as it is now.
    ///   - read: the bytes of a file of the index (by number, as `write` numbers them, and path) as
    ///     it is (`nil` when it cannot be read).
    ///   - emit: as for `write`. Each shard is emitted as soon as it is spliced (so only a few are
    ///     held at once); every file emitted is the file a whole build makes, so when the update
    ///     turns out impossible part way, a whole build over the same output puts everything right.
    /// - Returns: the numbers (as `write` numbers them) of the files emitted, or `nil` when the index
    ///   in place cannot be updated (a file missing, not in this form, a cut fragment, another
    ///   number of shards): build it whole.
    static func update(_ changed: [(number: Int, document: Document)], previous: Ledger, ledger: Ledger,
                       read: @Sendable (_ number: Int, _ path: String) -> Data?, emit: @Sendable (_ number: Int, _ path: String, _ contents: Data) throws -> Void) throws -> [Int]? {
        let (count, oldCount) = (ledger.entries.count, previous.entries.count)
        let shardCount = shardCount(documents: count)
        let changed = changed.sorted { $0.number < $1.number }
        guard shardCount == Self.shardCount(documents: oldCount), !changed.isEmpty || count != oldCount,
              changed.allSatisfy({ $0.number < count }),
              Set(changed.map(\.number)).isSuperset(of: oldCount..<max(oldCount, count)) else { return nil }

        // The documents whose old entries go: those changed that the previous index had, and
        // those it had beyond the new count. Their old entries come from their old fragments.
        let replaced = changed.map(\.number).filter { $0 < oldCount } + Array(count..<max(count, oldCount))
        let oldFragments = replaced.map { read(1 + shardCount + $0, fragmentPath($0)) }
        // A document's old entries are made again as the previous index made them (same headline
        // and positions), so that a token whose entry is the same before and after
        // is left alone: an edit touches only the shards of the tokens it changed.
        let oldEntries = ConcurrentMap.map(Array(replaced.indices)) { index -> DocumentEntries? in
            let number = replaced[index]
            guard let data = oldFragments[index], let fragment = try? JSONDecoder().decode(Fragment.self, from: data),
                  fragment.h.unicodeScalars.count + 1 + fragment.x.unicodeScalars.count == previous.entries[number].length else { return nil }
            var normalizer = SearchTokenizer.Normalizer()
            var oldScalars: [Unicode.Scalar] = []
            normalizer.append(fragment.h, to: &oldScalars)
            oldScalars.append("\n")
            let oldHeadline = oldScalars.count
            guard oldHeadline == previous.entries[number].headlineLength else { return nil }
            normalizer.append(fragment.x, to: &oldScalars)
            return DocumentEntries(scalars: oldScalars, headlineLength: oldHeadline)
        }
        let newEntries = ConcurrentMap.map(Array(changed.indices)) { index -> DocumentEntries in
            var normalizer = SearchTokenizer.Normalizer()
            let (scalars, headline) = changed[index].document.searchable(&normalizer)
            return DocumentEntries(scalars: scalars, headlineLength: headline)
        }

        // The tokens touched: those whose entry for some document went, changed or came. A token
        // whose entry is the same for every document is left alone, so an edit touches only the
        // shards of the tokens it changed.
        var oldByNumber: [Int: (entries: DocumentEntries, filters: [String])] = [:]
        for (index, number) in replaced.enumerated() {
            guard let old = oldEntries[index] else { return nil }
            oldByNumber[number] = (old, previous.entries[number].filters)
        }
        var touchedKeys = Set<TokenKey>()
        var touchedFilters = Set<String>()
        for (index, (number, _)) in changed.enumerated() {
            let new = newEntries[index]
            let newFilters = Set(ledger.entries[number].filters)
            guard let old = oldByNumber.removeValue(forKey: number) else {
                touchedKeys.formUnion(new.keys)
                touchedFilters.formUnion(newFilters)
                continue
            }
            let same = Self.unchangedKeys(old: old.entries, new: new)
            for key in old.entries.keys where !same.contains(key) { touchedKeys.insert(key) }
            for key in new.keys where !same.contains(key) { touchedKeys.insert(key) }
            touchedFilters.formUnion(newFilters.symmetricDifference(old.filters))
        }
        // The documents taken out without coming back.
        for (_, old) in oldByNumber {
            touchedKeys.formUnion(old.entries.keys)
            touchedFilters.formUnion(old.filters)
        }

        // The changes, by shard and token: every entry of the documents replaced goes from a touched
        // token, and each changed document's entry for it, if any, comes in, in document order.
        var changes = [[[UInt8]: SearchIndexFormat.TokenChange]](repeating: [:], count: shardCount)
        func change(_ token: [UInt8], _ kind: SearchIndexFormat.Kind, adding entry: (document: Int, entry: ArraySlice<UInt8>)? = nil) {
            let number = Int(SearchTokenizer.shardHash(utf8: token) % UInt32(shardCount))
            if changes[number][token] == nil { changes[number][token] = SearchIndexFormat.TokenChange(kind: kind) }
            if let entry { changes[number][token]!.entries.append(entry) }
        }
        for key in touchedKeys { change(key.utf8, key.isPair ? .pair : .single) }
        for filter in touchedFilters { change(Array(filter.utf8), .filter) }
        for (index, (number, _)) in changed.enumerated() {
            let new = newEntries[index]
            for (position, key) in new.keys.enumerated() where touchedKeys.contains(key) {
                change(key.utf8, key.isPair ? .pair : .single, adding: (number, new.bytes[new.entryRange(position)]))
            }
            for filter in ledger.entries[number].filters where touchedFilters.contains(filter) {
                change(Array(filter.utf8), .filter, adding: (number, []))
            }
        }

        // Each changed shard spliced and emitted in turn; one that cannot be spliced stops the update.
        let touched = changes.indices.filter { !changes[$0].isEmpty }
        let shardChanges = changes
        let failed = AtomicFlag()
        try Parallel.forEach(touched.count) { slot in
            guard !failed.isSet else { return }
            let number = touched[slot]
            guard let data = read(1 + number, shardPath(number)),
                  let spliced = SearchIndexFormat.splice(Array(data), removing: replaced, changes: shardChanges[number]) else {
                return failed.set()
            }
            try emit(1 + number, shardPath(number), Data(spliced))
        }
        guard !failed.isSet else { return nil }

        let lengths = ledger.entries.map(\.length)
        try emit(0, metaPath, metaJSON(lengths: lengths, shards: shardCount))
        let headlineLengths = ledger.entries.map(\.headlineLength)
        try Parallel.forEach(changed.count) { index in
            try emit(1 + shardCount + changed[index].number, fragmentPath(changed[index].number), fragmentJSON(changed[index].document))
        }
        let tables = lengthTablesChanged(changed.map(\.number), count: count, oldCount: oldCount)
        for table in tables {
            try emit(lengthFileNumber(table, documents: count), lengthsPath(table),
                     lengthTable(table, lengths: lengths, headlineLengths: headlineLengths))
        }
        return [0] + touched.map { 1 + $0 } + changed.map { 1 + shardCount + $0.number } + tables.map { lengthFileNumber($0, documents: count) }
    }

    /// The length tables of an index of `count` documents that differ from those of the previous
    /// index of `oldCount` where documents `changed` differ: those holding a changed document, and
    /// the last one when documents went from the end of it. In ascending order.
    static func lengthTablesChanged(_ changed: [Int], count: Int, oldCount: Int) -> [Int] {
        var tables = Set(changed.map { $0 / lengthsPerFile })
        if count < oldCount, count % lengthsPerFile != 0 { tables.insert(count / lengthsPerFile) }
        return tables.filter { $0 < lengthFileCount(documents: count) }.sorted()
    }

    /// The tokens whose entry is the same in `old` and `new`, two versions of one document.
    static func unchangedKeys(old: DocumentEntries, new: DocumentEntries) -> Set<TokenKey> {
        var oldEntry: [TokenKey: ArraySlice<UInt8>] = [:]
        oldEntry.reserveCapacity(old.keys.count)
        for (position, key) in old.keys.enumerated() {
            oldEntry[key] = old.bytes[old.entryRange(position)]
        }
        var kept = Set<TokenKey>()
        kept.reserveCapacity(new.keys.count)
        for (position, key) in new.keys.enumerated() where oldEntry[key] == new.bytes[new.entryRange(position)] {
            kept.insert(key)
        }
        return kept
    }
}
