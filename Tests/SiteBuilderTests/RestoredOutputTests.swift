import Foundation
import NewsLoader
@testable import SiteBuilder
import Testing

/// Outputs copied or restored from an archive — as a CI cache restores the last run's `public/` —
/// hold what their state records under new stamps.
@Suite("Restored outputs", .serialized)
struct RestoredOutputTests {
    /// How an output is copied.
    enum Copy: String, CaseIterable, CustomTestStringConvertible {
        /// An archive in GNU tar's own format, which keeps times to the second.
        case tar
        /// An archive in the POSIX format (as `actions/cache` makes), which keeps them whole.
        case posixTar = "tar --posix"
        /// `cp -a`, which keeps them whole too.
        case copy = "cp -a"

        var testDescription: String { rawValue }
    }

    /// Runs `tool` with `arguments`, which must succeed.
    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(tool) \(arguments)")
    }

    /// Copies the folder `output` to `copy` (which must not exist yet, or be a folder to copy
    /// into) the way `how` does: every file a new one, under a new inode.
    static func restore(_ output: URL, to copy: URL, _ how: Copy) throws {
        let archive = copy.deletingLastPathComponent().appendingPathComponent("cache.tar")
        defer { try? FileManager.default.removeItem(at: archive) }
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        switch how {
        case .tar, .posixTar:
            try run("/usr/bin/tar", ["-cf", archive.path] + (how == .posixTar ? ["--posix"] : []) + ["-C", output.path, "."])
            try run("/usr/bin/tar", ["-xf", archive.path, "-C", copy.path])
        case .copy:
            try run("/bin/cp", ["-a", output.path + "/.", copy.path])
        }
    }

    /// A built site and a copy of its output made `how` (`public` and `restored` in a folder of
    /// their own), for `body`; removed afterwards. With `sourcesSettled`, the build comes more than
    /// the file system's clock step after the sources were written, so that it trusts their stamps
    /// (see `FileStamp.isRecent`) and a build of the same sources finds nothing changed in them.
    static func withRestoredSite(_ how: Copy = .tar, sourcesSettled: Bool = false,
                                 _ body: (_ source: URL, _ output: URL, _ restored: URL) throws -> Void) throws {
        try IncrementalBuildTests.withTrees { source, output in
            if sourcesSettled { Thread.sleep(forTimeInterval: 2.1) }
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let restored = output.deletingLastPathComponent().appendingPathComponent("restored")
            try restore(output, to: restored, how)
            try body(source, output, restored)
        }
    }

    /// The state in `output`, its outputs and folders decoded.
    static func recordedState(_ output: URL) throws -> BuildState {
        try BuildStateTests.state(in: output, details: true)
    }

    /// The check of `output` against its state, done.
    static func checked(_ output: URL) throws -> (intact: Bool, restamps: OutputRestamps) {
        let check = OutputCheck(output, recorded: try recordedState(output).recordedOutputs)
        return (check.wait(), check.restamps)
    }

    @Test("a restored output is checked by its bytes: intact, every file with a new stamp; a build finds it up to date and records them",
          arguments: Copy.allCases)
    func restoredUnchanged(how: Copy) throws {
        try Self.withRestoredSite(how, sourcesSettled: true) { source, output, restored in
            let recorded = try Self.recordedState(restored)
            // In runs of one record, of a few, or all in one: the same answer.
            for runLength in [1, 3, 512] {
                let check = OutputCheck(restored, recorded: recorded.recordedOutputs, runLength: runLength)
                #expect(check.wait(), "runs of \(runLength)")
                #expect(check.restamps.files.count == recorded.outputs.count, "every file has a new inode (runs of \(runLength))")
                #expect(check.restamps.folders.isEmpty == (how != .tar), "only GNU tar's own format cuts the folders' times")
            }
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
          arguments: ["same size, other bytes", "grown file", "stray file", "removed file", "stray folder", "link in place of a file"],
          Copy.allCases)
    func restoredAndChanged(change: String, how: Copy) throws {
        try Self.withRestoredSite(how) { source, _, restored in
            let recorded = try Self.recordedState(restored)
            let page = try #require(recorded.outputs.first { $0.path.hasPrefix("articles/") && $0.path.hasSuffix("/index.html") }).path
            let url = restored.appendingPathComponent(page)
            switch change {
            case "same size, other bytes": try Data(repeating: UInt8(ascii: "x"), count: try Data(contentsOf: url).count).write(to: url)
            case "grown file": try (try Data(contentsOf: url) + Data(" ".utf8)).write(to: url)
            case "stray file": try Data("stray".utf8).write(to: url.deletingLastPathComponent().appendingPathComponent("stray.html"))
            case "removed file": try FileManager.default.removeItem(at: url)
            case "link in place of a file":
                // The same bytes, through a link.
                let elsewhere = restored.deletingLastPathComponent().appendingPathComponent("page.html")
                try FileManager.default.moveItem(at: url, to: elsewhere)
                try FileManager.default.createSymbolicLink(at: url, withDestinationURL: elsewhere)
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

    @Test("a stray file in the output before it is copied, its folder's time copied with it, fails the check", arguments: Copy.allCases)
    func strayBeforeCopy(how: Copy) throws {
        try IncrementalBuildTests.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let page = try #require(try Self.recordedState(output).outputs.first { $0.path.hasPrefix("articles/") && $0.path.hasSuffix("/index.html") })
            let folder = output.appendingPathComponent(page.path).deletingLastPathComponent()
            // The stray made, then the folder's time set back to the nanosecond: only its entries tell.
            var before = stat()
            try #require(lstat(folder.path, &before) == 0)
            try Data("stale".utf8).write(to: folder.appendingPathComponent("stale.html"))
            var times = [before.st_atim, before.st_mtim]
            try #require(utimensat(AT_FDCWD, folder.path, &times, 0) == 0)
            var after = stat()
            try #require(lstat(folder.path, &after) == 0 && DiskOutput.modified(after) == DiskOutput.modified(before))
            let restored = output.deletingLastPathComponent().appendingPathComponent("restored")
            try Self.restore(output, to: restored, how)
            #expect(try !Self.checked(restored).intact)
            let report = try Site(loader: testLoader).build(source: source, output: restored)
            #expect(report.written == report.files, "built whole")
            #expect(differences(try outputFiles(restored), try IncrementalBuildTests.cleanBuild(source)) == [])
        }
    }

    @Test("a restored output and a fresh checkout of the same sources: nothing written, and the new stamps recorded")
    func restoredFreshCheckout() throws {
        try Self.withRestoredSite { source, output, restored in
            // Every source written anew, as a checkout does: new stamps, the same bytes.
            for file in try SourceFile.list(under: source) {
                let bytes = try Data(contentsOf: file.url)
                try FileManager.default.removeItem(at: file.url)
                try bytes.write(to: file.url)
            }
            let report = try Site(loader: testLoader).build(source: source, output: restored)
            #expect(report.written == 0)
            #expect(differences(try outputFiles(restored), try outputFiles(output)) == [])
            let again = try Self.checked(restored)
            #expect(again.intact && again.restamps.isEmpty, "every stamp as recorded")
        }
    }

    @Test("a folder's names are compared as bytes: a name the same to Unicode but not in its bytes is another name")
    func namesAsBytes() throws {
        let root = try makeTree(["d/caf\u{E9}.html": "x"])
        defer { try? FileManager.default.removeItem(at: root) }
        let recorded = RecordedOutputs(outputs: [OutputRecord(path: "d/caf\u{E9}.html", group: .page, fingerprint: 0, contentHash: 0, size: 1,
                                                              modified: 0, inode: 0)],
                                       folders: [BuildState.Folder(path: "d", modified: 0)])
        let expected = try #require(recorded.namesByFolder()[Array("d".utf8)])
        let descriptor = open(root.path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        func listed() -> Set<[UInt8]>? { Array("d".utf8).withUnsafeBufferPointer { OutputContentCheck.names(in: $0, under: descriptor) } }
        #expect(listed() == expected)
        // The same name decomposed (e and a combining acute accent): a second entry.
        try Data("y".utf8).write(to: root.appendingPathComponent("d/cafe\u{301}.html"))
        #expect(listed()?.count == 2)
        #expect(listed() != expected)
    }
}
