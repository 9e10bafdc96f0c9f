import Foundation
import Testing
@testable import SiteBuilder

@Suite("Removing an old output")
struct FolderRemovalTests {
    /// A site-like tree: files at the top, folders of folders, an empty folder, deep nesting, a name
    /// with spaces and Chinese, and links to a folder and a file outside the tree.
    private static func makeSiteLikeTree(outside: URL) throws -> URL {
        var files: [String: String] = ["index.html": "home", "feed.xml": "feed", "regions/index.html": "regions"]
        for article in 0..<40 { files["articles/story-\(article)/index.html"] = "story \(article)" }
        for shard in 0..<30 { files["search/index-\(shard).bin"] = "shard" }
        files["a/b/c/d/e/f/deep.txt"] = "deep"
        files["专题 文件夹/第 1 页.html"] = "中文"
        let root = try makeTree(files)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("articles/empty"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("linked-folder"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("articles/linked-file"),
                                                   withDestinationURL: outside.appendingPathComponent("keep.txt"))
        return root
    }

    @Test("everything in the folder is removed, and the folder; links are removed, not followed", arguments: [1, 3, 8])
    func removesTree(workers: Int) throws {
        let outside = try makeTree(["keep.txt": "keep", "inner/keep.txt": "keep"])
        defer { try? FileManager.default.removeItem(at: outside) }
        let root = try Self.makeSiteLikeTree(outside: outside)
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(FolderRemoval.remove(root.path, workers: workers))
        #expect(!FileManager.default.fileExists(atPath: root.path))
        // What the links pointed at is still there.
        #expect(try String(contentsOf: outside.appendingPathComponent("keep.txt"), encoding: .utf8) == "keep")
        #expect(try String(contentsOf: outside.appendingPathComponent("inner/keep.txt"), encoding: .utf8) == "keep")
    }

    @Test("a missing path counts as removed; a file or a link alone is removed")
    func singleItems() throws {
        let folder = try makeTree(["file.txt": "x", "target.txt": "y"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(FolderRemoval.remove(folder.appendingPathComponent("missing").path))
        #expect(FolderRemoval.remove(folder.appendingPathComponent("file.txt").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("file.txt").path))
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        #expect(FolderRemoval.remove(link.path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("target.txt").path))
    }

    @Test("an empty folder and a folder of files only are removed")
    func shallowTrees() throws {
        let empty = try makeTree([:])
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(FolderRemoval.remove(empty.path))
        #expect(!FileManager.default.fileExists(atPath: empty.path))
        let flat = try makeTree(Dictionary(uniqueKeysWithValues: (0..<50).map { ("page-\($0).html", "\($0)") }))
        #expect(FolderRemoval.remove(flat.path))
        #expect(!FileManager.default.fileExists(atPath: flat.path))
    }
}
