import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock a build holds on its output folder from before it reads the build state there until the
/// new site is in place, so that two builds into one folder (two CI jobs, a hook run twice) take
/// turns: an update writes its new state over the old file in place while that file is mapped
/// (`StateBytes`), and puts files in the output that another build would be reading or replacing.
///
/// An advisory `flock` on a file beside the output (`.<name>.lock`, as the staging folder is
/// `.<name>.staging-<pid>`): the system releases it when the process ends, however it ends. The
/// build that holds it removes the file when it is done (a build that is killed leaves it, and the
/// next build takes it and removes it); a build that was waiting on the removed file finds its name
/// gone or given to another file, and locks again.
final class OutputLock: @unchecked Sendable {
    /// The lock file's path.
    let path: String
    private let lock = NSLock()
    private var descriptor: Int32

    /// The path of the lock file of `output` (resolved).
    static func path(for output: URL) -> String {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock").path
    }

    /// Takes the lock of `output` (resolved), waiting while another build holds it.
    /// - Parameter waiting: called once, with the lock file's path, when another build holds the
    ///   lock and this one starts to wait for it.
    init(output: URL, waiting: (String) -> Void) throws(BuildError) {
        let path = Self.path(for: output)
        self.path = path
        let parent = output.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .write(path: parent, reason: "cannot create the folder the output goes in: \(error.localizedDescription)")
        }
        var announced = false
        while true {
            let file = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard file >= 0 else { throw DiskOutput.posixError(path, "cannot open the build lock") }
            if flock(file, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK else { throw Self.failed(file, path) }
                if !announced { waiting(path) }
                announced = true
                while flock(file, LOCK_EX) != 0 {
                    guard errno == EINTR else { throw Self.failed(file, path) }
                }
            }
            // Locked. The build that held it before may have removed the file meanwhile (and another
            // may have made a new one): the lock counts only on the file the path names.
            var locked = stat()
            var named = stat()
            if fstat(file, &locked) == 0, stat(path, &named) == 0, locked.st_dev == named.st_dev, locked.st_ino == named.st_ino {
                descriptor = file
                return
            }
            close(file)
        }
    }

    /// Removes the lock file and releases the lock; later calls do nothing.
    func release() {
        lock.lock()
        defer { lock.unlock() }
        guard descriptor >= 0 else { return }
        // Removed while still held, so no build can lock this file and then find it gone.
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    /// The error of a lock that failed, its file closed.
    private static func failed(_ file: Int32, _ path: String) -> BuildError {
        let error = DiskOutput.posixError(path, "cannot lock the output for this build")
        close(file)
        return error
    }
}
