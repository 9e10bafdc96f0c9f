import Foundation

/// Finds a module's bundled resource files without Foundation's `Bundle`.
///
/// SwiftPM copies a target's resources into a folder `<package>_<target>.resources` beside the
/// program, and its `Bundle.module` finds them there — after `Bundle.main` has been made, which
/// takes longer than a rebuild spends reading the files (about 10 million instructions, before
/// any source is read). A module asks here first, for the file in that folder by the program's
/// path, and falls back to its `Bundle.module` when the file is not there (another layout, a
/// renamed package).
public enum ResourceFolder {
    /// The folder the running program is in (its symbolic links resolved), or `nil` when unknown.
    private static let programFolder: String? = {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        guard let path = Bundle.main.executablePath else { return nil }
        #endif
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }()

    /// The path of resource `file` (a path inside the target's resources, such as
    /// `Resources/gazetteer.tsv`) of target `target` in the resource folder beside the program,
    /// when it is a regular file there.
    public static func path(of file: String, target: String) -> String? {
        guard let folder = programFolder else { return nil }
        let path = "\(folder)/UnionPress_\(target).resources/\(file)"
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return path
    }

    /// The URL of resource `name.ext` in `subdirectory` of target `target`: the file beside the
    /// program when it is there, else where `bundle` (the target's `Bundle.module`, made only then)
    /// has it, in `subdirectory` or at its top; `nil` when neither has it.
    public static func url(_ name: String, _ ext: String, subdirectory: String, target: String,
                           bundle: @autoclosure () -> Bundle) -> URL? {
        if let path = path(of: "\(subdirectory)/\(name).\(ext)", target: target) {
            return URL(fileURLWithPath: path, isDirectory: false)
        }
        let bundle = bundle()
        return bundle.url(forResource: name, withExtension: ext, subdirectory: subdirectory)
            ?? bundle.url(forResource: name, withExtension: ext)
    }
}
