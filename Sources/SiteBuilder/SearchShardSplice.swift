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
    /// - Returns: the number of entries written, or `nil` when the entries are not well formed.
    private static func spliceEntries(_ bytes: [UInt8], _ range: Range<Int>, count: Int, kind: Kind, removing removed: [Int],
                                      adding added: [(document: Int, entry: ArraySlice<UInt8>)], into output: inout [UInt8]) -> Int? {
        // Walked through a raw buffer: long lists (a common character's) are most of the work.
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            var offset = range.lowerBound
            func varint() -> Int? { SearchIndexFormat.varint(in: buffer, at: &offset, end: range.upperBound) }
            var (document, previous, written, nextRemoved, nextAdded) = (0, 0, 0, 0, 0)
            func putAdded() {
                appendVarint(added[nextAdded].document - previous, to: &output)
                output += added[nextAdded].entry
                previous = added[nextAdded].document
                written += 1
                nextAdded += 1
            }
            for _ in 0..<count {
                guard let delta = varint() else { return nil }
                document += delta
                let start = offset
                let fields: Int
                switch kind {
                case .single: fields = 3
                case .pair:
                    guard varint() != nil, varint() != nil, let positions = varint() else { return nil }
                    fields = positions
                case .filter: fields = 0
                }
                for _ in 0..<fields { guard varint() != nil else { return nil } }
                while nextAdded < added.count, added[nextAdded].document < document { putAdded() }
                while nextRemoved < removed.count, removed[nextRemoved] < document { nextRemoved += 1 }
                if nextRemoved < removed.count, removed[nextRemoved] == document { continue }
                appendVarint(document - previous, to: &output)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<offset]))
                previous = document
                written += 1
            }
            guard offset == range.upperBound else { return nil }
            while nextAdded < added.count { putAdded() }
            return written
        }
    }
}
