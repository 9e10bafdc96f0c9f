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
        guard let found = script.range(of: Data(placeholder)) else { return script }
        var result = script
        result.replaceSubrange(found, with: assignment)
        return result
    }

    /// `var T2S = "…";`, made once: the pairs are ideographs only, which as JSON need no escape,
    /// but are encoded as JSON anyway.
    private static let assignment: Data =
        Data("var T2S = ".utf8) + ((try? JSONEncoder().encode(SearchTokenizer.foldingPairs)) ?? Data("\"\"".utf8)) + Data(";".utf8)
}
