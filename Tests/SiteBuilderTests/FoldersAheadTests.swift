import Foundation
import NewsModel
@testable import SiteBuilder
import Testing

/// A whole build makes its folders on a thread of its own, ahead of the writers, who make those
/// they reach first: whoever makes a folder, the output is the files written and their folders,
/// and a build given up leaves nothing behind.
@Suite("Folders made ahead of the writers")
struct FoldersAheadTests {
    /// Site-relative paths of `count` pages, each in a folder of its own under one of a few
    /// sections, as a site's pages are.
    static func pagePaths(_ count: Int) -> [String] {
        (0..<count).map { "section-\($0 % 3)/page-\($0)/index.html" }
    }

    /// Every folder and file under `root`, site-relative.
    static func tree(_ root: URL) throws -> (folders: Set<String>, files: [String: Data]) {
        var folders = Set<String>()
        var files: [String: Data] = [:]
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: root.path) else { return (folders, files) }
        for case let relative as String in enumerator {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: root.path + "/" + relative, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                folders.insert(relative)
            } else if relative != DiskOutput.markerName {
                files[relative] = try Data(contentsOf: root.appendingPathComponent(relative))
            }
        }
        return (folders, files)
    }

    @Test("files written on two threads while their folders are made ahead come out whole, with no other folder",
          arguments: [0, 600])
    func writtenWhileFoldersAreMade(writtenFirst: Int) throws {
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: parent) }
        let source = try makeTree(["story.md": "x"])
        defer { try? FileManager.default.removeItem(at: source) }
        let output = parent.appendingPathComponent("public")
        let paths = Self.pagePaths(2_000)
        let disk = try DiskOutput(output: output, source: source, update: false)
        // Writers that start before the folders are made ahead make their own.
        for path in paths.prefix(writtenFirst) { try disk.write(path, utf8: Array("<p>\(path)</p>".utf8)) }
        disk.makeFoldersAhead(of: paths)
        try Parallel.forEach(paths.count - writtenFirst) { index in
            let path = paths[writtenFirst + index]
            try disk.write(path, utf8: Array("<p>\(path)</p>".utf8))
        }
        try disk.commit()

        let (folders, files) = try Self.tree(output)
        #expect(files.count == paths.count)
        #expect(paths.allSatisfy { files[$0] == Data("<p>\($0)</p>".utf8) })
        let expectedFolders = Set(paths.flatMap { path -> [String] in
            let folder = String(path.dropLast("/index.html".count))
            return [folder, String(folder.prefix { $0 != "/" })]
        })
        #expect(folders == expectedFolders)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["public"])
    }

    @Test("a build given up while its folders are being made leaves neither an output nor a staging folder")
    func discardedWhileFoldersAreMade() throws {
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: parent) }
        let source = try makeTree(["story.md": "x"])
        defer { try? FileManager.default.removeItem(at: source) }
        let disk = try DiskOutput(output: parent.appendingPathComponent("public"), source: source, update: false)
        disk.makeFoldersAhead(of: Self.pagePaths(20_000))
        disk.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])
    }
}
