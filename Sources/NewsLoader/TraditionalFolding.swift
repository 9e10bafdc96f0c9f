/// Folds traditional characters to simplified, one character for one, so that a reprint set in
/// traditional characters (蕭山區總工會) finds the same places and topics as simplified text.
///
/// The table is generated from OpenCC's t2s dictionary by `scripts/gen-t2s.py`.
public struct TraditionalFolding: Sendable {
    private let table: [Character: Character]

    /// Builds the folding from TSV lines `traditional<TAB>simplified`.
    public init(tsv: String) {
        var table: [Character: Character] = [:]
        for line in tsv.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, fields[0].count == 1, fields[1].count == 1,
                  let from = fields[0].first, let to = fields[1].first else { continue }
            table[from] = to
        }
        self.table = table
    }

    /// The folding built from the bundled table.
    public static func bundled() throws -> TraditionalFolding {
        TraditionalFolding(tsv: try BundledResource.text("t2s-chars", "tsv"))
    }

    /// `text` in simplified characters; characters with no simplified form are kept.
    public func fold(_ text: String) -> String {
        guard text.contains(where: { table[$0] != nil }) else { return text }
        return String(text.map { table[$0] ?? $0 })
    }
}
