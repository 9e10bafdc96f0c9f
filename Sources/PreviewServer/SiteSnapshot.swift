import Foundation
import Hummingbird
import NewsLoader
import NewsModel

/// One file of the preview, ready to be written to a socket: bytes, type and hash computed once
/// per build rather than once per request. HTML pages get the live-reload script (and, while the
/// sources are broken, the error banner) as they are sent: see `SiteState.body(of:at:)`.
struct ServedFile: Sendable {
    /// The bytes as the build wrote them.
    let built: ByteBuffer
    /// `Content-Type`.
    let contentType: String
    /// The hash of `built`, to tell which files changed and to make the `ETag`.
    let builtHash: ContentHash
    /// For HTML: where the script goes in `built` (before the last `</body>`).
    let scriptOffset: Int?

    /// Prepares the bytes the build wrote at `path`.
    init(path: String, data: Data) {
        built = ByteBuffer(bytes: data)
        contentType = ContentType.of(path)
        builtHash = ContentHash(data)
        scriptOffset = contentType.hasPrefix("text/html") ? ReloadScript.closingBodyOffset(in: data) ?? data.count : nil
    }
}

/// A copy of a media file, as the preview serves it: from the source file itself, a piece at a
/// time (a film is never read into memory), with the fingerprint its bytes had when they were built.
struct ServedMedia: Sendable, Equatable {
    /// The source file's path.
    let file: String
    /// The fingerprint of its bytes as the build read them (`MemoryOutput.Reference.contentHash`),
    /// by which a rebuild tells that it changed.
    let contentHash: UInt64
}

/// A complete build of the site, as the preview serves it. Immutable: a rebuild makes a new one.
final class SiteSnapshot: Sendable {
    /// Files by site-relative path (`index.html`, `articles/<slug>/index.html`, `assets/site.css`, …).
    let files: [String: ServedFile]
    /// The copies of media files by site-relative path (`media/…`), sent from the source folder.
    let media: [String: ServedMedia]
    /// A hash over every path and built file: equal for byte-identical builds.
    let hash: ContentHash
    /// Articles on the site.
    let articles: Int
    /// Each article's page by where it comes from (`file#n`, its n-th story), so a tab on an article
    /// whose slug changed (a retitled story) can follow it to its new address.
    let pagesBySource: [String: String]
    /// The source file of each article's page (page path → file relative to `--source`).
    let sourceByPage: [String: String]
    /// The loader's warnings for the sources this build was made from, shown on every page.
    let warnings: [LoadDiagnostic]
    /// A hash of `warnings`: tabs whose page did not change replace their warning panel when it changes.
    let warningsHash: ContentHash

    /// Prepares `output` — the build's files by site-relative path — for serving.
    /// - Parameters:
    ///   - output: every file of the build but the copies of media files.
    ///   - media: the copies of media files.
    ///   - articles: how many articles the build holds.
    ///   - pagesBySource: each article's page path by `file#n`.
    ///   - warnings: the loader's warnings.
    ///   - previous: the snapshot of the build before, whose prepared files are reused for the paths
    ///     not in `changed`; `nil` to prepare every file.
    ///   - changed: the paths the build wrote or removed since `previous`.
    init(output: [String: Data], media: [String: ServedMedia] = [:], articles: Int, pagesBySource: [String: String] = [:], warnings: [LoadDiagnostic] = [],
         previous: SiteSnapshot? = nil, changed: Set<String> = []) {
        let paths = output.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let prepared = ConcurrentMap.map(paths) { path -> ServedFile in
            if let previous, !changed.contains(path), let kept = previous.files[path] { return kept }
            return ServedFile(path: path, data: output[path] ?? Data())
        }
        var siteHash = ContentHash()
        for (path, file) in zip(paths, prepared) {
            siteHash.combine(path)
            siteHash.combine(file.builtHash)
        }
        for path in media.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            siteHash.combine(path)
            siteHash.combine(String(media[path]?.contentHash ?? 0, radix: 16))
        }
        // The warnings are on every page the preview serves: pages whose bytes are the same show
        // new warnings under a new version.
        var warningsHash = ContentHash()
        for warning in warnings { warningsHash.combine(warning.description) }
        siteHash.combine(warningsHash)
        files = Dictionary(uniqueKeysWithValues: zip(paths, prepared))
        self.media = media
        hash = siteHash
        self.articles = articles
        self.pagesBySource = pagesBySource
        sourceByPage = Dictionary(pagesBySource.map { key, page in (page, String(key[..<(key.lastIndex(of: "#") ?? key.endIndex)])) },
                                  uniquingKeysWith: { first, _ in first })
        self.warnings = warnings
        self.warningsHash = warningsHash
    }

    /// Article pages that moved since `old`: old page path → new page path. A story's page moves
    /// when it is retitled, or when its file is renamed (`renamed`: old path → new path; a story's
    /// address holds a fingerprint of its file's path), the story then being the same n-th of its file.
    func movedPages(since old: SiteSnapshot?, renamed: [String: String] = [:]) -> [String: String] {
        guard let old else { return [:] }
        var moved: [String: String] = [:]
        for (source, oldPage) in old.pagesBySource {
            var now = source
            if !renamed.isEmpty, let hash = source.lastIndex(of: "#"), let to = renamed[String(source[..<hash])] {
                now = to + source[hash...]
            }
            if let newPage = pagesBySource[now], newPage != oldPage, files[oldPage] == nil { moved[oldPage] = newPage }
        }
        return moved
    }

    /// The paths whose built bytes differ between `old` and `self`, including files added or removed.
    func changedPaths(since old: SiteSnapshot?) -> [String] {
        guard let old else { return (Array(files.keys) + Array(media.keys)).sorted() }
        var changed: [String] = []
        for (path, file) in files where old.files[path]?.builtHash != file.builtHash { changed.append(path) }
        for path in old.files.keys where files[path] == nil { changed.append(path) }
        for (path, file) in media where old.media[path] != file { changed.append(path) }
        for path in old.media.keys where media[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
