import Dispatch
import Foundation
@testable import SiteBuilder
import Synchronization
import Testing

/// Two builds into one output folder take turns: the second waits until the first is done.
@Suite("One build at a time into an output folder")
struct OutputLockTests {
    /// A source tree and an empty parent folder for the output, removed after `body`.
    static func withTrees(_ body: (_ source: URL, _ output: URL) throws -> Void) throws {
        let source = try makeTree(fixtureSources)
        let parent = try makeTree([:])
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        try body(source, parent.appendingPathComponent("public"))
    }

    /// The names in the folder the output goes in.
    static func besideOutput(_ output: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path))?.sorted() ?? []
    }

    @Test("a build into a folder another build holds says it waits, writes nothing until that one is done, then builds; no lock file is left")
    func waitsForTheOther() throws {
        try Self.withTrees { source, output in
            let held = try OutputLock(output: DiskOutput.resolve(output), waiting: { _ in Issue.record("no other build holds it") })
            let waitedOn = Mutex<String?>(nil)
            let outcome = Mutex<Result<Site.Report, BuildError>?>(nil)
            let (waiting, finished) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
            let options = Site.Options(waitingForOutput: { path in
                waitedOn.withLock { $0 = path }
                waiting.signal()
            })
            DispatchQueue.global().async {
                let result = Result { () throws(BuildError) in try Site(loader: testLoader).build(source: source, output: output, options: options) }
                outcome.withLock { $0 = result }
                finished.signal()
            }
            #expect(waiting.wait(timeout: .now() + 60) == .success, "the second build says it waits")
            #expect(waitedOn.withLock { $0 } == held.path)
            #expect(finished.wait(timeout: .now() + 0.5) == .timedOut, "and does wait")
            #expect(!FileManager.default.fileExists(atPath: output.path), "having written nothing")
            held.release()
            #expect(finished.wait(timeout: .now() + 120) == .success)
            let report = try #require(try outcome.withLock { $0 }?.get())
            #expect(report.written == report.files)
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
            #expect(Self.besideOutput(output) == ["public"], "the lock file is removed")
        }
    }

    @Test("builds one after another, a failed one among them, and a render to memory while another build holds the folder, leave no lock file")
    func noLockLeft() throws {
        try Self.withTrees { source, output in
            let site = Site(loader: testLoader)
            _ = try site.build(source: source, output: output)
            _ = try site.build(source: source, output: output)
            #expect(Self.besideOutput(output) == ["public"])
            let missing = source.appendingPathComponent("no-such-folder")
            #expect(throws: BuildError.self) { try site.build(source: missing, output: output) }
            #expect(Self.besideOutput(output) == ["public"], "a failed build leaves none either")

            // A render to memory, while the folder is held, runs (on a queue of its own, so that the
            // test fails rather than hangs if it waited).
            let held = try OutputLock(output: DiskOutput.resolve(output), waiting: { _ in })
            defer { held.release() }
            let rendered = Mutex<Int?>(nil)
            let finished = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                let report = try? site.build(source: source, output: output, options: .init(renderToMemory: true,
                                                                                             waitingForOutput: { _ in Issue.record("a render to memory waits for no one") }))
                rendered.withLock { $0 = report?.files }
                finished.signal()
            }
            #expect(finished.wait(timeout: .now() + 120) == .success, "a render to memory takes no lock")
            #expect((rendered.withLock { $0 } ?? 0) > 0)
        }
    }

    @Test("a build into a folder whose parent does not exist yet makes the parent, takes the lock there and leaves no lock file")
    func missingParent() throws {
        try Self.withTrees { source, output in
            let nested = output.deletingLastPathComponent().appendingPathComponent("not/yet/public")
            _ = try Site(loader: testLoader).build(source: source, output: nested)
            #expect(FileManager.default.fileExists(atPath: nested.appendingPathComponent("index.html").path))
            #expect(Self.besideOutput(nested) == ["public"])
        }
    }

    @Test("a lock whose file the build before removed is taken afresh on a new file, never on the removed one")
    func takenAfresh() throws {
        try Self.withTrees { _, output in
            let resolved = DiskOutput.resolve(output)
            let first = try OutputLock(output: resolved, waiting: { _ in })
            let secondTaken = DispatchSemaphore(value: 0)
            let second = Mutex<OutputLock?>(nil)
            DispatchQueue.global().async {
                let lock = try? OutputLock(output: resolved, waiting: { _ in })
                second.withLock { $0 = lock }
                secondTaken.signal()
            }
            #expect(secondTaken.wait(timeout: .now() + 0.5) == .timedOut, "the second waits")
            first.release()
            #expect(secondTaken.wait(timeout: .now() + 60) == .success)
            let lock = try #require(second.withLock { $0 })
            // The second holds the file the path names now; a third does not get it.
            var named = stat()
            #expect(stat(lock.path, &named) == 0, "the second lock's file is there")
            let third = open(lock.path, O_RDWR)
            defer { close(third) }
            #expect(flock(third, LOCK_EX | LOCK_NB) != 0, "and locked")
            lock.release()
            #expect(!FileManager.default.fileExists(atPath: lock.path))
        }
    }

    @Test("an output that is a symbolic link to a folder not made yet is built there, under the target's name: the link stays, the lock and the state go with the target")
    func danglingLink() throws {
        try Self.withTrees { source, output in
            // `public` → `served/portal`, relative, with `served` not there yet.
            try FileManager.default.createSymbolicLink(atPath: output.path, withDestinationPath: "served/portal")
            let target = output.deletingLastPathComponent().appendingPathComponent("served/portal")
            #expect(DiskOutput.resolve(output).path == DiskOutput.resolve(target).path, "the link is followed though its target is missing")
            let site = Site(loader: testLoader)
            let first = try site.build(source: source, output: output)
            #expect(first.written == first.files)
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: output.path)
            #expect(link == "served/portal", "the link is left as it was")
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("index.html").path))
            #expect(Self.besideOutput(target) == ["portal"], "no lock file is left beside the target")
            #expect(Self.besideOutput(output) == ["public", "served"])
            let second = try site.build(source: source, output: output)
            #expect(second.written == 0, "the next build through the link finds the state and changes nothing")
        }
    }

    @Test("an output that is a loop of symbolic links is refused, naming it, and nothing is written")
    func linkLoop() throws {
        try Self.withTrees { source, output in
            let other = output.deletingLastPathComponent().appendingPathComponent("other")
            try FileManager.default.createSymbolicLink(atPath: output.path, withDestinationPath: other.path)
            try FileManager.default.createSymbolicLink(atPath: other.path, withDestinationPath: output.path)
            #expect {
                try Site(loader: testLoader).build(source: source, output: output)
            } throws: { error in
                guard case .unsafeOutput(_, let reason) = error as? BuildError else { return false }
                return reason.contains("symbolic link")
            }
            #expect(Self.besideOutput(output) == ["other", "public"], "nothing is made beside it")
        }
    }
}
