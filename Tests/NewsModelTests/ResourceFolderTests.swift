import Foundation
import Testing
import NewsModel

/// The loader's tables and the site's assets are read from the resource folders SwiftPM copies
/// beside the program; when that lookup misses, each module falls back to the slower
/// `Bundle.module`, so a miss would go unnoticed but for these tests.
@Suite("ResourceFolder")
struct ResourceFolderTests {
    /// The repository's root, from this file's path.
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test("a bundled file is found beside the program, with the bytes of the file in the source tree",
          arguments: [("NewsLoader", "Resources/gazetteer.tsv", "Sources/NewsLoader/Resources/gazetteer.tsv"),
                      ("NewsLoader", "Resources/pinyin-chars.tsv", "Sources/NewsLoader/Resources/pinyin-chars.tsv"),
                      ("Templates", "Assets/site.css", "Templates/Assets/site.css")])
    func findsBundledFile(target: String, file: String, original: String) throws {
        let path = try #require(ResourceFolder.path(of: file, target: target))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: Self.repository.appendingPathComponent(original)))
    }

    @Test("a file the folder does not hold, or a folder, is not found")
    func missesWhatIsNotAFile() {
        #expect(ResourceFolder.path(of: "Resources/no-such-table.tsv", target: "NewsLoader") == nil)
        #expect(ResourceFolder.path(of: "Resources", target: "NewsLoader") == nil)
        #expect(ResourceFolder.path(of: "Resources/gazetteer.tsv", target: "NoSuchTarget") == nil)
    }
}
