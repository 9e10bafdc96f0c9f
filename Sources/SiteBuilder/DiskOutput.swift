import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NewsModel
import CInterruptDeferral

/// Writes a build into a staging folder beside the output folder, and puts it in place only when the
/// build is complete, so a failed or killed build leaves the previous site untouched.
///
/// Two ways of putting a build in place:
///
/// - A **whole** build writes every file into the staging folder; `commit()` renames the old output
///   aside, the staging folder into place, and removes the old one.
/// - An **update** (an incremental build of an output whose state is known) writes only the files
///   whose bytes changed. Those that fit in the blocks of the output's file (up to `heldBudget`
///   bytes in all) are held in memory and written over it in place by `writeHeldInPlace` (replacing
///   a file frees its blocks, which this disk discards one file at a time: a tenth of a one-article
///   rebuild), so that putting them in place needs no new block; the rest go into the staging
///   folder, and `commitChanges` renames each into the output and removes the files the site no
///   longer has. Until then the output is untouched, and before it `checkChangesAllowed` makes sure
///   the system allows each of those changes. While the output changes (milliseconds) a
///   journal file in it says so: a build that finds a journal trusts nothing of the old state and
///   builds the whole site afresh. A file with another link (a snapshot made with `cp -al`) is
///   replaced, never written through. (A web server reading the output during those milliseconds
///   may see a file half written; deploy a finished output, as CI does, rather than serve it while
///   it is rebuilt — `unionpress serve` builds in memory.)
public final class DiskOutput: OutputSink, @unchecked Sendable {
    /// A file every UnionPress output folder carries, so a build never replaces a folder it did not make.
    public static let markerName = ".unionpress-build"
    /// The build state an incremental build reads (see `BuildState`).
    static let stateName = ".unionpress-state"
    /// Present only while an update is being put in place.
    static let journalName = ".unionpress-journal"

    /// Whether `name`, an entry of the output folder, is one of UnionPress's own files (the marker,
    /// the state, the journal), which a build never takes for the user's.
    static func isOwnName(_ name: String) -> Bool {
        // A file written aside and renamed over its name (`name.tmp-PID`), left by a build killed then.
        name.hasPrefix(".unionpress") || name.contains(".tmp-")
    }

    /// Whether the output folder's entry `name` is the user's, to be kept by every build and no
    /// part of the site: neither UnionPress's own nor a name the site's pages and files may have
    /// at the top (`SiteModel.topEntries`): a published branch's `.git`, a `CNAME`, `.well-known`.
    static func isUsersEntry(_ name: String) -> Bool {
        !isOwnName(name) && !SiteModel.topEntries.contains(name)
    }

    /// The folder the site ends up in.
    public let output: URL
    /// The folder the build writes into.
    public let staging: URL
    /// Whether the staging folder holds only the files that changed (an update).
    let isUpdate: Bool
    private let stagingPath: String
    private let folders = FolderCache()
    private let stampLock = NSLock()
    private var stamps: [String: (modified: Int64, inode: UInt64)] = [:]
    /// The files carried over from the old output (`carryOver`), under `stampLock`: not written.
    private var carried: Set<String> = []
    /// An update's files held in memory, by path, until `writeHeldInPlace` (under `stampLock`).
    private var held: [String: [UInt8]] = [:]
    private var heldBytes = 0
    /// The most bytes an update holds in memory; the files beyond go into the staging folder.
    let heldBudget: Int
    /// Whether the journal is in the output.
    private var journalWritten = false
    /// The folders being made ahead of the writers (`makeFoldersAhead(of:)`), and the flag that
    /// stops them early.
    private var ahead: Background<Void>?
    private let stopAhead = AtomicFlag()

    /// Prepares a staging folder for a whole build of `output`, after checking that replacing
    /// `output` is safe.
    /// - Parameters:
    ///   - output: the output folder.
    ///   - source: the source folder, which the output may neither be nor contain.
    public convenience init(output: URL, source: URL) throws(BuildError) {
        try self.init(output: output, source: source, update: false)
    }

    /// Prepares a staging folder for a whole build, or for an update of an existing output that
    /// holds up to `heldBudget` bytes of changed files in memory.
    init(output: URL, source: URL, update: Bool, heldBudget: Int = 32 << 20) throws(BuildError) {
        self.heldBudget = update ? heldBudget : 0
        let output = Self.resolve(output)
        try Self.checkSafe(output: output, source: Self.resolve(source))
        self.output = output
        isUpdate = update
        let parent = output.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())")
        stagingPath = staging.path
        Self.removeStaleStagingFolders(beside: output)
        do {
            FolderRemoval.remove(staging.path)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            if !update {
                try Data("UnionPress output. This folder is replaced as a whole on every build.\n".utf8)
                    .write(to: staging.appendingPathComponent(Self.markerName))
            }
        } catch {
            throw .write(path: staging.path, reason: "cannot create the staging folder: \(error.localizedDescription)")
        }
    }

    /// Starts making, on a thread of its own, the folders of the files at `paths` (site-relative,
    /// in the order they will be written) in the staging folder of a whole build, ahead of the
    /// writers, who then make only those they reach first. Two threads making entries in one folder
    /// (`articles/`) take turns at its lock, and the one waiting spins in the kernel; one thread
    /// making them all in turn waits for no one. `finishFoldersAhead()` waits for it to end, and
    /// `commit()` and `discard()` do so first. An update makes its few folders as it writes.
    func makeFoldersAhead(of paths: [String]) {
        guard !isUpdate, ahead == nil else { return }
        let (folders, root, stop) = (folders, stagingPath, stopAhead)
        ahead = Background {
            for path in paths {
                guard !stop.isSet else { return }
                // A folder that cannot be made here is made, or reported, by its writer.
                if let folder = Self.folder(of: path) { try? folders.ensure(folder, under: root) }
            }
        }
    }

    /// Waits until the folders made ahead of the writers are made, or stops making them when
    /// `stopping` (a build that failed).
    func finishFoldersAhead(stopping: Bool = false) {
        if stopping { stopAhead.set() }
        ahead?.wait()
    }

    /// `output`, resolved, after checking that a build may replace it.
    static func checkedOutput(output: URL, source: URL) throws(BuildError) -> URL {
        let output = resolve(output)
        try checkSafe(output: output, source: resolve(source))
        return output
    }

    /// `url` as an absolute path with symbolic links resolved — a link whose target does not exist
    /// yet (an output folder not made yet, linked to where it is served from) included, so that a
    /// build writes, locks and keeps its state under the one name the output will have.
    static func resolve(_ url: URL) -> URL {
        var resolved = resolvingExistingPart(url.standardizedFileURL)
        // `resolvingSymlinksInPath` leaves a path alone when its target is missing: the link is
        // followed here, one step at a time, as far as the system would (40 links).
        for _ in 0..<maximumLinks {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: resolved.path) else { break }
            let next = target.hasPrefix("/") ? URL(fileURLWithPath: target)
                : resolved.deletingLastPathComponent().appendingPathComponent(target)
            resolved = next.standardizedFileURL.resolvingSymlinksInPath()
        }
        return resolved
    }

    /// `url` with the links in the part of it that exists resolved, the rest (folders not made
    /// yet) added to that: `resolvingSymlinksInPath` leaves a path whose end does not exist as it
    /// is, links in its folders included (`link-to-source/public` would stay unresolved, and be
    /// taken for a folder outside the source).
    private static func resolvingExistingPart(_ url: URL) -> URL {
        var existing = url
        var missing: [String] = []
        var status = stat()
        while existing.path != "/", lstat(existing.path, &status) != 0 {
            missing.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var resolved = existing.resolvingSymlinksInPath()
        for name in missing { resolved.appendPathComponent(name) }
        return resolved
    }

    /// The links the system follows in one path before it gives up (`ELOOP`).
    private static let maximumLinks = 40

    /// Writes one file into the staging folder (or holds it, in an update).
    public func write(_ path: String, _ contents: Data) throws {
        if hold(path, count: contents.count, { [UInt8](contents) }) { return }
        try contents.withUnsafeBytes { try write(path, bytes: $0) }
    }

    /// Writes the bytes `utf8` into the staging folder (or holds them, in an update), without copying them first.
    public func write(_ path: String, utf8: [UInt8]) throws {
        if hold(path, count: utf8.count, { utf8 }) { return }
        try utf8.withUnsafeBytes { try write(path, bytes: $0) }
    }

    /// Writes `pieces` one after the other into one file of the staging folder, without joining them.
    func write(_ path: String, pieces: [StatePiece]) throws {
        try write(path) { descriptor in StatePiece.write(pieces, to: descriptor, inPlace: false) != nil }
    }

    /// Holds an update's file in memory when it can be written over the output's file in place and
    /// the budget allows (or when it is held already: the last bytes written to a path are the ones
    /// put in place); false when it is to be staged.
    private func hold(_ path: String, count: Int, _ bytes: () -> [UInt8]) -> Bool {
        guard heldBudget > 0 else { return false }
        stampLock.lock()
        let before = held[path]?.count
        let fits = before != nil || heldBytes + count <= heldBudget
        stampLock.unlock()
        guard before != nil || (fits && Self.fitsInPlace(output.path + "/" + path, count: count)) else { return false }
        stampLock.lock()
        defer { stampLock.unlock() }
        heldBytes += count - (held[path]?.count ?? 0)
        held[path] = bytes()
        return true
    }

    /// Whether `count` bytes can be written over the file at `full` without a block more: a regular
    /// file of one link whose blocks hold them. Written so, an update cannot run out of space once
    /// it has begun to change the output (a new file, or one that grows, is staged, and staging
    /// fails before the output is touched).
    private static func fitsInPlace(_ full: String, count: Int) -> Bool {
        var info = stat()
        guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else { return false }
        return count <= Int(info.st_blocks) * 512
    }

    /// Whether `path` was held in memory (and so is not in the staging folder).
    private func isHeld(_ path: String) -> Bool {
        stampLock.lock()
        defer { stampLock.unlock() }
        return held[path] != nil
    }

    /// Checks, before an update changes anything in the output, that the system allows every change
    /// it is about to make, so that a refusal (a folder or file left read-only, owned by another
    /// user or made immutable) fails the build with the output as it was rather than half updated:
    /// the output folder takes the journal and the state; a file held in memory is written over (or,
    /// when it cannot be, replaced in its folder); a staged file is renamed into its folder (made
    /// under the nearest folder there is); a file of `removed` is unlinked from its folder; the
    /// state is written over its file.
    /// - Parameter removed: site-relative paths of the files the update removes.
    func checkChangesAllowed(removing removed: [String]) throws(BuildError) {
        let outputPath = output.path
        stampLock.lock()
        let heldPaths = held.keys.sorted()
        let staged = stamps.keys.filter { held[$0] == nil }.sorted()
        stampLock.unlock()
        var folderAllowed: [String: Int32] = [:]
        // The error (`errno`) with which the system would refuse a change of the entries of
        // `folder` (site-relative), 0 when it allows it; a folder not there yet is made in the
        // nearest folder above it that is.
        func refusal(inFolder folder: String) -> Int32 {
            if let known = folderAllowed[folder] { return known }
            let full = folder.isEmpty ? outputPath : outputPath + "/" + folder
            var error: Int32 = access(full, W_OK | X_OK) == 0 ? 0 : errno
            if error == ENOENT, !folder.isEmpty { error = refusal(inFolder: Self.folder(of: folder) ?? "") }
            folderAllowed[folder] = error
            return error
        }
        func refuse(_ path: String, _ error: Int32, _ what: String) -> BuildError {
            .write(path: path, reason: "\(what): \(String(cString: strerror(error)))")
        }
        let rootRefusal = refusal(inFolder: "")
        guard rootRefusal == 0 else { throw refuse(outputPath, rootRefusal, "cannot change the output folder") }
        // The state is written over its file in place (`replaceInOutput`), after the pages.
        let state = outputPath + "/" + Self.stateName
        if access(state, F_OK) == 0, access(state, W_OK) != 0 {
            let error = errno
            throw refuse(state, error, "cannot write the build state")
        }
        for path in heldPaths {
            let full = outputPath + "/" + path
            guard access(full, W_OK) != 0 else { continue }
            // Immutable: neither written nor replaced. Read-only: replaced, if its folder allows.
            if errno == EPERM { throw refuse(full, EPERM, "cannot write the file") }
            let error = refusal(inFolder: Self.folder(of: path) ?? "")
            guard error == 0 else { throw refuse(full, error, "cannot write the file") }
        }
        for (paths, what) in [(staged, "cannot move the file into place"), (removed, "cannot remove the file")] {
            for path in paths {
                let full = outputPath + "/" + path
                let error = refusal(inFolder: Self.folder(of: path) ?? "")
                guard error == 0 else { throw refuse(full, error, what) }
                // An immutable file refuses to be replaced or removed even in a folder that allows
                // it (a read-only one does not, and is refused writing with `EACCES`).
                if access(full, W_OK) != 0, errno == EPERM { throw refuse(full, EPERM, what) }
            }
        }
    }

    /// Writes the update's files held in memory into the output, each over the file already there
    /// (on its blocks, cut to its new length), and records their stamps; the journal first. A file
    /// that has since gone or gained a link is replaced by a new one instead.
    func writeHeldInPlace() throws(BuildError) {
        stampLock.lock()
        let files = held.sorted { $0.key < $1.key }
        stampLock.unlock()
        guard !files.isEmpty else { return }
        try writeJournal()
        let outputPath = output.path
        // Each was held because the output has its file (see `fitsInPlace`), so its folder is there.
        // On every core: each file is six system calls, mostly the kernel's copying and mapping of
        // its blocks (a story added with today's date rewrites about 1,200 list pages in place at 10,000 stories).
        do {
            try Parallel.forEach(files.count) { index in
                let stamp = try Self.overwrite(outputPath + "/" + files[index].key, with: files[index].value)
                stampLock.lock()
                stamps[files[index].key] = stamp
                stampLock.unlock()
            }
        } catch let error as BuildError {
            throw error
        } catch {
            throw .write(path: outputPath, reason: "\(error)")
        }
    }

    /// Writes `bytes` over the file at `full` in place, or into a new file when there is none or it
    /// has other links (or is not a regular file); returns the file's stamp.
    private static func overwrite(_ full: String, with bytes: [UInt8]) throws(BuildError) -> (modified: Int64, inode: UInt64) {
        var descriptor = open(full, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o666)
        var info = stat()
        if descriptor >= 0, fstat(descriptor, &info) == 0, info.st_mode & S_IFMT != S_IFREG || info.st_nlink > 1 {
            close(descriptor)
            descriptor = -1
        }
        if descriptor < 0 {
            // Not a plain file of its own: replaced, as a staged file would be.
            let temporary = full + ".tmp-\(getpid())"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else { throw posixError(full, "cannot create the file") }
            guard rename(temporary, full) == 0 else {
                let error = posixError(full, "cannot move the file into place")
                close(descriptor)
                unlink(temporary)
                throw error
            }
        }
        let written = bytes.withUnsafeBytes { writeAll($0, to: descriptor) } && ftruncate(descriptor, off_t(bytes.count)) == 0
            && fstat(descriptor, &info) == 0
        guard close(descriptor) == 0, written else { throw posixError(full, "cannot write the file") }
        return (modified: modified(info), inode: UInt64(info.st_ino))
    }

    /// Writes the journal into the output, once. From then until the journal is removed (or the
    /// update given up), Ctrl-C and other interrupts wait (see `up_interrupts_defer`): the output is
    /// left old or new, not half of each (the journal only makes the next build start over).
    private func writeJournal() throws(BuildError) {
        guard !journalWritten else { return }
        holdInterrupts()
        let journal = output.path + "/" + Self.journalName
        do {
            try Data("An update of this site was being put in place; the next build rebuilds it whole.\n".utf8)
                .write(to: URL(fileURLWithPath: journal))
        } catch {
            throw .write(path: journal, reason: "cannot write the journal: \(error.localizedDescription)")
        }
        journalWritten = true
    }

    private func write(_ path: String, bytes: UnsafeRawBufferPointer) throws {
        try write(path) { Self.writeAll(bytes, to: $0) }
    }

    /// Writes a file with `open`/`write`/`close`: no temporary file and no `fsync` per file (the
    /// staging folder as a whole is what is swapped in), and the file's stamp read from the open file.
    /// `writeAll` writes the contents to the descriptor it is given and says whether all were written.
    private func write(_ path: String, writeAll: (Int32) -> Bool) throws {
        if let folder = Self.folder(of: path) { try folders.ensure(folder, under: stagingPath) }
        let full = stagingPath + "/" + path
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Self.posixError(full, "cannot create the file") }
        guard writeAll(descriptor) else {
            let error = Self.posixError(full, "cannot write the file")
            close(descriptor)
            throw error
        }
        var info = stat()
        let statted = fstat(descriptor, &info) == 0
        guard close(descriptor) == 0, statted else { throw Self.posixError(full, "cannot write the file") }
        let stamp = (modified: Self.modified(info), inode: UInt64(info.st_ino))
        stampLock.lock()
        stamps[path] = stamp
        stampLock.unlock()
    }

    /// Copies the file at `source` into the staging folder a piece at a time, never holding it
    /// whole (nor in an update: a picture is not written over its old copy in place).
    public func copy(_ path: String, from source: URL) throws -> (contentHash: UInt64, size: Int) {
        var copied: Result<(contentHash: UInt64, size: Int), any Error>?
        try write(path) { descriptor in
            do {
                copied = .success(try FilePieces.stream(source) { piece in
                    guard Self.writeAll(piece, to: descriptor) else { throw WriteRefused(code: errno) }
                })
            } catch let refused as WriteRefused {
                errno = refused.code
                return false
            } catch {
                copied = .failure(error)  // the source's fault: the staged file is dropped with the build
            }
            return true
        }
        guard let copied else { throw FilePieces.ReadError(description: "it was not read") }
        return try copied.get()
    }

    /// Links the file at `existing` into the staging folder of a whole build at `path`: a medium
    /// of the old output, found as recorded, is carried over in no time however large it is, and
    /// stays when the old output is removed. False in an update (which leaves an unchanged medium
    /// where it is) or when the system refuses the link (another file system, one without links).
    public func carryOver(_ path: String, from existing: String) throws -> Bool {
        guard !isUpdate else { return false }
        if let folder = Self.folder(of: path) { try folders.ensure(folder, under: stagingPath) }
        let full = stagingPath + "/" + path
        var info = stat()
        guard link(existing, full) == 0 else { return false }
        guard lstat(full, &info) == 0 else { throw Self.posixError(full, "cannot read the stamp of the file") }
        stampLock.lock()
        stamps[path] = (modified: Self.modified(info), inode: UInt64(info.st_ino))
        carried.insert(path)
        stampLock.unlock()
        return true
    }

    /// Whether the file at `path` was carried over from the old output (`carryOver`) rather than written.
    func wasCarriedOver(_ path: String) -> Bool {
        stampLock.lock()
        defer { stampLock.unlock() }
        return carried.contains(path)
    }

    /// The system's refusal of a write, carried out of a copy's loop.
    private struct WriteRefused: Error {
        let code: Int32
    }

    /// Writes all of `bytes` to `descriptor` (again after an interruption); false, with `errno` set,
    /// when the system refuses.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// The modification time and inode of the file this build wrote at `path`, if it wrote one.
    func stamp(of path: String) -> (modified: Int64, inode: UInt64)? {
        stampLock.lock()
        defer { stampLock.unlock() }
        return stamps[path]
    }

    static func modified(_ info: stat) -> Int64 {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    static func posixError(_ path: String, _ what: String) -> BuildError {
        .write(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }

    /// Swaps the finished staging folder in for the output folder: the old site renamed aside, the
    /// new one renamed into place, the user's entries (see `isUsersEntry`) moved from the old site
    /// into the new one, then the old one removed.
    public func commit() throws(BuildError) {
        finishFoldersAhead()
        let manager = FileManager.default
        if !manager.fileExists(atPath: output.path) {
            do { try manager.moveItem(at: staging, to: output) } catch {
                throw .write(path: output.path, reason: "cannot move the finished site into place: \(error.localizedDescription)")
            }
            return
        }
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        // From the first move to the last, an interrupt waits: the output is never missing, and the
        // user's entries are never left behind in the old site.
        holdInterrupts()
        defer { releaseInterrupts() }
        do {
            try manager.moveItem(at: output, to: old)
            do { try manager.moveItem(at: staging, to: output) } catch {
                // The old site back in place, rather than none.
                try? manager.moveItem(at: old, to: output)
                throw error
            }
        } catch {
            throw .write(path: output.path, reason: "cannot swap the finished site into place: \(error.localizedDescription)")
        }
        // The user's entries (see `isUsersEntry`) moved from the old site into the new one; the old
        // site is removed only once none is left in it.
        let stranded = Self.usersEntries(in: old.path).filter { rename(old.path + "/" + $0, output.path + "/" + $0) != 0 }
        guard stranded.isEmpty else {
            throw .write(path: output.path, reason: "the new site is in place, but your \(stranded.joined(separator: ", ")) could not be moved into it: \(String(cString: strerror(errno))); they are in \(old.path)")
        }
        FolderRemoval.remove(old.path)
    }

    /// The user's entries (see `isUsersEntry`) among the entries of the folder at `path`.
    static func usersEntries(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter(isUsersEntry).sorted()
    }

    /// Puts an update in place: renames each file written into the staging folder into the output
    /// (those held in memory are there already, see `writeHeldInPlace`), removes `removed` files (and
    /// folders left empty), then lets `finish` write the new build state. A journal in the output
    /// marks the time in between.
    /// - Parameters:
    ///   - written: site-relative paths of the files this build wrote, held or staged.
    ///   - removed: site-relative paths of files the site no longer has.
    ///   - finish: called with the folders whose entries changed, once the files are in place.
    func commitChanges(written: [String], removed: [String], finish: (Set<String>) throws -> Void) throws(BuildError) {
        let outputPath = output.path
        let journal = outputPath + "/" + Self.journalName
        try writeJournal()
        var touched = Set<String>()
        let outputFolders = FolderCache()
        for path in written {
            let folder = Self.folder(of: path) ?? ""
            if !folder.isEmpty { touched.formUnion(Self.ancestors(of: path)) }
            // Written in place already (`writeHeldInPlace`).
            if isHeld(path) { continue }
            if !folder.isEmpty {
                do { try outputFolders.ensure(folder, under: outputPath) } catch {
                    throw .write(path: outputPath + "/" + folder, reason: "cannot create the folder: \(error)")
                }
            }
            guard rename(stagingPath + "/" + path, outputPath + "/" + path) == 0 else {
                throw Self.posixError(outputPath + "/" + path, "cannot move the file into place")
            }
        }
        for path in removed {
            guard unlink(outputPath + "/" + path) == 0 || errno == ENOENT else {
                throw Self.posixError(outputPath + "/" + path, "cannot remove the file")
            }
            var below = path
            while let folder = Self.folder(of: below) {
                below = folder
                touched.insert(folder)
                if rmdir(outputPath + "/" + folder) != 0 { break }
            }
        }
        do { try finish(touched) } catch let error as BuildError { throw error } catch {
            throw .write(path: outputPath, reason: error.localizedDescription)
        }
        unlink(journal)
        releaseInterrupts()
        FolderRemoval.remove(staging.path)
    }

    /// The folder `path` (site-relative) lies in, `nil` at the root: up to its last slash, found
    /// among its bytes (by character, the path would be broken into graphemes first).
    static func folder(of path: String) -> String? {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) }
    }

    /// Every folder above `path` (site-relative), nearest last: `a/b/c.html` → `a`, `a/b`.
    static func ancestors(of path: String) -> [String] {
        var folders: [String] = []
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            folders.append(String(path[..<slash]))
            index = path.index(after: slash)
        }
        return folders
    }

    /// Writes the file `name` in the output folder itself from `pieces`, one after the other (a large
    /// file made in pieces need not be joined first), atomically (a temporary file renamed).
    ///
    /// With `overJournal`, the file is written over in place instead, on the blocks it already has
    /// (a new file of a hundred megabytes costs its allocation again), and the pieces kept from it
    /// that lie where they already are are not written again (`StatePiece.write`): only for a
    /// caller inside `commitChanges`, whose journal makes the next build distrust a write cut short.
    func replaceInOutput(_ name: String, pieces: [StatePiece], overJournal: Bool = false) throws(BuildError) {
        try Self.replace(output.path + "/" + name, pieces: pieces, inPlace: overJournal)
    }

    /// Writes the file at `target` from `pieces`, one after the other: atomically (a temporary file
    /// renamed), or `inPlace` (see `replaceInOutput`).
    static func replace(_ target: String, pieces: [StatePiece], inPlace overJournal: Bool) throws(BuildError) {
        let path = overJournal ? target : target + ".tmp-\(getpid())"
        // Written from the pieces themselves: the build state of a large archive is over a hundred megabytes.
        let descriptor = open(path, O_WRONLY | O_CREAT | (overJournal ? 0 : O_TRUNC) | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Self.posixError(path, "cannot create the file") }
        var written = StatePiece.write(pieces, to: descriptor, inPlace: overJournal) != nil
        if overJournal, written { written = ftruncate(descriptor, off_t(StatePiece.byteCount(pieces))) == 0 }
        var error = written ? nil : Self.posixError(path, "cannot write the file")
        if close(descriptor) != 0, error == nil { error = Self.posixError(path, "cannot write the file") }
        if let error {
            if !overJournal { unlink(path) }
            throw error
        }
        if !overJournal, rename(path, target) != 0 { throw Self.posixError(target, "cannot replace the file") }
    }

    /// Removes the staging folder after a failed build.
    public func discard() {
        releaseInterrupts()
        finishFoldersAhead(stopping: true)
        FolderRemoval.remove(staging.path)
    }

    /// Whether this output holds interrupts back (from its journal until it is removed).
    private var holdsInterrupts = false

    private func holdInterrupts() {
        guard !holdsInterrupts else { return }
        holdsInterrupts = true
        up_interrupts_defer()
    }

    /// Lets held-back interrupts act (a signal that came meanwhile ends the process now).
    private func releaseInterrupts() {
        guard holdsInterrupts else { return }
        holdsInterrupts = false
        up_interrupts_resume()
    }

    deinit {
        releaseInterrupts()
    }

    /// Removes staging folders that builds killed before finishing left beside `output`.
    private static func removeStaleStagingFolders(beside output: URL) {
        let parent = output.deletingLastPathComponent()
        let prefixes = [".\(output.lastPathComponent).staging-", ".\(output.lastPathComponent).old-"]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names {
            guard let prefix = prefixes.first(where: { name.hasPrefix($0) }), let pid = Int32(name.dropFirst(prefix.count)),
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            // An old site a build was stopped in the middle of leaving still holds the user's entries: kept.
            let path = parent.appendingPathComponent(name).path
            guard prefix.hasSuffix(".staging-") || usersEntries(in: path).isEmpty else { continue }
            FolderRemoval.remove(path)
        }
    }

    private static func checkSafe(output: URL, source: URL) throws(BuildError) {
        let path = output.path
        let home = resolve(FileManager.default.homeDirectoryForCurrentUser).path
        func isInside(_ child: String, _ parent: String) -> Bool {
            child == parent || child.hasPrefix(parent.hasSuffix("/") ? parent : parent + "/")
        }
        if path == "/" || path == home {
            throw .unsafeOutput(path: path, reason: "the output cannot be / or the home folder")
        }
        if isInside(source.path, path) {
            throw .unsafeOutput(path: path, reason: "the output folder is, or contains, the source folder \(source.path)")
        }
        if isInside(path, source.path) {
            throw .unsafeOutput(path: path, reason: "the output folder lies inside the source folder \(source.path)")
        }
        var link = stat()
        if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            throw .unsafeOutput(path: path, reason: "it is a symbolic link that leads to no folder (links in a loop?)")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw .unsafeOutput(path: path, reason: "it is a file, not a folder")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if !contents.isEmpty, !contents.contains(markerName) {
            throw .unsafeOutput(path: path, reason: "the folder is not empty and was not made by UnionPress (no \(markerName)); remove it or choose another --output")
        }
    }

    /// The modification times of `folders` (site-relative) under `root`; a folder that cannot be
    /// read gets 0, which no later check matches.
    static func folderTimes(_ folders: [String], under root: String) -> [Int64] {
        let times = Slots<Int64>(count: folders.count)
        try? Parallel.forEach(folders.count) { index in
            var info = stat()
            times.set(index, lstat(root + "/" + folders[index], &info) == 0 ? modified(info) : 0)
        }
        return folders.indices.map { times.value($0) }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif

/// Creates folders once, shared by concurrent writers.
private final class FolderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var known = Set<String>()

    /// Creates the site-relative `folder` under `root`, and the folders above it, unless this cache
    /// has already made (or found) it. Two writers may both create a folder; the second finds it.
    func ensure(_ folder: String, under root: String) throws {
        try make(folder, under: root)
    }

    private func isKnown(_ folder: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return known.contains(folder)
    }

    private func make(_ folder: String, under root: String) throws {
        guard !folder.isEmpty, !isKnown(folder) else { return }
        if mkdir(root + "/" + folder, 0o777) != 0 {
            switch errno {
            case EEXIST:
                break
            case ENOENT:
                guard let parent = DiskOutput.folder(of: folder) else { throw DiskOutput.posixError(root + "/" + folder, "cannot create the folder") }
                try make(parent, under: root)
                guard mkdir(root + "/" + folder, 0o777) == 0 || errno == EEXIST else {
                    throw DiskOutput.posixError(root + "/" + folder, "cannot create the folder")
                }
            default:
                throw DiskOutput.posixError(root + "/" + folder, "cannot create the folder")
            }
        }
        lock.lock()
        known.insert(folder)
        lock.unlock()
    }
}
