import Foundation
import Hummingbird
import NewsModel

/// One file of the preview, ready to be written to a socket: bytes, type and validator computed
/// once per build rather than once per request.
struct ServedFile: Sendable {
    /// The bytes served: for HTML, the page with the live-reload script.
    let body: ByteBuffer
    /// `Content-Type`.
    let contentType: String
    /// The hash of `body`; the `ETag` is this in quotes.
    let hash: ContentHash
    /// The hash of the file as the build wrote it (before the script), to tell which files changed.
    let builtHash: ContentHash
    /// For HTML: where the script starts in `body` and how long it is, so a banner can be placed
    /// before it and the script replaced while the sources are broken.
    let injection: Range<Int>?

    /// The quoted `ETag` value.
    var etag: String { "\"\(hash)\"" }
}

/// A complete build of the site, as the preview serves it. Immutable: a rebuild makes a new one.
final class SiteSnapshot: Sendable {
    /// Files by site-relative path (`index.html`, `articles/<slug>/index.html`, `assets/site.css`, …).
    let files: [String: ServedFile]
    /// A hash over every path and built file: equal for byte-identical builds.
    let hash: ContentHash
    /// Articles on the site.
    let articles: Int
    /// Each article's page by where it comes from (`file#n`, its n-th story), so a tab on an article
    /// whose slug changed (a retitled story) can follow it to its new address.
    let pagesBySource: [String: String]

    /// Prepares `output` — the build's files by site-relative path — for serving.
    /// - Parameters:
    ///   - output: what the renderer wrote into a `MemoryOutput`.
    ///   - articles: how many articles the build holds.
    ///   - pagesBySource: each article's page path by `file#n`.
    init(output: [String: Data], articles: Int, pagesBySource: [String: String] = [:]) {
        let paths = output.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let builtHashes = ConcurrentMap.map(paths) { ContentHash(output[$0] ?? Data()) }
        var siteHash = ContentHash()
        for (path, built) in zip(paths, builtHashes) {
            siteHash.combine(path)
            siteHash.combine(built)
        }
        let version = siteHash.description
        let prepared = ConcurrentMap.map(Array(zip(paths, builtHashes))) { path, built -> ServedFile in
            let data = output[path] ?? Data()
            let type = ContentType.of(path)
            guard type.hasPrefix("text/html") else {
                return ServedFile(body: ByteBuffer(bytes: data), contentType: type, hash: built, builtHash: built, injection: nil)
            }
            let script = ReloadScript.tag(version: version)
            let (page, offset) = ReloadScript.inject(script, into: data)
            return ServedFile(body: ByteBuffer(bytes: page), contentType: type, hash: ContentHash(page), builtHash: built,
                              injection: offset..<(offset + script.utf8.count))
        }
        files = Dictionary(uniqueKeysWithValues: zip(paths, prepared))
        hash = siteHash
        self.articles = articles
        self.pagesBySource = pagesBySource
    }

    /// Article pages that moved since `old`: old page path → new page path.
    func movedPages(since old: SiteSnapshot?) -> [String: String] {
        guard let old else { return [:] }
        var moved: [String: String] = [:]
        for (source, oldPage) in old.pagesBySource {
            if let newPage = pagesBySource[source], newPage != oldPage, files[oldPage] == nil { moved[oldPage] = newPage }
        }
        return moved
    }

    /// The paths whose built bytes differ between `old` and `self`, including files added or removed.
    func changedPaths(since old: SiteSnapshot?) -> [String] {
        guard let old else { return files.keys.sorted() }
        var changed: [String] = []
        for (path, file) in files where old.files[path]?.builtHash != file.builtHash { changed.append(path) }
        for path in old.files.keys where files[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
