/// The binary encoding of the search index's shards (`search/index-K.bin`), shared by the builder
/// and `SearchEngine`; `assets/search.js` reads the same bytes.
///
/// A shard is the bytes `UPS3`, then the number of tokens, then for each token in byte order:
/// its UTF-8 length and bytes, its kind (0 a single character, 1 a pair, 2 a filter), the number
/// of documents, the byte length of its entries (so a reader can skip tokens it does not need),
/// and one entry per document in document order. Every number is an unsigned LEB128
/// varint; document numbers are written as differences from the previous entry's.
/// - single character: `docDelta, lengthTenths, count, headlineCount`
/// - pair: `docDelta, headlineLength, lengthTenths, positionCount, firstPosition, delta, …`
/// - filter: `docDelta`
enum SearchIndexFormat {
    /// The first four bytes of every shard.
    static let magic: [UInt8] = Array("UPS3".utf8)

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

    /// Reads varints and byte strings from a shard.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        /// The next varint, or `nil` past the end.
        mutating func varint() -> Int? {
            var value = 0
            var shift = 0
            while offset < bytes.count, shift < 63 {
                let byte = bytes[offset]
                offset += 1
                value |= Int(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
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
        var headlineLength = 0
        var lengthTenths = 10
        var count = 0
        var headlineCount = 0
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
            let keep = true
            var document = 0
            for _ in 0..<count {
                guard let delta = reader.varint() else { break }
                document += delta
                var entry = Entry(document: document)
                switch kind {
                case .single:
                    entry.lengthTenths = reader.varint() ?? 10
                    entry.count = reader.varint() ?? 0
                    entry.headlineCount = reader.varint() ?? 0
                case .pair:
                    entry.headlineLength = reader.varint() ?? 0
                    entry.lengthTenths = reader.varint() ?? 10
                    let positionCount = reader.varint() ?? 0
                    var positions: [Int] = []
                    positions.reserveCapacity(positionCount)
                    var at = 0
                    for index in 0..<positionCount {
                        let value = reader.varint() ?? 0
                        at = index == 0 ? value : at + value
                        positions.append(at)
                    }
                    entry.count = positionCount
                    entry.headlineCount = positions.prefix { $0 < entry.headlineLength }.count
                    entry.positions = positions
                case .filter:
                    break
                }
                if keep { entries.append(entry) }
            }
            if keep { result[token] = (kind, entries) }
        }
        return result
    }
}
