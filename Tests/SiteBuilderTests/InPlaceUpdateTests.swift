import Foundation
import NewsLoader
@testable import SiteBuilder
import Testing

/// An update writes its changed files over the output's in place (replacing a file would free its
/// blocks), except where that would write through another link.
@Suite("Updates written in place", .serialized)
struct InPlaceUpdateTests {
    /// The inode of the file at `path`.
    static func inode(_ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require((attributes[.systemFileNumber] as? NSNumber)?.uint64Value)
    }

    /// The page of story 1 of `IncrementalBuildTests.sources()`, and its source edited.
    static func editedStory(in source: URL) throws -> String {
        try IncrementalBuildTests.apply(["archive/story-1.md": markdownArticle(
            title: "第1号职工服务站建成", date: "2023-03-11", regions: "宁波市", topics: "职工服务, 产改",
            body: "第1个服务站改为全天开放，职工可随时休息、饮水和充电。")], to: source)
        return "archive/story-1.md"
    }

    @Test("a changed page is written over its file in place, and the output equals a clean build")
    func overwrittenInPlace() throws {
        try IncrementalBuildTests.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let page = try #require(try outputFiles(output).keys.first { $0.hasPrefix("articles/di-1-hao-") })
            let before = try Self.inode(output.path + "/" + page)
            let beforeBytes = try Data(contentsOf: output.appendingPathComponent(page))
            _ = try Self.editedStory(in: source)
            let report = try Site(loader: testLoader).build(source: source, output: output)
            #expect(report.written > 0 && report.written < report.files)
            #expect(try Data(contentsOf: output.appendingPathComponent(page)) != beforeBytes)
            #expect(try Self.inode(output.path + "/" + page) == before)
            #expect(differences(try outputFiles(output), try IncrementalBuildTests.cleanBuild(source)) == [])
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(DiskOutput.journalName).path))
            // And the next build trusts what it wrote: nothing to write.
            #expect(try Site(loader: testLoader).build(source: source, output: output).written == 0)
        }
    }

    @Test("a page linked from elsewhere too (a hard-linked snapshot) is replaced, and the snapshot keeps its bytes")
    func linkedFileReplaced() throws {
        try IncrementalBuildTests.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let page = try #require(try outputFiles(output).keys.first { $0.hasPrefix("articles/di-1-hao-") })
            let snapshot = output.deletingLastPathComponent().appendingPathComponent("snapshot.html")
            try FileManager.default.linkItem(atPath: output.path + "/" + page, toPath: snapshot.path)
            let old = try Data(contentsOf: snapshot)
            _ = try Self.editedStory(in: source)
            _ = try Site(loader: testLoader).build(source: source, output: output)
            #expect(try Data(contentsOf: snapshot) == old)
            #expect(try Data(contentsOf: output.appendingPathComponent(page)) != old)
            #expect(try Self.inode(output.path + "/" + page) != Self.inode(snapshot.path))
            #expect(differences(try outputFiles(output), try IncrementalBuildTests.cleanBuild(source)) == [])
        }
    }

    @Test("files that fit their blocks are written in place; new, grown, linked and over-budget ones are staged; all come out whole")
    func heldAndStaged() throws {
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: parent) }
        let (source, output) = (parent.appendingPathComponent("src"), parent.appendingPathComponent("public"))
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: output.appendingPathComponent("a"), withIntermediateDirectories: true)
        let old = Data(String(repeating: "旧", count: 100).utf8)
        for name in [DiskOutput.markerName, "a/short.html", "a/long.html", "a/grown.html", "a/linked.html", "staged.html"] {
            try old.write(to: output.appendingPathComponent(name))
        }
        try FileManager.default.linkItem(atPath: output.path + "/a/linked.html", toPath: parent.path + "/other.html")
        var inodes: [String: UInt64] = [:]
        for name in ["a/short.html", "a/long.html", "a/grown.html", "a/linked.html", "staged.html"] {
            inodes[name] = try Self.inode(output.path + "/" + name)
        }
        let disk = try DiskOutput(output: output, source: source, update: true, heldBudget: 2_000)
        let files: [(String, [UInt8])] = [
            ("a/short.html", Array("新".utf8)), ("a/long.html", Array(String(repeating: "新", count: 300).utf8)),
            ("a/grown.html", Array(String(repeating: "长", count: 2_000).utf8)),  // more than its one block
            ("a/linked.html", Array("新的".utf8)), ("b/new.html", Array("新文件".utf8)),
            ("staged.html", Array(String(repeating: "大", count: 400).utf8)),  // beyond the budget
        ]
        // A path written twice is put in place with the bytes written last.
        try disk.write("a/short.html", utf8: Array("先写的".utf8))
        for (path, bytes) in files { try disk.write(path, utf8: bytes) }
        try disk.writeHeldInPlace()
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(DiskOutput.journalName).path))
        for (path, _) in files { #expect(disk.stamp(of: path) != nil, "\(path)") }
        try disk.commitChanges(written: files.map(\.0), removed: []) { _ in }
        for (path, bytes) in files { #expect(try Array(Data(contentsOf: output.appendingPathComponent(path))) == bytes, "\(path)") }
        #expect(try Data(contentsOf: parent.appendingPathComponent("other.html")) == old)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(DiskOutput.journalName).path))
        #expect(!FileManager.default.fileExists(atPath: disk.staging.path))
        // Written in place: the same files; staged: new ones.
        for name in ["a/short.html", "a/long.html"] { #expect(try Self.inode(output.path + "/" + name) == inodes[name], "\(name)") }
        for name in ["a/grown.html", "a/linked.html", "staged.html"] { #expect(try Self.inode(output.path + "/" + name) != inodes[name], "\(name)") }
        // The stamps recorded are the files' own.
        for (path, _) in files {
            #expect(disk.stamp(of: path)?.inode == (try Self.inode(output.path + "/" + path)), "\(path)")
        }
    }
}
