import Foundation
import NewsLoader
import NewsModel

/// The search tokenizer. `Templates/Assets/search.js` implements the same rules, and the shared
/// vectors in `Tests/SiteBuilderTests/Fixtures/search-vectors.json` keep the two equal.
///
/// - Text is normalised character by character: Unicode NFKC, then lowercase (full-width and
///   half-width forms fold together), then traditional characters to simplified (工會 is found as
///   工会, and the other way round; `TraditionalFolding`, one scalar for one, the table carried into
///   the page's script by `SearchScript`). Positions count Unicode scalars of the normalised text.
/// - Word characters come in two classes, CJK (Han, kana) and Latin letters and digits. A maximal
///   run of one class gives every character (a unigram) and every overlapping pair (a bigram), so
///   any substring can be found, a word cut in the middle included.
/// - Everything else separates runs.
public enum SearchTokenizer {
    /// A token and where it starts.
    public struct Token: Hashable, Sendable {
        /// The token text: one or two normalised characters.
        public var text: String
        /// Scalar offset of its first character in the normalised text.
        public var position: Int
        /// True for a pair of characters.
        public var isBigram: Bool { text.unicodeScalars.count == 2 }
    }

    /// The class of a normalised scalar: 1 CJK, 2 Latin letter or digit, 0 neither.
    @inline(__always)
    static func characterClass(_ scalar: Unicode.Scalar) -> Int {
        // Ideographs first, with a branch of their own: most scalars of Chinese text are, and the
        // compiler would otherwise fold this test into a vector compare of every range below.
        if scalar.value &- 0x4E00 < 0x5200 { return 1 }
        return characterClassBeyondIdeographs(scalar.value)
    }

    /// `characterClass` for a scalar that is not a CJK unified ideograph of U+4E00–U+9FFF.
    @inline(never)
    private static func characterClassBeyondIdeographs(_ value: UInt32) -> Int {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2A6DF, 0x3040...0x30FF: return 1
        case 0x30...0x39, 0x61...0x7A: return 2
        default: return 0
        }
    }

    /// `text` normalised as the index sees it: each Unicode scalar on its own in NFKC, then
    /// lowercased, then folded to simplified — scalar by scalar, so that JavaScript, which walks code
    /// points, gets the same text.
    public static func normalize(_ text: String) -> String {
        var normalizer = Normalizer()
        var scalars: [Unicode.Scalar] = []
        normalizer.append(text, to: &scalars)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    /// The traditional-to-simplified folding of the index and the page: one bit per scalar value
    /// below `foldLimit` set for a scalar the table changes, and the table.
    static let folding: (bits: [UInt64], table: [UInt32: Unicode.Scalar]) = {
        var bits = [UInt64](repeating: 0, count: Int(foldLimit) / 64)
        var table: [UInt32: Unicode.Scalar] = [:]
        for (traditional, simplified) in foldingTable where traditional.value < foldLimit {
            bits[Int(traditional.value) / 64] |= 1 << UInt64(traditional.value % 64)
            table[traditional.value] = simplified
        }
        return (bits, table)
    }()
    static let foldLimit: UInt32 = 0x3_0000

    /// The loader's table (`TraditionalFolding`), in scalar order: the same for the index and the
    /// page's script (a table that cannot be read folds nothing, on both sides alike).
    private static let foldingTable = (try? TraditionalFolding.bundled())?.pairs ?? []

    /// The folding's pairs as one string, traditional then simplified, for the page's script.
    public static let foldingPairs: String = {
        var pairs = String.UnicodeScalarView()
        for (traditional, simplified) in foldingTable where traditional.value < foldLimit {
            pairs.append(traditional)
            pairs.append(simplified)
        }
        return String(pairs)
    }()

    /// `value` folded to simplified; `bits` is `folding.bits`.
    @inline(__always)
    static func folded(_ value: UInt32, _ bits: UnsafeBufferPointer<UInt64>) -> UInt32 {
        guard value < foldLimit, bits[Int(value &>> 6)] &>> UInt64(value & 63) & 1 != 0 else { return value }
        return folding.table[value]?.value ?? value
    }

    /// `normalize` as scalars, for the index builder: ASCII and CJK unified ideographs (which NFKC
    /// and lowercasing leave alone) are mapped without Foundation, everything else once per scalar.
    struct Normalizer {
        private var cache: [UInt32: [Unicode.Scalar]] = [:]

        /// Appends the normalised scalars of `text` to `scalars`.
        mutating func append(_ text: String, to scalars: inout [Unicode.Scalar]) {
            var text = text
            text.withUTF8 { append(utf8: $0, to: &scalars) }
        }

        /// Appends the normalised scalars of the text whose valid UTF-8 bytes are `bytes`.
        mutating func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to scalars: inout [Unicode.Scalar]) {
            SearchTokenizer.folding.bits.withUnsafeBufferPointer { bits in append(utf8: bytes, to: &scalars, folding: bits) }
        }

        private mutating func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to scalars: inout [Unicode.Scalar],
                                     folding bits: UnsafeBufferPointer<UInt64>) {
            // Decoded from the UTF-8 bytes, which costs less than the scalar view's iterator; a
            // value decoded from valid UTF-8 is a valid scalar.
            var index = 0
            while index < bytes.count {
                // Written through a pointer into room for every byte left: a byte starts at most
                // one scalar, and a scalar maps to no more scalars than it has bytes but for a
                // few (`½` → `1⁄2`), which end the run and are appended on their own.
                let start = scalars.count
                let room = bytes.count - index
                scalars.append(contentsOf: repeatElement(Unicode.Scalar(0), count: room))
                var written = start
                var several: [Unicode.Scalar]?
                scalars.withUnsafeMutableBufferPointer { buffer in
                    let out = buffer.baseAddress!
                    while index < bytes.count {
                        let lead = bytes[index]
                        // ASCII and the ideographs of U+5000–U+9FFF (lead bytes E5–E9, three
                        // bytes long) first, with branches of their own: nearly every scalar of a story.
                        if lead < 0x80 {
                            out[written] = Unicode.Scalar(lead &+ (lead &- 0x41 < 26 ? 32 : 0))
                            written += 1
                            index += 1
                            continue
                        }
                        if index + 2 < bytes.count, lead &- 0xE5 < 5 {
                            let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                            out[written] = unsafeBitCast(SearchTokenizer.folded(value, bits), to: Unicode.Scalar.self)
                            written += 1
                            index += 3
                            continue
                        }
                        let byteStart = index
                        let value = TextMetrics.decode(bytes, &index)
                        let mapped: Unicode.Scalar
                        switch value {
                        case 0x41...0x5A: mapped = unsafeBitCast(value + 32, to: Unicode.Scalar.self)
                        case 0...0x7F: mapped = unsafeBitCast(value, to: Unicode.Scalar.self)
                        case 0x4E00...0x9FFF, 0x3400...0x4DBF: mapped = unsafeBitCast(SearchTokenizer.folded(value, bits), to: Unicode.Scalar.self)
                        default:
                            // Folded already, as `mapping` made the table.
                            if let single = Self.singleMapping(value) {
                                mapped = single
                                break
                            }
                            let mapping = cache[value] ?? {
                                let mapping = Self.mapping(unsafeBitCast(value, to: Unicode.Scalar.self))
                                cache[value] = mapping
                                return mapping
                            }()
                            // No more scalars than the character had bytes (`…` is `...`) fit:
                            // each byte left still has its room.
                            guard mapping.count <= index - byteStart else {
                                several = mapping
                                return
                            }
                            for scalar in mapping {
                                out[written] = scalar
                                written += 1
                            }
                            continue
                        }
                        out[written] = mapped
                        written += 1
                    }
                }
                scalars.removeLast(start + room - written)
                if let several { scalars.append(contentsOf: several) }
            }
        }

        /// A scalar normalised on its own: NFKC, then lowercase, then folded to simplified.
        static func mapping(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
            SearchTokenizer.folding.bits.withUnsafeBufferPointer { bits in
                String(scalar).precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.map {
                    unsafeBitCast(SearchTokenizer.folded($0.value, bits), to: Unicode.Scalar.self)
                }
            }
        }

        /// The blocks Chinese text takes its punctuation and symbols from (Latin-1, general
        /// punctuation, CJK symbols, full-width forms), mapped once for every document and worker.
        private static let commonBlocks: [(start: UInt32, mapped: [Unicode.Scalar?])] =
            [(0x80, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF)].map { start, end in
                (start, (start...end).map { value in
                    guard let scalar = Unicode.Scalar(value) else { return nil }
                    let mapped = mapping(scalar)
                    return mapped.count == 1 ? mapped[0] : nil
                })
            }

        /// The mapping of a scalar of the common blocks that maps to exactly one scalar; `nil` for
        /// any other scalar.
        private static func singleMapping(_ value: UInt32) -> Unicode.Scalar? {
            for block in commonBlocks where value >= block.start && value - block.start < block.mapped.count {
                return block.mapped[Int(value - block.start)]
            }
            return nil
        }
    }

    /// Every unigram and bigram of already normalised text, with positions, in text order.
    public static func documentTokens(normalized: String) -> [Token] {
        var tokens: [Token] = []
        var previous: (scalar: Unicode.Scalar, cls: Int)?
        for (position, scalar) in normalized.unicodeScalars.enumerated() {
            let cls = characterClass(scalar)
            guard cls != 0 else { previous = nil; continue }
            tokens.append(Token(text: String(scalar), position: position))
            if let previous, previous.cls == cls {
                tokens.append(Token(text: String(previous.scalar) + String(scalar), position: position - 1))
            }
            previous = (scalar, cls)
        }
        return tokens
    }

    /// A query term: the tokens that must stand at fixed offsets from one another.
    public struct Term: Hashable, Sendable {
        /// The normalised term.
        public var text: String
        /// Tokens with offsets relative to the term's start: the bigrams of each run, or the single
        /// character of a one-character run.
        public var tokens: [Token]
    }

    /// The terms of a query: separated by white space, each normalised; a term with no word
    /// character (punctuation only) is dropped.
    public static func queryTerms(_ query: String) -> [Term] {
        normalize(query).split(whereSeparator: \.isWhitespace).compactMap { word in
            let text = String(word)
            var tokens: [Token] = []
            var run: [(Unicode.Scalar, Int)] = []
            var runClass = 0
            func flush() {
                if run.count == 1 {
                    tokens.append(Token(text: String(run[0].0), position: run[0].1))
                } else if run.count > 1 {
                    for index in 0..<(run.count - 1) {
                        tokens.append(Token(text: String(run[index].0) + String(run[index + 1].0), position: run[index].1))
                    }
                }
                run = []
            }
            for (position, scalar) in text.unicodeScalars.enumerated() {
                let cls = characterClass(scalar)
                if cls != runClass { flush() }
                runClass = cls
                if cls != 0 { run.append((scalar, position)) }
            }
            flush()
            return tokens.isEmpty ? nil : Term(text: text, tokens: tokens)
        }
    }

    /// The 32-bit FNV-1a hash of the token's UTF-8 bytes: which shard a token lives in.
    public static func shardHash(_ token: String) -> UInt32 { shardHash(utf8: Array(token.utf8)) }

    /// `shardHash` of a token given as UTF-8 bytes.
    static func shardHash(utf8 bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }
}
