import Foundation
import Hummingbird

/// What the preview serves right now: the last good build and, when the latest build failed, why.
struct SiteState: Sendable {
    /// The last build that succeeded; `nil` until one has.
    var site: SiteSnapshot?
    /// Why the latest build failed; `nil` when it succeeded.
    var failure: PreviewError?
    /// Article pages that moved while the preview ran (old path → the page's path now), so that a
    /// tab that missed the move (out of sight, or opened on an old link) is sent on to the story.
    var moved: [String: String] = [:]

    /// The most moves kept.
    static let movesKept = 1_000

    /// `moved` after `moves` (old path → new path): earlier moves to a page that moved again follow
    /// it, and a path that is a page again is no longer a move.
    static func moved(_ moved: [String: String], then moves: [String: String], in site: SiteSnapshot) -> [String: String] {
        guard !moves.isEmpty else { return moved }
        var result = moved.mapValues { moves[$0] ?? $0 }
        result.merge(moves) { _, new in new }
        result = result.filter { old, new in site.files[old] == nil && site.files[new] != nil }
        guard result.count > movesKept else { return result }
        return Dictionary(uniqueKeysWithValues: result.sorted { $0.key < $1.key }.suffix(movesKept).map { ($0.key, $0.value) })
    }

    /// Names what browsers see: the site's hash, plus the failure's when there is one. A page whose
    /// embedded version differs from this reloads.
    var version: String {
        let siteVersion = site?.hash.description ?? "none"
        guard let failure else { return siteVersion }
        return siteVersion + "-" + ContentHash(failure.description).description
    }

    /// Names the warnings the pages show (hex digits), see `SiteSnapshot.warningsHash`.
    var warningsVersion: String { site?.warningsHash.description ?? "none" }

    /// The bytes served for `file`, the site's page at `path`: for an HTML page, the page with the
    /// live-reload script carrying `version` before its `</body>`, and before the script the error
    /// banner while the sources are broken, else the warning panel while the loader has warnings;
    /// any other file as the build wrote it.
    func body(of file: ServedFile, at path: String) -> ByteBuffer {
        guard let offset = file.scriptOffset else { return file.built }
        let bytes = file.built.readableBytesView
        let split = bytes.startIndex + offset
        var result = ByteBuffer()
        result.reserveCapacity(bytes.count + 4096)
        result.writeBytes(bytes[..<split])
        if let failure {
            result.writeString(ErrorBanner.banner(failure))
        } else if let site, let panel = WarningPanel.panel(site.warnings, pageSource: site.sourceByPage[path]) {
            result.writeString(panel)
        }
        result.writeString(ReloadScript.tag(version: version, warnings: warningsVersion))
        result.writeBytes(bytes[split...])
        return result
    }

    /// The quoted `ETag` of `file` as `body(of:)` serves it.
    func etag(of file: ServedFile) -> String {
        guard file.scriptOffset != nil else { return "\"\(file.builtHash)\"" }
        return "\"\(file.builtHash)-\(ContentHash(version))\""
    }
}

/// What changed when the store took a new build or failure; sent to the browsers.
struct SiteChange: Sendable, Equatable {
    /// The new version.
    var version: String
    /// Changed site-relative paths: HTML pages (and `search/index.html` when the index changed).
    var changed: [String]
    /// Every page must reload: an asset changed, or the error banner came or went.
    var all: Bool
    /// Article pages whose address changed (a retitled story): old path → new path. Tabs follow.
    var moved: [String: String] = [:]
    /// `SiteState.warningsVersion` after the change: a tab that does not reload replaces its
    /// warning panel when this differs from the one it was served with.
    var warnings: String

    /// More changed pages than this are sent as `all`, keeping events small.
    static let listLimit = 500

    /// Whether a page may load `path` itself (a style sheet, script, image or font), so that a change
    /// to it must reload every page. Feeds and the search index are not: pages only link to them.
    static func isSubresource(_ path: String) -> Bool {
        guard !path.hasPrefix("search/") else { return false }
        let type = ContentType.of(path)
        return type.hasPrefix("text/css") || type.hasPrefix("text/javascript") || type.hasPrefix("image/") || type.hasPrefix("font/")
    }
}

/// Holds the site the preview serves. Requests read it on many threads while the rebuild loop
/// replaces it; a lock (not an actor) keeps each request to one short, synchronous read.
final class SiteStore: @unchecked Sendable {
    private let lock = NSLock()
    private var state = SiteState()

    /// Creates an empty store (nothing built yet).
    init() {}

    /// The current state.
    var current: SiteState {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    /// Serves `site` from now on and clears any failure.
    /// - Parameter renamed: source files renamed since the site served now (old path → new path).
    /// - Returns: what changed for browsers, or `nil` when nothing they see did.
    @discardableResult
    func publish(_ site: SiteSnapshot, renamed: [String: String] = [:]) -> SiteChange? {
        // Worked out before the state is replaced (the rebuild loop is its only writer), so that
        // requests wait on the lock no longer than the swap.
        let before = current
        let moved = site.movedPages(since: before.site, renamed: renamed)
        let allMoves = SiteState.moved(before.moved, then: moved, in: site)
        lock.lock()
        let old = state
        state = SiteState(site: site, failure: nil, moved: allMoves)
        let new = state
        lock.unlock()
        if old.failure != nil || old.site == nil {
            return SiteChange(version: new.version, changed: [], all: true, warnings: new.warningsVersion)
        }
        guard old.version != new.version else { return nil }
        let paths = site.changedPaths(since: old.site)
        var pages = paths.filter(ContentType.isHTML)
        let assetsChanged = paths.contains(where: SiteChange.isSubresource)
        if paths.contains(where: { $0.hasPrefix("search/") && !ContentType.isHTML($0) }), !pages.contains("search/index.html") {
            pages.append("search/index.html")
        }
        let all = assetsChanged || pages.count > SiteChange.listLimit
        return SiteChange(version: new.version, changed: all ? [] : pages.sorted(), all: all,
                          moved: moved.count > SiteChange.listLimit ? [:] : moved, warnings: new.warningsVersion)
    }

    /// Keeps serving the last good site and reports `failure` on every page.
    /// - Returns: what changed for browsers, or `nil` when the same failure was already shown.
    @discardableResult
    func fail(_ failure: PreviewError) -> SiteChange? {
        lock.lock()
        let old = state
        state.failure = failure
        let new = state
        lock.unlock()
        guard old.version != new.version else { return nil }
        return SiteChange(version: new.version, changed: [], all: true, warnings: new.warningsVersion)
    }
}
