import Foundation
import Testing
@testable import PreviewServer

/// The watcher's view of the source folder: what counts as a change.
@Suite("the source watcher sees new, changed, removed and renamed files")
struct SourceTreeTests {
    @Test("new, changed, removed and renamed files; hidden and unrelated files ignored")
    func changes() throws {
        let folder = try SourceFolder(["a.md": "one", "pages/b.txt": "two", "c.md": "three"])
        defer { folder.remove() }
        let before = SourceTree.scan(folder.url)
        #expect(before.files.keys.sorted() == ["a.md", "c.md", "pages/b.txt"])

        try folder.write("a.md", "one, longer now")
        try folder.write("pages/new.txt", "four")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("pages/b.txt"))
        try FileManager.default.moveItem(at: folder.url.appendingPathComponent("c.md"), to: folder.url.appendingPathComponent("d.md"))
        try folder.write(".a.md.swp", "editor swap file")
        try folder.write(".hidden/e.md", "hidden folder")
        try folder.write("notes.tmp", "not a source")
        let after = SourceTree.scan(folder.url)
        let changes = before.changes(to: after)
        #expect(changes.modified == ["a.md"])
        #expect(changes.added == ["pages/new.txt"])
        #expect(changes.removed == ["pages/b.txt"])
        #expect(changes.renamed == [.init(from: "c.md", to: "d.md")])
        #expect(changes.description == "changed a.md; added pages/new.txt; removed pages/b.txt; renamed c.md → d.md")
        #expect(after.changes(to: SourceTree.scan(folder.url)).isEmpty)
    }

    @Test("an entry the build refuses (a link named as a source) is watched as present, and the other files still are")
    func refusedEntryWatched() throws {
        let folder = try SourceFolder(["a.md": "one", "b.md": "two"])
        defer { folder.remove() }
        let before = SourceTree.scan(folder.url)
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/link.md", withDestinationPath: folder.url.path + "/a.md")
        let linked = SourceTree.scan(folder.url)
        #expect(before.changes(to: linked).added == ["link.md"])
        try folder.write("b.md", "two, edited while the link is there")
        let edited = SourceTree.scan(folder.url)
        #expect(linked.changes(to: edited).modified == ["b.md"])
        try FileManager.default.removeItem(atPath: folder.url.path + "/link.md")
        #expect(edited.changes(to: SourceTree.scan(folder.url)).removed == ["link.md"])
    }

    @Test("a same-size rewrite is a change (the stamp holds nanoseconds and the inode)")
    func sameSizeRewrite() throws {
        let folder = try SourceFolder(["a.md": "1111"])
        defer { folder.remove() }
        let before = SourceTree.scan(folder.url)
        try folder.write("a.md", "2222")  // atomic write: a new inode, same size
        #expect(before.changes(to: SourceTree.scan(folder.url)).modified == ["a.md"])
    }

    @Test("a missing folder is an empty tree, not an error")
    func missingFolder() {
        let tree = SourceTree.scan(URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"))
        #expect(tree.files.isEmpty)
    }

    @Test("the watcher reports a change once it settles, and stops when cancelled", .timeLimit(.minutes(2)))
    func watcher() async throws {
        let folder = try SourceFolder(["a.md": "one"])
        defer { folder.remove() }
        let watcher = SourceWatcher(root: folder.url, interval: .milliseconds(50), settle: .milliseconds(30))
        let baseline = watcher.scan()
        let waiting = Task { try await watcher.nextChange(after: baseline) }
        try await Task.sleep(for: .milliseconds(120))
        try folder.write("b.md", "two")
        // A hang guard, not a speed goal: on a loaded machine the polling task can wait its turn.
        let result = try await withTimeout(60, "the watcher to report") { try await waiting.value }
        #expect(result.changes.added == ["b.md"])

        let idle = Task { try await watcher.nextChange(after: result.tree) }
        idle.cancel()
        await #expect(throws: CancellationError.self) { try await idle.value }
    }
}
