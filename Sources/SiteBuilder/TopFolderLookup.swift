#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the status of site-relative paths under an output folder, holding open the folder at the
/// top of the output that the last path lay in and looking the rest of each path up from there:
/// the kernel walks one name fewer a lookup (about a tenth of each `fstatat` here). The output
/// check looks up tens of thousands of paths, and they come a top folder at a time.
struct TopFolderLookup: ~Copyable {
    /// The output folder, open; not closed here.
    private let root: Int32
    /// The name of the top folder held open, as bytes.
    private var name: [UInt8] = []
    /// That folder, open (-1 when none is, or it could not be opened).
    private var descriptor: Int32 = -1
    /// Where each path is copied to be given to the system with a zero after it.
    private let text = UnsafeMutablePointer<CChar>.allocate(capacity: Self.longestPath + 1)
    /// The longest path looked up.
    private static let longestPath = Int(PATH_MAX)

    /// A lookup under `root`, an open folder that outlives it.
    init(root: Int32) {
        self.root = root
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        text.deallocate()
    }

    /// The status of site-relative `path` (UTF-8) into `info`, a link at its end not followed;
    /// `false` when it cannot be read. A top folder that is a link is not followed either: the
    /// lookup fails.
    mutating func status(of path: UnsafeBufferPointer<UInt8>, into info: inout stat) -> Bool {
        guard let start = path.baseAddress, !path.isEmpty, path.count < Self.longestPath, memchr(start, 0, path.count) == nil else { return false }
        let slash = memchr(start, Int32(UInt8(ascii: "/")), path.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(start) }
        if let slash, slash != name.count || memcmp(start, name, slash) != 0 {
            open(UnsafeRawBufferPointer(start: start, count: slash))
        }
        // The path's bytes and a zero, in the buffer kept for them.
        UnsafeMutableRawPointer(text).copyMemory(from: start, byteCount: path.count)
        text[path.count] = 0
        guard let slash else { return fstatat(root, text, &info, AT_SYMLINK_NOFOLLOW) == 0 }
        return descriptor >= 0 && fstatat(descriptor, text + slash + 1, &info, AT_SYMLINK_NOFOLLOW) == 0
    }

    /// Holds open the top folder named by `top` in place of the one held.
    private mutating func open(_ top: UnsafeRawBufferPointer) {
        if descriptor >= 0 { close(descriptor) }
        name = Array(top)
        #if os(Linux)
        // O_PATH (Linux's value; Glibc's module leaves it out): the folder opened for lookups only.
        let flags = 0o10000000 | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        #else
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        #endif
        descriptor = (name + [0]).withUnsafeBufferPointer { openat(root, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), flags) }
    }
}
