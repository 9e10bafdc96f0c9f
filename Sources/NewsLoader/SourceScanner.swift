import Foundation

/// Lists the source files under a folder, recursively, in a stable order.
enum SourceScanner {
    /// What a source file holds, by its extension.
    enum Kind: Sendable { case pageDump, markdown, sidecar }

    /// One source file.
    struct File: Sendable {
        var url: URL
        /// Path relative to the source folder, `/`-separated.
        var relativePath: String
        var kind: Kind
    }

    /// Source files under `root`, sorted by relative path (byte order), hidden files and folders skipped.
    static func files(under root: URL) throws -> [File] {
        let rootPath = root.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        var files: [File] = []
        for case let url as URL in enumerator {
            let kind: Kind
            switch url.pathExtension.lowercased() {
            case "txt": kind = .pageDump
            case "md", "markdown": kind = .markdown
            case "yml", "yaml": kind = .sidecar
            default: continue
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var relative = url.standardizedFileURL.path
            if relative.hasPrefix(rootPath) { relative.removeFirst(rootPath.count) }
            while relative.hasPrefix("/") { relative.removeFirst() }
            files.append(File(url: url, relativePath: relative, kind: kind))
        }
        return files.sorted { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
    }
}
