import Foundation
import NewsLoader
@testable import SiteBuilder
import Testing

/// Files and folders made to refuse changes, as a user or the superuser would find them.
enum ChangeRefusal {
    /// Whether this file system and user can make a folder refuse changes (and undo it).
    static func isPossible() -> Bool {
        guard let folder = try? makeTree([:]), (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil
        else { return false }
        defer { try? FileManager.default.removeItem(at: folder) }
        guard (try? refuseChanges([folder.path])) != nil else { return false }
        let refused = !FileManager.default.createFile(atPath: folder.path + "/probe", contents: nil)
        return (try? refuseChanges([folder.path], false)) != nil && refused
    }

    /// Makes the files and folders at `paths` refuse changes: immutable (`chattr +i`) for the
    /// superuser, whom permissions do not stop; read-only for anyone else. Undone with `locked` false.
    static func refuseChanges(_ paths: [String], _ locked: Bool = true) throws {
        for path in paths {
            if getuid() == 0 {
                let chattr = Process()
                chattr.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
                chattr.arguments = [locked ? "+i" : "-i", path]
                chattr.standardError = FileHandle.nullDevice
                try chattr.run()
                chattr.waitUntilExit()
                guard chattr.terminationStatus == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
            } else {
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                let mode: Int = locked ? (isFolder.boolValue ? 0o555 : 0o444) : (isFolder.boolValue ? 0o755 : 0o644)
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            }
        }
    }
}

/// An update the system refuses in part (a page's folder or file left read-only, owned by another
/// user, or made immutable) fails before it changes anything in the output. Run where a folder can
/// be made to refuse changes: read-only for a user, immutable (`chattr +i`) for the superuser.
@Suite("Updates the system refuses", .serialized, .enabled(if: ChangeRefusal.isPossible()))
struct RefusedUpdateTests {
    /// The output's files, its state included, by path.
    static func everything(_ output: URL) throws -> [String: Data] {
        var files = try outputFiles(output)
        files[DiskOutput.stateName] = try Data(contentsOf: output.appendingPathComponent(DiskOutput.stateName))
        return files
    }

    /// Builds `source` into `output` again with the page folder at `locked` (and its page) refusing
    /// changes; expects the build to fail naming a path in that folder, with nothing of the output
    /// changed; then lets the folder change and expects the next build to equal a clean one.
    static func expectRefused(source: URL, output: URL, locked folder: String) throws {
        let before = try everything(output)
        let paths = [output.path + "/" + folder, output.path + "/" + folder + "/index.html"]
        try ChangeRefusal.refuseChanges(paths)
        var unlocked = false
        defer { if !unlocked { try? ChangeRefusal.refuseChanges(paths, false) } }
        #expect {
            _ = try Site(loader: testLoader).build(source: source, output: output)
        } throws: { error in
            guard case .write(let path, _) = error as? BuildError else { return false }
            return path.contains(folder)
        }
        #expect(differences(try everything(output), before) == [])
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(DiskOutput.journalName).path))
        try ChangeRefusal.refuseChanges(paths, false)
        unlocked = true
        _ = try Site(loader: testLoader).build(source: source, output: output)
        #expect(differences(try outputFiles(output), try IncrementalBuildTests.cleanBuild(source)) == [])
    }

    /// The folder of the page of the story whose title begins `prefix`.
    static func pageFolder(_ output: URL, _ prefix: String) throws -> String {
        let page = try #require(try outputFiles(output).keys.first { $0.hasPrefix("articles/" + prefix) })
        return try #require(DiskOutput.folder(of: page))
    }

    @Test("a story edited whose page cannot be written leaves the whole output as it was")
    func pageRefused() throws {
        try IncrementalBuildTests.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let folder = try Self.pageFolder(output, "di-1-hao-")
            _ = try InPlaceUpdateTests.editedStory(in: source)
            try Self.expectRefused(source: source, output: output, locked: folder)
        }
    }

    @Test("a state file that cannot be written over leaves the whole output as it was")
    func stateRefused() throws {
        try IncrementalBuildTests.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            _ = try InPlaceUpdateTests.editedStory(in: source)
            let before = try Self.everything(output)
            let state = output.path + "/" + DiskOutput.stateName
            try ChangeRefusal.refuseChanges([state])
            var unlocked = false
            defer { if !unlocked { try? ChangeRefusal.refuseChanges([state], false) } }
            #expect {
                _ = try Site(loader: testLoader).build(source: source, output: output)
            } throws: { error in
                guard case .write(let path, _) = error as? BuildError else { return false }
                return path.hasSuffix(DiskOutput.stateName)
            }
            #expect(differences(try Self.everything(output), before) == [])
            try ChangeRefusal.refuseChanges([state], false)
            unlocked = true
            _ = try Site(loader: testLoader).build(source: source, output: output)
            #expect(differences(try outputFiles(output), try IncrementalBuildTests.cleanBuild(source)) == [])
        }
    }

    @Test("a story removed whose page cannot be removed leaves the whole output as it was")
    func removalRefused() throws {
        try IncrementalBuildTests.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let folder = try Self.pageFolder(output, "di-1-hao-")
            try FileManager.default.removeItem(at: source.appendingPathComponent("archive/story-1.md"))
            try Self.expectRefused(source: source, output: output, locked: folder)
        }
    }
}
