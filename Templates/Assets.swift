import Foundation
import NewsModel

/// The static files every site carries: the stylesheet and the search script.
public enum Assets {
    /// Site-relative paths and contents of every asset.
    public static func all() throws -> [(path: String, contents: Data)] {
        try ["site.css", "search.js"].map { name in
            let parts = name.split(separator: ".")
            guard let url = ResourceFolder.url(String(parts[0]), String(parts[1]), subdirectory: "Assets", target: "Templates",
                                               bundle: Bundle.module) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "Templates/Assets/\(name)"])
            }
            return ("assets/\(name)", try Data(contentsOf: url))
        }
    }
}
