import Foundation
@testable import SiteBuilder
import Testing

/// Outputs copied or restored from an archive — as a CI cache restores the last run's `public/` —
/// hold what their state records under new stamps.
@Suite("Restored outputs", .serialized)
struct RestoredOutputTests {
    /// Copies the folder `output` to `copy` as restoring an archive of it does: every file made anew
    /// (a new inode, the time now), every folder's time cut to the whole second, as GNU tar keeps it.
    static func restore(_ output: URL, to copy: URL) throws {
        let files = FileManager.default
        let root = output.resolvingSymlinksInPath().path
        let paths = try #require(files.subpaths(atPath: root)).sorted()
        var folders = [""]
        try files.createDirectory(at: copy, withIntermediateDirectories: true)
        for path in paths {
            var isFolder: ObjCBool = false
            _ = files.fileExists(atPath: root + "/" + path, isDirectory: &isFolder)
            if isFolder.boolValue {
                try files.createDirectory(at: copy.appendingPathComponent(path), withIntermediateDirectories: true)
                folders.append(path)
            } else {
                try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)).write(to: copy.appendingPathComponent(path))
            }
        }
        // The folders' times last (deepest first), once nothing more is made in them.
        for folder in folders.reversed() {
            let original = try #require(try files.attributesOfItem(atPath: root + "/" + folder)[.modificationDate] as? Date)
            let time = Date(timeIntervalSince1970: original.timeIntervalSince1970.rounded(.down))
            try files.setAttributes([.modificationDate: time], ofItemAtPath: copy.appendingPathComponent(folder).path)
        }
    }

    /// A built site and a restored copy of its output (`public` and `restored` in a folder of
    /// their own), for `body`; removed afterwards. With `sourcesSettled`, the build comes more than
    /// the file system's clock step after the sources were written, so that it trusts their stamps
    /// (see `FileStamp.isRecent`) and a build of the same sources finds nothing changed in them.
    static func withRestoredSite(sourcesSettled: Bool = false, _ body: (_ source: URL, _ output: URL, _ restored: URL) throws -> Void) throws {
        try IncrementalBuildTests.withTrees { source, output in
            if sourcesSettled { Thread.sleep(forTimeInterval: 2.1) }
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let restored = output.deletingLastPathComponent().appendingPathComponent("restored")
            // Apart from the build's own clock step: a copy made within it could keep a file's time.
            Thread.sleep(forTimeInterval: 0.05)
            try restore(output, to: restored)
            try body(source, output, restored)
        }
    }

    /// The state in `output`, read as the program that wrote it would.
    static func recordedState(_ output: URL) throws -> BuildState {
        var header = StateReader(Array(try Data(contentsOf: output.appendingPathComponent(DiskOutput.stateName))))
        for _ in 0...BuildState.magic.count { _ = try header.unsigned() }
        return try #require(BuildState.read(from: output, generator: try header.fixed()))
    }

    /// The check of `output` against its state, done.
    static func checked(_ output: URL) throws -> (intact: Bool, restamps: OutputRestamps) {
        let check = OutputCheck(output, recorded: try recordedState(output).recordedOutputs)
        return (check.wait(), check.restamps)
    }

    @Test("a restored output is checked by its bytes: intact, every file with a new stamp; a build finds it up to date and records them")
    func restoredUnchanged() throws {
        try Self.withRestoredSite(sourcesSettled: true) { source, output, restored in
            let recorded = try Self.recordedState(restored)
            let (intact, restamps) = try Self.checked(restored)
            #expect(intact)
            #expect(restamps.files.count == recorded.outputs.count, "every file has a new inode")
            #expect(!restamps.folders.isEmpty, "the folders' times were cut to the second")
            // The sources as recorded: the build finds nothing changed, and records the new stamps.
            let survey = try Site.survey(source: source, output: restored, baseURL: nil, options: Site.Options(), info: Site.defaultInfo,
                                         loaderData: testLoader.dataFingerprint)
            #expect(survey.upToDate != nil)
            let again = try Self.checked(restored)
            #expect(again.intact && again.restamps.isEmpty, "every stamp as recorded")
            let report = try Site(loader: testLoader).build(source: source, output: restored)
            #expect(report.written == 0)
            #expect(differences(try outputFiles(restored), try outputFiles(output)) == [])
        }
    }

    @Test("a restored output with a story changed is updated in place, the rest kept, and equals a clean build")
    func restoredThenEdited() throws {
        try Self.withRestoredSite { source, _, restored in
            try IncrementalBuildTests.apply(["archive/story-7.md": markdownArticle(
                title: "第7号职工服务站建成", date: "2023-03-17", regions: "宁波市", topics: "职工服务, 产改",
                body: "第7个服务站改为全天开放。")], to: source)
            let report = try Site(loader: testLoader).build(source: source, output: restored)
            #expect(report.written > 0 && report.written * 2 < report.files, "an update, not a whole build: \(report.written) of \(report.files)")
            #expect(differences(try outputFiles(restored), try IncrementalBuildTests.cleanBuild(source)) == [])
            let again = try Self.checked(restored)
            #expect(again.intact && again.restamps.isEmpty, "the files kept have their new stamps recorded, the written ones theirs")
        }
    }

    @Test("a restored output that differs from its state in what it holds fails the check and is built whole",
          arguments: ["same size, other bytes", "grown file", "stray file", "removed file", "stray folder"])
    func restoredAndChanged(change: String) throws {
        try Self.withRestoredSite { source, _, restored in
            let recorded = try Self.recordedState(restored)
            let page = try #require(recorded.outputs.first { $0.path.hasPrefix("articles/") && $0.path.hasSuffix("/index.html") }).path
            let url = restored.appendingPathComponent(page)
            switch change {
            case "same size, other bytes": try Data(repeating: UInt8(ascii: "x"), count: try Data(contentsOf: url).count).write(to: url)
            case "grown file": try (try Data(contentsOf: url) + Data(" ".utf8)).write(to: url)
            case "stray file": try Data("stray".utf8).write(to: url.deletingLastPathComponent().appendingPathComponent("stray.html"))
            case "removed file": try FileManager.default.removeItem(at: url)
            default:
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("stray"),
                                                        withIntermediateDirectories: false)
            }
            #expect(try !Self.checked(restored).intact)
            let report = try Site(loader: testLoader).build(source: source, output: restored)
            #expect(report.written == report.files, "built whole")
            #expect(differences(try outputFiles(restored), try IncrementalBuildTests.cleanBuild(source)) == [])
        }
    }
}
