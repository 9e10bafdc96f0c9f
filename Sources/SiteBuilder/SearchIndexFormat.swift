/// The binary encoding of the search index's shards (`search/index-K.bin`) and length tables
/// (`search/lengths-K.bin`), shared by the builder and `SearchEngine`; `assets/search.js` reads the
/// same bytes.
///
/// A shard is the bytes `UPS6`, then the number of tokens, then for each token in byte order:
/// its UTF-8 length and bytes, its kind (0 a single character, 1 a pair, 2 a filter), the number
/// of documents, the byte length of its entries (so a reader can skip tokens it does not need),
/// and one entry per document in document order. Every number is an unsigned LEB128
/// varint; document numbers are written as differences from the previous entry's.
/// - single character: `docDelta, count × 2 + h, [headlineCount]`, where `h` is 1 when the
///   headline has the character (then its count there follows) and 0 when not (most characters).
/// - pair: `docDelta, firstPosition × 2 + m, [positionCount, delta, …]`, where `m` is 1 when the
///   pair occurs more than once (then the count and the differences of the later positions
///   follow) and 0 when once (most pairs).
/// - filter: `docDelta`
///
/// A position counts Unicode scalars of the document's normalised headline parts (each followed by
/// a line break) and body; a pair stands in the headline when its position is below the headline's
/// length, which the length table gives once per document rather than every entry.
///
/// A document's length is not in its entries but in a length table: the bytes `UPL6`, then one byte
/// per document, its `lengthClass`, then a varint per document, its headline length, for the
/// `SearchIndex.lengthsPerFile` documents numbered `K × lengthsPerFile` on. So an edit that changes
/// a story's length, and not its headline or a token, changes one byte of one small table and no
/// entry: the shards of the tokens it kept stay as they are. The class depends on the document
/// alone (not on the average length of all of them, which `search/meta.json` gives), so an index
/// can be updated in place.
enum SearchIndexFormat {
    /// The first four bytes of every shard.
    static let magic: [UInt8] = Array("UPS6".utf8)

    /// The first four bytes of every length table.
    static let lengthsMagic: [UInt8] = Array("UPL6".utf8)

    /// A length in one byte: exact below 16, then a power of two and the three bits after it
    /// (within 6–12 %, enough for ranking); below 128 for any story shorter than 131,072
    /// characters, and no more than 255 for a story of any length.
    static func lengthClass(_ length: Int) -> Int {
        let length = min(max(1, length), Int(UInt32.max))
        guard length >= 16 else { return length }
        let exponent = Int.bitWidth - 1 - length.leadingZeroBitCount
        return 16 + (exponent - 4) * 8 + (length >> (exponent - 3)) & 7
    }

    /// The length table of documents whose lengths and headline lengths are these (in document
    /// order, as many of each): `lengthsMagic`, the number of documents, each one's class, then
    /// each one's headline length.
    static func lengthTable(_ lengths: some Collection<Int>, headlineLengths: some Collection<Int>) -> [UInt8] {
        precondition(lengths.count == headlineLengths.count, "a length table needs both lengths of every document")
        var bytes = lengthsMagic
        bytes.reserveCapacity(bytes.count + 3 + lengths.count * 2)
        appendVarint(lengths.count, to: &bytes)
        for length in lengths { bytes.append(UInt8(lengthClass(length))) }
        for length in headlineLengths { appendVarint(length, to: &bytes) }
        return bytes
    }

    /// What a length table holds of each of its documents, in document order.
    struct LengthTable: Equatable {
        /// Each document's `lengthClass`.
        var classes: [UInt8]
        /// Each document's headline length: the normalised headline parts' scalars, with a line
        /// break after each (a pair at a lower position stands in the headline).
        var headlineLengths: [Int]
    }

    /// The length table `bytes`; `nil` when it is not a well-formed one.
    static func lengthTable(_ bytes: [UInt8]) -> LengthTable? {
        guard bytes.starts(with: lengthsMagic) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> LengthTable? in
            var offset = lengthsMagic.count
            guard let count = varint(in: buffer, at: &offset, end: buffer.count), count <= buffer.count - offset else { return nil }
            let classes = Array(buffer[offset..<offset + count])
            offset += count
            var headlineLengths: [Int] = []
            headlineLengths.reserveCapacity(count)
            for _ in 0..<count {
                guard let length = varint(in: buffer, at: &offset, end: buffer.count) else { return nil }
                headlineLengths.append(length)
            }
            guard offset == buffer.count else { return nil }
            return LengthTable(classes: classes, headlineLengths: headlineLengths)
        }
    }

    /// The middle of the lengths of `lengthClass` `value`.
    static func length(ofClass value: Int) -> Double {
        guard value >= 16 else { return Double(max(1, value)) }
        let exponent = (value - 16) / 8 + 4
        let low = (8 + (value - 16) % 8) << (exponent - 3)
        return Double(low) + Double(1 << (exponent - 3)) / 2
    }

    /// Token kinds.
    enum Kind: UInt8 {
        case single = 0, pair = 1, filter = 2
    }

    /// Appends `value` as an unsigned LEB128 varint.
    static func appendVarint(_ value: Int, to bytes: inout [UInt8]) {
        var rest = UInt(max(0, value))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Writes `value` as an unsigned LEB128 varint at `offset` (moved past it) of the memory at
    /// `bytes`, without a check: for writers that made room for it beforehand (at most ten bytes;
    /// five below 2^35), for which a check of each byte costs more than its write.
    @inline(__always)
    static func writeVarint(_ value: Int, to bytes: UnsafeMutablePointer<UInt8>, at offset: inout Int) {
        var rest = UInt(max(0, value))
        while rest >= 0x80 {
            bytes[offset] = UInt8(truncatingIfNeeded: rest) | 0x80
            offset &+= 1
            rest >>= 7
        }
        bytes[offset] = UInt8(truncatingIfNeeded: rest)
        offset &+= 1
    }

    /// The unsigned LEB128 varint at `offset` (moved past it) in `buffer`, read no further than
    /// `end`; `nil` when it runs past `end`.
    static func varint(in buffer: UnsafeBufferPointer<UInt8>, at offset: inout Int, end: Int) -> Int? {
        var (value, shift) = (0, 0)
        while offset < end, shift < 63 {
            let byte = buffer[offset]
            offset += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    /// Reads varints and byte strings from a shard.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        /// The next varint, or `nil` past the end.
        mutating func varint() -> Int? {
            bytes.withUnsafeBufferPointer { SearchIndexFormat.varint(in: $0, at: &offset, end: $0.count) }
        }

        /// The next `count` bytes as UTF-8 text.
        mutating func text(_ count: Int) -> String? {
            guard count >= 0, offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
        }
    }

    /// One document's entry of a token.
    struct Entry {
        var document: Int
        var count = 0
        /// A single character's count in the headline; `nil` for a pair, whose positions tell
        /// (against the document's headline length, in its length table).
        var headlineCount: Int?
        var positions: [Int]?
    }

    /// Decodes the entries of `wanted` tokens from a shard; other tokens are skipped.
    static func decode(_ bytes: [UInt8], tokens wanted: Set<String>) -> [String: (kind: Kind, entries: [Entry])] {
        guard bytes.starts(with: magic) else { return [:] }
        var reader = Reader(bytes)
        reader.offset = magic.count
        var result: [String: (Kind, [Entry])] = [:]
        guard let tokenCount = reader.varint() else { return [:] }
        for _ in 0..<tokenCount {
            guard let length = reader.varint(), let token = reader.text(length),
                  reader.offset < bytes.count, let kind = Kind(rawValue: bytes[reader.offset]) else { break }
            reader.offset += 1
            guard let count = reader.varint(), let byteLength = reader.varint() else { break }
            guard wanted.contains(token) else {
                reader.offset += byteLength
                continue
            }
            var entries: [Entry] = []
            var document = 0
            for _ in 0..<count {
                guard let delta = reader.varint() else { break }
                document += delta
                var entry = Entry(document: document)
                switch kind {
                case .single:
                    let head = reader.varint() ?? 0
                    entry.count = head >> 1
                    entry.headlineCount = head & 1 == 1 ? reader.varint() ?? 0 : 0
                case .pair:
                    let head = reader.varint() ?? 0
                    var positions = [head >> 1]
                    if head & 1 == 1 {
                        let positionCount = reader.varint() ?? 1
                        positions.reserveCapacity(positionCount)
                        for _ in 1..<max(1, positionCount) { positions.append(positions[positions.count - 1] + (reader.varint() ?? 0)) }
                    }
                    entry.count = positions.count
                    entry.positions = positions
                case .filter:
                    break
                }
                entries.append(entry)
            }
            result[token] = (kind, entries)
        }
        return result
    }
}
