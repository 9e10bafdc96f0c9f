import Foundation
import NewsModel

/// The static files every site carries: the stylesheet and the search script.
public enum Assets {
    /// Site-relative paths and contents of every asset, as read the first time.
    public static func all() throws -> [(path: String, contents: Data)] { try bundled.get() }

    /// A fingerprint of every asset's path and bytes (0 when they cannot be read: the build that
    /// copies them then fails naming the file). The assets are files beside the program, not part
    /// of it: a state made with other assets is another program's (see `BuildState`).
    public static func fingerprint() -> UInt64 {
        guard let assets = try? all() else { return 0 }
        var fingerprint = Fingerprint(seed: 0x4153_5345_5453)
        for asset in assets {
            fingerprint.combine(asset.path)
            asset.contents.withUnsafeBytes { fingerprint.combine(bytes: $0) }
        }
        return fingerprint.value
    }

    private static let bundled = Result { () throws -> [(path: String, contents: Data)] in
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
