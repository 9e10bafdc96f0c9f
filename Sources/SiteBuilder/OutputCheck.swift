import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NewsModel

/// The check that an output folder holds exactly the files the build that wrote it recorded, as
/// it left them: no file changed (size, modification time, inode), no folder gained or lost an
/// entry (modification time), nothing added at the top, no update left half done. It is cut into
/// runs of records that any thread may check, each once (see `OutputCheck`). A run whose stamps
/// are not all as recorded is checked again by what its files and folders hold
/// (`OutputContentCheck`): an output copied or restored from an archive passes, with new stamps.
final class OutputCheckPlan: @unchecked Sendable {
    /// How many records a run holds.
    let runLength: Int
    private let recorded: RecordedOutputs
    /// For each run, the position among the folders of the first folder its records lie in.
    private let folderStarts: [Int]
    /// The output folder, open while this plan exists.
    private let root: Int32
    /// The names each folder holds as the records have it, made when a run first needs them.
    private var recordedNames: [[UInt8]: Set<[UInt8]>]?
    /// Held while `recordedNames` is made or read.
    private let namesLock = NSLock()

    /// The plan for `output`, in runs of `runLength` records; `nil` when the output already fails
    /// the check at its top (an entry no record accounts for, no marker or state) or cannot be opened.
    init?(_ output: URL, recorded: RecordedOutputs, runLength: Int = 512) {
        let path = output.path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path),
              names.contains(DiskOutput.markerName), names.contains(DiskOutput.stateName),
              recorded.allTopNamed(names) else { return nil }
        // The records and the folders are walked side by side (see `BuildState.folders(of:)`), a
        // run of records at a time: each folder is looked up just before the first file in it.
        guard let starts = recorded.folderPositions(every: runLength) else { return nil }
        // Each path looked up from the output folder (the rest of it from its top folder, see
        // `TopFolderLookup`), not from the root of the file system.
        let root = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return nil }
        (self.recorded, self.folderStarts, self.root, self.runLength) = (recorded, starts, root, runLength)
    }

    deinit {
        close(root)
    }

    /// How many runs there are to check.
    var runCount: Int { folderStarts.count }

    /// What the check of run `run` found.
    enum RunOutcome {
        /// Every file and folder as recorded.
        case intact
        /// Some with new stamps but as recorded in what they hold: these.
        case restamped(OutputRestamps)
        /// Some file or folder not as recorded in what it holds, or not there.
        case changed
    }

    /// Whether the records of run `run`, and the folders they lie in, are as recorded: each file
    /// a regular file of its size, modification time and inode, each folder a folder of its time;
    /// or else hold what the records say they do, with new stamps.
    func check(run: Int) -> RunOutcome {
        if hasRecordedStamps(run: run) { return .intact }
        let contents = OutputContentCheck(root: root, recorded: recorded, names: { [self] in namesByFolder() })
        let positions = (run * runLength)..<min(recorded.outputCount, (run + 1) * runLength)
        return contents.restamps(of: positions, firstFolder: folderStarts[run]).map { .restamped($0) } ?? .changed
    }

    /// `RecordedOutputs.namesByFolder()`, made once.
    private func namesByFolder() -> [[UInt8]: Set<[UInt8]>] {
        namesLock.lock()
        defer { namesLock.unlock() }
        if let recordedNames { return recordedNames }
        let names = recorded.namesByFolder()
        recordedNames = names
        return names
    }

    /// Whether every file of run `run` and every folder it lies in has the stamp recorded.
    private func hasRecordedStamps(run: Int) -> Bool {
        var info = stat()
        var lookup = TopFolderLookup(root: root)
        var next = folderStarts[run]
        let (recorded, folderCount) = (recorded, recorded.folderCount)
        return recorded.allEntries(in: (run * runLength)..<min(recorded.outputCount, (run + 1) * runLength)) { entry in
            while next < folderCount {
                let folder = recorded.folderPath(next)
                guard RecordedOutputs.isFolder(folder, above: entry.path) else { break }
                guard lookup.status(of: folder, into: &info), info.st_mode & S_IFMT == S_IFDIR,
                      DiskOutput.modified(info) == recorded.folderModified(next) else { return false }
                next += 1
            }
            return lookup.status(of: entry.path, into: &info) && info.st_mode & S_IFMT == S_IFREG && Int(info.st_size) == entry.size
                && DiskOutput.modified(info) == entry.modified && UInt64(info.st_ino) == entry.inode
        }
    }
}

/// The output check of a rebuild, begun as soon as the state is read on a thread of its own, which
/// checks the runs in turn; the thread that needs the answer checks the runs not yet begun itself.
///
/// The check is tens of thousands of file lookups (a third of a one-article rebuild's time on both
/// cores). Begun on both cores at once, it took them from the listing and the state's decoding,
/// which the build waits on first; on one thread it fills the core the build leaves idle while it
/// loads the sources, fingerprints the pages and renders an update, and the build asks for the
/// answer only before the update reaches the output (see `Site.PutInPlace`). (A
/// thread at the lowest priority, `SCHED_IDLE`, was tried and dropped: on a machine whose cores
/// other programs kept busy it hardly ran, and a build waiting on it took 4 to 9 times as long.)
final class OutputCheck: @unchecked Sendable {
    private let plan: OutputCheckPlan?
    private let condition = NSCondition()
    /// The next run to begin, and how many of those begun are done.
    private var nextRun = 0
    private var doneRuns = 0
    private var failed = false
    /// The new stamps the runs done found (see `OutputCheckPlan.RunOutcome.restamped`).
    private var foundRestamps = OutputRestamps()

    /// Starts checking `output` against `recorded` at once, in runs of `runLength` records, on a
    /// thread of its own unless not `inBackground` (then only a thread that waits checks).
    init(_ output: URL, recorded: RecordedOutputs, runLength: Int = 512, inBackground: Bool = true) {
        plan = OutputCheckPlan(output, recorded: recorded, runLength: runLength)
        guard plan != nil, inBackground else { return }
        Thread { [self] in checkRunsLeft() }.start()
    }

    /// Whether the check has found the output changed already (or could not begin), without
    /// waiting for the runs not yet done.
    var hasFailed: Bool {
        guard plan != nil else { return true }
        condition.lock()
        defer { condition.unlock() }
        return failed
    }

    /// The files and folders the check found as recorded in what they hold but with new stamps, and
    /// those stamps: once `wait()` has returned true, the stamps the next state must record.
    var restamps: OutputRestamps {
        condition.lock()
        defer { condition.unlock() }
        return foundRestamps
    }

    /// Whether the output is intact. When `helping`, the calling thread checks the runs not yet
    /// begun; either way it returns once every run is done, or once a run has failed and those
    /// begun are done.
    func wait(helping: Bool = true) -> Bool {
        guard let plan else { return false }
        if helping { checkRunsLeft() }
        condition.lock()
        defer { condition.unlock() }
        while doneRuns < (failed ? nextRun : plan.runCount) { condition.wait() }
        return !failed
    }

    /// Checks runs until none is left to begin or one has failed.
    private func checkRunsLeft() {
        guard let plan else { return }
        while let run = claimRun(of: plan) {
            let outcome = plan.check(run: run)
            condition.lock()
            switch outcome {
            case .intact: break
            case .restamped(let found): foundRestamps.merge(found)
            case .changed: failed = true
            }
            doneRuns += 1
            if doneRuns == nextRun { condition.broadcast() }
            condition.unlock()
        }
    }

    private func claimRun(of plan: OutputCheckPlan) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !failed, nextRun < plan.runCount else { return nil }
        nextRun += 1
        return nextRun - 1
    }
}
