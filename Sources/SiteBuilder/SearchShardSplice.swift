/// Changing a shard in place: some documents' entries taken out of some tokens, new entries put in.
extension SearchIndexFormat {
    /// A token's new entries: its kind and, in ascending document order, each document's entry
    /// without the document number.
    struct TokenChange {
        var kind: Kind
        var entries: [(document: Int, entry: ArraySlice<UInt8>)] = []
    }

    /// The shard `bytes` with every entry of a `removed` document taken out of the tokens of
    /// `changes`, and each change's entries put in, in document order. Tokens left without entries
    /// go; new tokens come in at their place in byte order. Tokens not in `changes` are copied as
    /// they are. The result is the shard a whole build makes from the same entries.
    /// - Returns: `nil` when `bytes` is not a well-formed shard.
    static func splice(_ bytes: [UInt8], removing removed: [Int], changes: [[UInt8]: TokenChange]) -> [UInt8]? {
        guard bytes.starts(with: magic) else { return nil }
        let removed = removed.sorted()
        // Both the shard's tokens and the changes in byte order, walked side by side.
        let changeList = changes.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        var next = 0
        var body: [UInt8] = []
        body.reserveCapacity(bytes.count + changes.count * 16)
        var tokens = 0
        var scratch: [UInt8] = []

        func appendToken(_ token: some Collection<UInt8>, _ kind: Kind, count: Int, entries: some Collection<UInt8>) {
            appendVarint(token.count, to: &body)
            body += token
            body.append(kind.rawValue)
            appendVarint(count, to: &body)
            appendVarint(entries.count, to: &body)
            body += entries
            tokens += 1
        }
        func appendNew(_ token: [UInt8], _ change: TokenChange) {
            guard !change.entries.isEmpty else { return }
            scratch.removeAll(keepingCapacity: true)
            var previous = 0
            for (document, entry) in change.entries {
                appendVarint(document - previous, to: &scratch)
                scratch += entry
                previous = document
            }
            appendToken(token, change.kind, count: change.entries.count, entries: scratch)
        }

        var reader = Reader(bytes)
        reader.offset = magic.count
        guard let tokenCount = reader.varint() else { return nil }
        for _ in 0..<tokenCount {
            let start = reader.offset
            guard let length = reader.varint(), reader.offset + length < bytes.count else { return nil }
            let token = bytes[reader.offset..<(reader.offset + length)]
            reader.offset += length
            guard let kind = Kind(rawValue: bytes[reader.offset]) else { return nil }
            reader.offset += 1
            guard let count = reader.varint(), let byteLength = reader.varint(), reader.offset + byteLength <= bytes.count else { return nil }
            let entries = reader.offset..<(reader.offset + byteLength)
            reader.offset += byteLength
            while next < changeList.count, changeList[next].key.lexicographicallyPrecedes(token) {
                appendNew(changeList[next].key, changeList[next].value)
                next += 1
            }
            guard next < changeList.count, changeList[next].key.elementsEqual(token) else {
                body += bytes[start..<reader.offset]
                tokens += 1
                continue
            }
            let change = changeList[next].value
            next += 1
            guard change.kind == kind else { return nil }
            scratch.removeAll(keepingCapacity: true)
            guard let kept = spliceEntries(bytes, entries, count: count, kind: kind, removing: removed, adding: change.entries, into: &scratch) else { return nil }
            if kept > 0 { appendToken(token, kind, count: kept, entries: scratch) }
        }
        guard reader.offset == bytes.count else { return nil }
        while next < changeList.count {
            appendNew(changeList[next].key, changeList[next].value)
            next += 1
        }
        var result = magic
        appendVarint(tokens, to: &result)
        result.reserveCapacity(result.count + body.count)
        result += body
        return result
    }

    /// Writes into `output` the `count` entries of a token of `kind` in `range` of `bytes`, without
    /// those of `removed` documents (ascending) and with `added` (ascending) merged in.
    ///
    /// Entries whose document-number difference still holds are copied in runs, as they are; only
    /// the entry after a removed or added one gets its difference written again. Once every change
    /// is placed and no removed document can follow, the rest of the list is copied without reading
    /// it: a changed story touches long lists (a common character's) near where its number falls.
    /// - Returns: the number of entries written, or `nil` when the entries read are not well formed.
    private static func spliceEntries(_ bytes: [UInt8], _ range: Range<Int>, count: Int, kind: Kind, removing removed: [Int],
                                      adding added: [(document: Int, entry: ArraySlice<UInt8>)], into output: inout [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let end = range.upperBound
            var offset = range.lowerBound
            func varint() -> Int? { SearchIndexFormat.varint(in: buffer, at: &offset, end: end) }
            /// Moves past `count` varints (each ends with a byte below 0x80).
            func skip(_ count: Int) -> Bool {
                var left = count
                while left > 0 {
                    guard offset < end else { return false }
                    if buffer[offset] < 0x80 { left -= 1 }
                    offset += 1
                }
                return true
            }
            /// Moves past the entry at `offset`: its document-number difference and where what
            /// follows that difference starts. Its next varint's low bit (that of its first byte)
            /// says whether more follows it (see `SearchIndexFormat`).
            func entry() -> (delta: Int, payload: Int)? {
                let delta: Int
                if offset < end, buffer[offset] < 0x80 {
                    delta = Int(buffer[offset])
                    offset += 1
                } else {
                    guard let read = varint() else { return nil }
                    delta = read
                }
                let payload = offset
                guard kind != .filter else { return (delta, payload) }
                guard offset < end else { return nil }
                let more = buffer[offset] & 1 == 1
                guard skip(1) else { return nil }
                if more {
                    switch kind {
                    case .single: guard skip(1) else { return nil }
                    case .pair: guard let positions = varint(), positions > 1, skip(positions - 1) else { return nil }
                    case .filter: break
                    }
                }
                return (delta, payload)
            }
            let lastRemoved = removed.last ?? -1
            // `run` starts the bytes still to be copied as they are; `previous` is the document of
            // the last entry written or in the run, `source` that of the last entry read.
            var (run, previous, source, written, nextRemoved, nextAdded) = (offset, 0, 0, 0, 0, 0)
            var read = 0
            func flush(to position: Int) {
                if run < position { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[run..<position])) }
                run = position
            }
            func putAdded() {
                appendVarint(added[nextAdded].document - previous, to: &output)
                output += added[nextAdded].entry
                previous = added[nextAdded].document
                written += 1
                nextAdded += 1
            }
            while read < count {
                // Nothing left to change: what follows holds as it is.
                if nextAdded == added.count, previous == source, read > 0 ? lastRemoved <= source : lastRemoved < 0 {
                    offset = end
                    flush(to: end)
                    return written + count - read
                }
                // Entries before the next change hold as they are: passed in a tight loop.
                if previous == source {
                    let limit = min(nextAdded < added.count ? added[nextAdded].document : .max,
                                    nextRemoved < removed.count ? removed[nextRemoved] : .max)
                    var passed = false
                    while read < count {
                        let entryStart = offset
                        guard let (delta, _) = entry() else { return nil }
                        guard source + delta < limit else {
                            offset = entryStart
                            break
                        }
                        source += delta
                        written += 1
                        read += 1
                        passed = true
                    }
                    previous = source
                    if passed { continue }
                }
                let entryStart = offset
                guard let (delta, payload) = entry() else { return nil }
                let document = source + delta
                read += 1
                if nextAdded < added.count, added[nextAdded].document < document {
                    flush(to: entryStart)
                    while nextAdded < added.count, added[nextAdded].document < document { putAdded() }
                }
                while nextRemoved < removed.count, removed[nextRemoved] < document { nextRemoved += 1 }
                if nextRemoved < removed.count, removed[nextRemoved] == document {
                    flush(to: entryStart)
                    run = offset
                } else if previous != source {
                    flush(to: entryStart)
                    appendVarint(document - previous, to: &output)
                    run = payload
                    previous = document
                    written += 1
                } else {
                    previous = document
                    written += 1
                }
                source = document
            }
            guard offset == end else { return nil }
            flush(to: end)
            while nextAdded < added.count { putAdded() }
            return written
        }
    }
}
