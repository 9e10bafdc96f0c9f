import Foundation
import NewsLoader
import NewsModel

/// Builds a site into memory again and again, each time redoing only what changed since the last
/// build: the preview server's builder. The same loading, planning and rendering as `Site.build`,
/// with the state that `build` keeps in the output folder kept here instead.
///
/// An update has two steps, so that an edit shows before the search index catches up: `update()`
/// reads the sources that changed and renders the pages whose inputs changed; `updateSearchIndex()`
/// then rebuilds the search index if any story changed. Not for concurrent use: one caller (the
/// preview's build queue) calls one method at a time.
public final class MemoryBuild: @unchecked Sendable {
    /// What a step changed.
    public struct Update: Sendable {
        /// Every file of the site now, by site-relative path, but the copies of media files.
        public var files: [String: Data]
        /// The copies of media files, each kept as the source file it copies (never read into
        /// memory to be served), by site-relative path.
        public var media: [String: MemoryOutput.Reference]
        /// Paths written (with new bytes) or removed by this step; `nil` for the first build, when
        /// everything is new.
        public var changed: Set<String>?
        /// The site's stories, in site order (newest first).
        public var articles: [Article]
        /// The loader's warnings.
        public var warnings: [LoadDiagnostic]
    }

    private let site: Site
    private let source: URL
    private var state: BuildState?
    private var records = PreviousOutputs([])
    private var files: [String: Data] = [:]
    private var media: [String: MemoryOutput.Reference] = [:]
    private var pending: (engine: RenderEngine, entries: [ArticleEntry], warnings: [LoadDiagnostic])?
    /// The search index's ledger, once it was built: a few changed stories change it in place.
    private var searchLedger: SearchIndex.Ledger?
    /// Plain texts of Markdown bodies by source path, with the content hash they were read from: the
    /// search index needs every body's text, and a file that did not change is not read again.
    private var plainTexts: [String: (contentHash: UInt64, texts: [String])] = [:]

    /// A builder for the sources under `source`.
    public init(site: Site, source: URL) {
        self.site = site
        self.source = source
    }

    /// Reads the sources that changed and renders the pages whose inputs changed (everything, the
    /// first time); the search index is left as it was until `updateSearchIndex()`.
    /// - Throws: `BuildError` naming every problem; the last good site is kept then.
    public func update() throws(BuildError) -> Update {
        let listing = SourceListing.make(under: source)
        let sourceFiles: [SourceFile]
        do { sourceFiles = try listing.files.get() } catch { throw .load(error) }
        var loaded = try site.load(sourceFiles, previous: state, scanned: listing.began, keepPlainTexts: true)
        fillPlainTexts(&loaded)
        let model = SiteModel(entries: loaded.takeEntries(), site: site.siteInfo(loaded.settings), pinyin: site.loader.pinyin)
        let engine = RenderEngine(model: model, fetchBody: { [loader = site.loader] file, hash in loader.markdownBodyUTF8(of: file, contentHash: hash) },
                                  media: loaded.media, storyPages: loaded.storyPages)
        let sink = MemoryOutput(copiesByReference: true)
        let first = state == nil
        let newRecords: [OutputRecord]
        do {
            newRecords = try engine.run(model.jobs(), into: sink, previous: first ? nil : records, searchIndex: false).records
        } catch let error as BuildError { throw error } catch { throw .write(path: "(memory)", reason: "\(error)") }
        let changed = apply(newRecords, written: sink.snapshot, referenced: sink.references)
        state = BuildState(generator: 0, baseURL: nil, sources: loaded.sources, settings: loaded.settings,
                           settingsNotes: loaded.settingsNotes, sidecarNotes: loaded.sidecarNotes, outputs: [],
                           folders: [], articleCount: model.entries.count, diagnostics: loaded.diagnostics)
        pending = (engine, model.entries, loaded.diagnostics)
        return Update(files: files, media: media, changed: first ? nil : changed, articles: model.entries.map(\.article),
                      warnings: loaded.diagnostics)
    }

    /// Rebuilds the search index for the stories of the last `update()`, when they changed.
    /// - Parameter stop: checked as the index is built; when it says so, the work is given up and left
    ///   for the next call (a newer edit goes first).
    /// - Returns: the site with its index, or `nil` when there was no update to finish or it was given up.
    public func updateSearchIndex(stop: () -> Bool = { false }) throws(BuildError) -> Update? {
        guard let (engine, entries, warnings) = pending else { return nil }
        let sink = MemoryOutput()
        let built: RenderEngine.BuiltSearchIndex?
        let current = files
        let base = searchLedger.map { RenderEngine.SearchIndexBase(ledger: $0, read: { current[$0] }) }
        do {
            built = try engine.renderSearchIndex(into: sink, previous: records, base: base, stop: stop)
        } catch let error as BuildError { throw error } catch { throw .write(path: "(memory)", reason: "\(error)") }
        guard let built else { return nil }
        let (searchRecords, ledger) = (built.records, built.ledger)
        pending = nil
        searchLedger = ledger
        // In the order a build makes them: pages, the search index, media files and assets.
        let (pages, assets) = (records.records.filter { $0.group == .page }, records.records.filter { $0.group == .media || $0.group == .asset })
        let changed = apply(pages + searchRecords + assets, written: sink.snapshot, referenced: [:])
        return Update(files: files, media: media, changed: changed, articles: entries.map(\.article), warnings: warnings)
    }

    /// Makes `newRecords` the site: files written now take their new bytes, media files copied now
    /// their new references, files no longer made are removed. Returns the paths that changed.
    private func apply(_ newRecords: [OutputRecord], written: [String: Data], referenced: [String: MemoryOutput.Reference]) -> Set<String> {
        var changed = Set(written.keys).union(referenced.keys)
        for (path, data) in written { files[path] = data }
        for (path, reference) in referenced { media[path] = reference }
        let kept = Set(newRecords.map(\.path))
        for path in records.records.map(\.path) where !kept.contains(path) {
            files[path] = nil
            media[path] = nil
            changed.insert(path)
        }
        records = PreviousOutputs(newRecords)
        return changed
    }

    /// Gives each Markdown story read from an unchanged file the plain text kept from when it was
    /// read, and keeps the texts of the files read now.
    private func fillPlainTexts(_ loaded: inout Site.Loaded) {
        var kept: [String: (contentHash: UInt64, texts: [String])] = [:]
        var index = 0
        for source in loaded.sources {
            let count = source.result.articles.count
            guard source.kind == .markdown else {
                index += count
                continue
            }
            let range = index..<(index + count)
            if loaded.entries[range].allSatisfy({ $0.plainText != nil }) {
                kept[source.relativePath] = (source.contentHash, loaded.entries[range].map { $0.plainText ?? "" })
            } else if let old = plainTexts[source.relativePath], old.contentHash == source.contentHash, old.texts.count == count {
                for (offset, text) in old.texts.enumerated() { loaded.entries[index + offset].plainText = text }
                kept[source.relativePath] = old
            }
            index += count
        }
        plainTexts = kept
    }
}
