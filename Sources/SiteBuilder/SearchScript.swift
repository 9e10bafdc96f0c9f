import Foundation

/// The page's search script as a site carries it: `Templates/Assets/search.js` with the
/// traditional-to-simplified table the index was folded with written in, so that a query folds
/// as the stories did (`SearchTokenizer`).
enum SearchScript {
    /// The line of the script the table goes into.
    static let placeholder = Array("var T2S = \"\";".utf8)

    /// `script` with the folding table written in, as a JSON string; unchanged when it has no
    /// placeholder (the test checks that the asset has one).
    static func withFolding(_ script: Data) -> Data {
        let bytes = [UInt8](script)
        guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: placeholder) }) else { return script }
        // The pairs are ideographs only: as JSON they need no escape, but are encoded as JSON anyway.
        let pairs = (try? JSONEncoder().encode(SearchTokenizer.foldingPairs)) ?? Data("\"\"".utf8)
        return Data(bytes[..<start]) + Data("var T2S = ".utf8) + pairs + Data(";".utf8) + Data(bytes[(start + placeholder.count)...])
    }
}
