import NewsModel

/// Folds traditional characters to simplified, one character for one, so that a reprint set in
/// traditional characters (蕭山區總工會) finds the same places and topics as simplified text.
///
/// The table is generated from OpenCC's t2s dictionary by `scripts/gen-t2s.py`.
public struct TraditionalFolding: Sendable {
    /// Simplified forms by traditional scalar value.
    private let table: [UInt32: Unicode.Scalar]
    /// One bit per scalar value below `bitmapLimit`: set when the table has the scalar, so that the
    /// common case — a character with no other form — costs no hashing.
    private let bitmap: [UInt64]
    private static let bitmapLimit: UInt32 = 0x3_0000

    /// Builds the folding from TSV lines `traditional<TAB>simplified`; lines that do not map one
    /// Unicode scalar to one are skipped.
    public init(tsv: String) {
        var table: [UInt32: Unicode.Scalar] = [:]
        var bitmap = [UInt64](repeating: 0, count: Int(Self.bitmapLimit) / 64)
        // Read as UTF-8 bytes, a line at a time (a table has thousands of lines, read on every build).
        var text = tsv
        text.withUTF8 { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                let contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] == UInt8(ascii: "\r") ? lineEnd - 1 : lineEnd
                // The non-empty runs between tabs.
                let fields = bytes[lineStart..<contentEnd].split(separator: UInt8(ascii: "\t"))
                lineStart = lineEnd + 1
                guard fields.count == 2, let from = ChineseText.leadingScalar(of: fields[0]), from.isOnly,
                      let to = ChineseText.leadingScalar(of: fields[1]), to.isOnly else { continue }
                table[from.scalar.value] = to.scalar
                let value = from.scalar.value
                if value < Self.bitmapLimit { bitmap[Int(value) / 64] |= 1 << UInt64(value % 64) }
            }
        }
        self.table = table
        self.bitmap = bitmap
    }

    /// Every traditional scalar the folding changes, with its simplified form, in scalar order.
    public var pairs: [(traditional: Unicode.Scalar, simplified: Unicode.Scalar)] {
        table.sorted { $0.key < $1.key }.compactMap { key, value in Unicode.Scalar(key).map { ($0, value) } }
    }

    /// The folding built from the bundled table, read once per process (the loader and the search
    /// index both fold with it).
    public static func bundled() throws -> TraditionalFolding {
        try bundledOnce.get()
    }

    private static let bundledOnce = Result { TraditionalFolding(tsv: try BundledResource.text("t2s-chars", "tsv")) }

    /// The simplified form of the scalar `value`, when the table has one; `bits` is the bitmap,
    /// so that a character with no other form costs no hashing.
    @inline(__always)
    private func simplified(_ value: UInt32, bits: UnsafeBufferPointer<UInt64>) -> Unicode.Scalar? {
        if value < Self.bitmapLimit, bits[Int(value &>> 6)] &>> UInt64(value & 63) & 1 == 0 { return nil }
        return table[value]
    }

    /// `text` in simplified characters; characters with no simplified form are kept.
    public func fold(_ text: String) -> String {
        bitmap.withUnsafeBufferPointer { bits in
            // Looked for over UTF-8 bytes first: ASCII never folds, and Swift's scalar view costs
            // more than the lookup.
            var copy = text
            let folds = copy.withUTF8 { bytes in
                var index = 0
                while index < bytes.count {
                    if bytes[index] < 0x80 {
                        index += 1
                        continue
                    }
                    if simplified(TextMetrics.decode(bytes, &index), bits: bits) != nil { return true }
                }
                return false
            }
            guard folds else { return text }
            var result = String.UnicodeScalarView()
            result.append(contentsOf: text.unicodeScalars.lazy.map { simplified($0.value, bits: bits) ?? $0 })
            return String(result)
        }
    }
}
