import Foundation
import NewsModel

/// The static files every site carries: the stylesheet and the search script.
public enum Assets {
    /// Site-relative paths and contents of every asset.
    public static func all() throws -> [(path: String, contents: Data)] {
        try ["site.css", "search.js"].map { name in
            if let path = ResourceFolder.path(of: "Assets/\(name)", target: "Templates") {
                return ("assets/\(name)", try Data(contentsOf: URL(fileURLWithPath: path, isDirectory: false)))
            }
            let parts = name.split(separator: ".")
            guard let url = Bundle.module.url(forResource: String(parts[0]), withExtension: String(parts[1]), subdirectory: "Assets")
                ?? Bundle.module.url(forResource: String(parts[0]), withExtension: String(parts[1])) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "Templates/Assets/\(name)"])
            }
            return ("assets/\(name)", try Data(contentsOf: url))
        }
    }
}
