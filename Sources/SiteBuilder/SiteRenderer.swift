import Foundation
import NewsLoader
import NewsModel
import Templates

/// Renders every page of the site from the loaded articles into an output sink.
///
/// Pages are rendered on every core by a fixed number of workers, each writing its page as soon as
/// it is rendered, so the site is never held in memory at once.
public struct SiteRenderer: Sendable {
    /// The portal's name, description and address.
    public var site: SiteInfo
    /// Reads people's names for their pages' slugs.
    public var pinyin: Pinyin?
    /// Entries per feed.
    public static let feedEntries = 50

    /// Creates a renderer for `site`; people's slugs are read with `pinyin` (the bundled tables by default).
    public init(site: SiteInfo, pinyin: Pinyin? = try? Pinyin.bundled()) {
        self.site = site
        self.pinyin = pinyin
    }

    /// What a render produced.
    public struct Summary: Sendable {
        /// Files written.
        public var files: Int
        /// Articles on the site.
        public var articles: Int
    }

    /// Renders the site for `articles` into `sink`.
    public func render(_ articles: [Article], into sink: any OutputSink) throws -> Summary {
        let renderer = BodyRenderer()
        let entries = ConcurrentMap.map(articles) { article -> ArticleEntry in
            let plainText = renderer.plainText(article.body)
            return ArticleEntry(article: article, fingerprint: 0, digest: BodyDigest(plainText: plainText), body: .inline, plainText: plainText)
        }
        let model = SiteModel(entries: entries, site: site, pinyin: pinyin)
        let records = try RenderEngine(model: model, fetchBody: nil).run(model.jobs(), into: sink, previous: nil).records
        return Summary(files: records.count, articles: articles.count)
    }
}

/// What one file of a build is: where, from what, with which bytes, and (on disk) the stamp it was
/// written with. Kept in the build state, so the next build knows what it may leave as it is.
struct OutputRecord: Sendable, Hashable {
    /// What made the file.
    enum Group: UInt8, Sendable {
        case page = 0, search = 1, asset = 2
        /// A copy of a media file of the source folder (`MediaPath`).
        case media = 3
    }

    var path: String
    var group: Group
    /// Fingerprint of the inputs the file was made from. A file of the search index, made from
    /// every story at once, has its bytes' hash here (as an asset does): an update that leaves such a
    /// file as it was leaves its record as it was too.
    var fingerprint: UInt64
    /// Fingerprint of the file's bytes.
    var contentHash: UInt64
    var size: Int
    /// Modification time and inode of the file as written (zero when not on disk).
    var modified: Int64
    var inode: UInt64
}

/// Renders the files of a site model into a sink: all of them, or — given the records of an earlier
/// build of the same output — only those whose inputs changed, writing only those whose bytes changed.
struct RenderEngine {
    let model: SiteModel
    /// Reads a Markdown body again from its file, as UTF-8 bytes; `nil` when every body is in its record.
    let fetchBody: (@Sendable (SourceFile, UInt64) -> [UInt8]?)?
    /// The media files of the source folder, copied into the site.
    let media: [MediaFile]
    /// The page of each Markdown story by its source file, for the links between stories; empty
    /// when no story links to another (`Site.Loaded.storyPages`).
    let storyPages: [String: String]

    private let bodyRenderer = BodyRenderer()

    init(model: SiteModel, fetchBody: (@Sendable (SourceFile, UInt64) -> [UInt8]?)?, media: [MediaFile] = [],
         storyPages: [String: String] = [:]) {
        self.model = model
        self.fetchBody = fetchBody
        self.media = media
        self.storyPages = storyPages
    }

    /// Where the references of `article`'s body lead.
    private func links(_ article: Article) -> SourceLinks { SourceLinks(article, storyPages: storyPages) }

    /// The Markdown body of `file`, read again as UTF-8; the file must still have the bytes
    /// fingerprinted `contentHash`.
    private func markdownBodyUTF8(_ file: SourceFile, _ contentHash: UInt64) throws -> [UInt8] {
        guard let fetchBody, let text = fetchBody(file, contentHash) else {
            throw BuildError.load(LoadError(diagnostics: [LoadDiagnostic(
                .error, file: file.relativePath, line: nil, step: "read",
                message: "the file changed while the site was being built; build again")]))
        }
        return text
    }

    /// The HTML of the body of the story at `position` (site order).
    func bodyHTML(_ position: Int) throws -> HTML {
        let entry = model.entries[position]
        switch entry.body {
        case .inline:
            return bodyRenderer.html(entry.article.body, media: links(entry.article))
        case .markdownFile(let file, let contentHash):
            return bodyRenderer.html(markdownUTF8: try markdownBodyUTF8(file, contentHash), media: links(entry.article))
        }
    }

    /// The plain text of the body of the story at `position`.
    private func plainText(_ position: Int) throws -> String {
        let entry = model.entries[position]
        if let text = entry.plainText { return text }
        switch entry.body {
        case .inline:
            return bodyRenderer.plainText(entry.article.body)
        case .markdownFile(let file, let contentHash):
            return bodyRenderer.plainText(markdownUTF8: try markdownBodyUTF8(file, contentHash))
        }
    }

    /// The HTML and the plain text of the body of the story at `position`, from one read and one parse.
    private func renderedBody(_ position: Int) throws -> RenderedBody {
        let entry = model.entries[position]
        if let text = entry.plainText {
            // The plain text kept (the preview's): the HTML alone is rendered, with the first picture.
            guard case .markdownFile(let file, let contentHash) = entry.body else { return RenderedBody(html: try bodyHTML(position), plainText: text) }
            let shown = bodyRenderer.shown(markdownUTF8: try markdownBodyUTF8(file, contentHash), media: links(entry.article))
            var body = RenderedBody(html: shown.html, plainText: text)
            body.image = shown.image
            return body
        }
        switch entry.body {
        case .inline:
            return bodyRenderer.render(entry.article.body, media: links(entry.article))
        case .markdownFile(let file, let contentHash):
            return bodyRenderer.render(markdownUTF8: try markdownBodyUTF8(file, contentHash), media: links(entry.article))
        }
    }

    /// What `run` made: the record of every file of the site, and the search index's ledger (`nil`
    /// when the search index was left for later).
    struct Rendered {
        var records: [OutputRecord]
        var searchLedger: SearchIndex.Ledger?
    }

    /// The search index an earlier build left in the output, to be updated in place.
    struct SearchIndexBase: Sendable {
        /// What that build kept of its index.
        var ledger: SearchIndex.Ledger
        /// Reads a file of the output as it is; checked against its record before use.
        var read: @Sendable (String) -> Data?
    }

    /// Renders `jobs` (the model's pages), the search index, the media files and the assets into
    /// `sink`, and returns the record of every file of the site: pages in the jobs' order, then the
    /// search index, then the media files, then the assets.
    /// - Parameters:
    ///   - previous: the files of the build already in the output (found by place, then path); a page whose
    ///     fingerprint is unchanged is not rendered, a file whose bytes are unchanged is not written.
    ///   - searchBase: the search index in the output, which is changed in place when few stories changed.
    ///   - searchIndex: false to leave the search index for later (`renderSearchIndex`): its records
    ///     are then those of `previous`, as they were.
    ///   - carriedMedia: in a whole build over an output the check found as recorded, its media, which
    ///     are carried over rather than copied where their sources kept their stamps.
    func run(_ jobs: [PageJob], into sink: any OutputSink, previous: PreviousOutputs?,
             searchBase: SearchIndexBase? = nil, searchIndex: Bool = true, carriedMedia: MediaToCarry? = nil) throws -> Rendered {
        var timer = PhaseTimer()
        var records: [OutputRecord] = []
        var ledger: SearchIndex.Ledger?
        var pagesDone: [Int: OutputRecord] = [:]
        var feedBodies: [Int: HTML] = [:]
        let carried = feedPositions(of: jobs, previous: previous)
        if searchIndex, let searchBase,
           Self.updatesInPlace(changedDocuments(base: searchBase, keys: searchKeys()), base: searchBase, count: model.entries.count) {
            // A few stories changed: the index is changed in place while the pages are rendered, each
            // on a core (an index that turns out not to be updatable is built whole, its stories'
            // bodies read again).
            let (search, pages) = Parallel.both(
                { Result { try renderSearchIndex(into: sink, previous: previous, base: searchBase, stop: { false }) } },
                { Result { try renderPages(jobs, into: sink, previous: previous, done: [:], carried: carried, feedBodies: [:]) } })
            // Never `nil`: nothing stops it.
            guard let built = try search.get() else { throw BuildError.write(path: "search/", reason: "the search index was not made") }
            timer.mark("  search index ‖ pages")
            // Taken out of the result, so that the pages' records are held once and grow in place
            // (got from a result still held, every record was copied and its path retained).
            let pageRecords = try (consume pages).get()
            return Rendered(records: Self.joined(pageRecords, built.records, try copyFiles(into: sink, previous: previous, carriedMedia: carriedMedia)),
                            searchLedger: built.ledger)
        }
        if searchIndex, let built = try renderSearchIndex(into: sink, previous: previous, base: searchBase, pages: jobs,
                                                          keepingBodies: carried, stop: { false }) {
            records += built.records
            ledger = built.ledger
            pagesDone = built.pages
            feedBodies = built.bodies
        } else {
            records += (previous?.records ?? []).filter { $0.group == .search }
        }
        timer.mark("  search index")
        let pages = try renderPages(jobs, into: sink, previous: previous, done: pagesDone, carried: carried, feedBodies: feedBodies)
        timer.mark("  pages")
        return Rendered(records: Self.joined(pages, records, try copyFiles(into: sink, previous: previous, carriedMedia: carriedMedia)), searchLedger: ledger)
    }

    /// The records of the site in the order `run` gives them: the pages' taken as they are, the
    /// search index's and the assets' appended (a sum of the three made a fourth array, each record
    /// copied and its path retained again).
    private static func joined(_ pages: consuming [OutputRecord], _ search: [OutputRecord], _ assets: [OutputRecord]) -> [OutputRecord] {
        var records = consume pages
        records.reserveCapacity(records.count + search.count + assets.count)
        records += search
        records += assets
        return records
    }

    /// The paths of `jobs` in the order `run` writes them in a whole build: the article pages with
    /// the search index's documents (the oldest story first), then the other pages in order.
    static func pathsInWriteOrder(_ jobs: [PageJob]) -> [String] {
        // Each article page's path at its story's position in the site order (0..<stories).
        var articles = [String?](repeating: nil, count: jobs.count)
        var stories = 0
        var others: [String] = []
        for job in jobs {
            if case .article(let position) = job.page {
                articles[position] = job.path
                stories += 1
            } else {
                others.append(job.path)
            }
        }
        return (0..<stories).compactMap { articles[SearchIndex.story(ofDocument: $0, documents: stories)] } + others
    }

    /// Writes `page` at `path` unless the output already holds exactly these bytes there.
    private func put(_ page: HTML, at path: String, group: OutputRecord.Group, fingerprint: UInt64,
                     into sink: any OutputSink, previous: OutputRecord?) throws -> OutputRecord {
        let (hash, size) = page.utf8.withUnsafeBytes { (Fingerprint.of(bytes: $0), $0.count) }
        if let kept = Self.unchanged(previous, hash: hash, size: size, group: group, fingerprint: fingerprint) { return kept }
        try sink.write(path, utf8: page.utf8)
        return OutputRecord(path: path, group: group, fingerprint: fingerprint, contentHash: hash, size: size, modified: 0, inode: 0)
    }

    /// `put` for bytes that are not text (the search index's binary shards, the assets); a `nil`
    /// fingerprint is the bytes' hash (see `OutputRecord.fingerprint`).
    func put(_ data: Data, at path: String, group: OutputRecord.Group, fingerprint: UInt64?,
                     into sink: any OutputSink, previous: OutputRecord?) throws -> OutputRecord {
        let hash = data.withUnsafeBytes { Fingerprint.of(bytes: $0) }
        let fingerprint = fingerprint ?? hash
        if let kept = Self.unchanged(previous, hash: hash, size: data.count, group: group, fingerprint: fingerprint) { return kept }
        try sink.write(path, data)
        return OutputRecord(path: path, group: group, fingerprint: fingerprint, contentHash: hash, size: data.count, modified: 0, inode: 0)
    }

    /// The record of a file the output already holds with these bytes, now made from `fingerprint`.
    static func unchanged(_ previous: OutputRecord?, hash: UInt64, size: Int, group: OutputRecord.Group,
                                  fingerprint: UInt64) -> OutputRecord? {
        guard var kept = previous, kept.contentHash == hash, kept.size == size else { return nil }
        kept.fingerprint = fingerprint
        kept.group = group
        return kept
    }

    /// The record of `job`'s page in `previous` when it was made from the same inputs.
    static func unchangedPage(_ job: PageJob, index: Int, previous: PreviousOutputs?) -> OutputRecord? {
        guard let old = previous?.page(job.path, job: index), old.group == .page, old.fingerprint == job.fingerprint else { return nil }
        return old
    }

    /// The stories whose bodies the feeds among `jobs` that `previous` does not hold as they are carry.
    private func feedPositions(of jobs: [PageJob], previous: PreviousOutputs?) -> Set<Int> {
        var positions = Set<Int>()
        for (index, job) in jobs.enumerated() {
            let stories = model.feedPositions(of: job.page)  // none for a page that is not a feed
            if !stories.isEmpty, Self.unchangedPage(job, index: index, previous: previous) == nil { positions.formUnion(stories) }
        }
        return positions
    }

    /// Renders the pages of `jobs` not `done` already (their records, by job index).
    /// - Parameters:
    ///   - carried: the stories whose bodies the feeds to render carry (`feedPositions(of:previous:)`);
    ///     each body is rendered once for all feeds.
    ///   - feedBodies: bodies' HTML by story position, rendered already (for the article pages); the
    ///     others carried are rendered here.
    private func renderPages(_ jobs: [PageJob], into sink: any OutputSink, previous: PreviousOutputs?,
                             done: [Int: OutputRecord], carried: Set<Int>, feedBodies rendered: [Int: HTML]) throws -> [OutputRecord] {
        var toRender: [Int] = []
        // Every place is filled below; a record of its own rather than an optional spares a copy of all at the end.
        var records = [OutputRecord](repeating: OutputRecord(path: "", group: .page, fingerprint: 0, contentHash: 0, size: 0, modified: 0, inode: 0),
                                     count: jobs.count)
        for (index, job) in jobs.enumerated() {
            if let made = done[index] {
                records[index] = made
            } else if let old = Self.unchangedPage(job, index: index, previous: previous) {
                records[index] = old
            } else {
                toRender.append(index)
            }
        }
        let feedPositionList = Array(carried.filter { rendered[$0] == nil })
        let feedBodies = Slots<HTML>(count: feedPositionList.count)
        try Parallel.forEach(feedPositionList.count) { feedBodies.set($0, try bodyHTML(feedPositionList[$0])) }
        var feedBodyByPosition = rendered
        for (slot, position) in feedPositionList.enumerated() { feedBodyByPosition[position] = feedBodies.value(slot) }
        let feedHTML = feedBodyByPosition
        let pending = toRender

        let rendered = Slots<OutputRecord>(count: pending.count)
        try Parallel.forEach(pending.count) { slot in
            let job = jobs[pending[slot]]
            let page = try model.render(job.page, path: job.path, body: { position in
                if let html = feedHTML[position] { return html }
                return try bodyHTML(position)
            }, articleBody: renderedBody)
            rendered.set(slot, try put(page, at: job.path, group: .page, fingerprint: job.fingerprint, into: sink,
                                       previous: previous?.page(job.path, job: pending[slot])))
        }
        for (slot, index) in toRender.enumerated() { records[index] = rendered.value(slot) }
        return records
    }

    /// What `renderSearchIndex` made.
    struct BuiltSearchIndex {
        /// The records of the index's files.
        var records: [OutputRecord]
        /// What the index keeps of each document, for the next update in place.
        var ledger: SearchIndex.Ledger
        /// The records of the article pages rendered alongside, by job index.
        var pages: [Int: OutputRecord] = [:]
        /// The bodies' HTML kept for the feeds, by story position.
        var bodies: [Int: HTML] = [:]
    }

    /// Renders the search index into `sink`: nothing when `previous` holds it for the same stories
    /// already, only what changed when few stories changed and `base` is the index in the output,
    /// else all of it. Returns what it made, or `nil` when `stop` said to give up first.
    /// - Parameters:
    ///   - pages: the site's page jobs, when the article pages among them that need it are to be
    ///     rendered as the whole index reads their stories' bodies (one read and one parse of a body
    ///     for both); their records come back in `pages`, by job index. An index left as it was or
    ///     changed in place renders no page.
    ///   - keepingBodies: the stories (by position) whose bodies' HTML, rendered for their pages,
    ///     comes back in `bodies` (for the feeds, which carry them).
    func renderSearchIndex(into sink: any OutputSink, previous: PreviousOutputs?, base: SearchIndexBase?,
                           pages jobs: [PageJob]? = nil, keepingBodies: Set<Int> = [], stop: () -> Bool) throws
        -> BuiltSearchIndex? {
        let count = model.entries.count
        // Documents are numbered oldest first, so stories added with the newest date take new
        // numbers at the end.
        let story: @Sendable (Int) -> Int = { SearchIndex.story(ofDocument: $0, documents: count) }
        let keys = searchKeys()
        let fileCount = SearchIndex.fileCount(documents: count)
        let kept = (0..<fileCount).map { number -> OutputRecord? in
            guard let record = previous?.searchFile(number: number, documents: count), record.group == .search else { return nil }
            return record
        }
        if let base {
            let changed = changedDocuments(base: base, keys: keys)
            if changed.isEmpty, base.ledger.entries.count == count, kept.allSatisfy({ $0 != nil }) {
                return BuiltSearchIndex(records: kept.map { $0! }, ledger: base.ledger)
            }
            if Self.updatesInPlace(changed, base: base, count: count),
               let updated = try updateSearchIndex(changed, keys: keys, base: base, kept: kept, into: sink, previous: previous) {
                return BuiltSearchIndex(records: updated.records, ledger: updated.ledger)
            }
        }

        // Each file is put as it is made; the records are numbered as the files are.
        let written = Slots<OutputRecord>(count: fileCount)
        let alongside = jobs.map { ArticlePagesAlongside($0, count: count, previous: previous, keepingBodies: keepingBodies) }
        guard let made = try SearchIndex.write(count: count, document: { number in
            let position = story(number)
            let text: [UInt8]
            if let alongside, let (index, job) = alongside.job(ofStory: position) {
                let body = try renderedBody(position)
                let page = try model.render(job.page, path: job.path, body: { _ in body.html }, articleBody: { _ in body })
                alongside.set(story: position, try put(page, at: job.path, group: .page, fingerprint: job.fingerprint, into: sink,
                                                previous: previous?.page(job.path, job: index)), body: body.html)
                text = body.plainTextUTF8
            } else {
                text = Array(try plainText(position).utf8)
            }
            return Self.searchDocument(model.plan.articles[position], plainTextUTF8: text)
        }, stop: stop, emit: { number, path, data in
            written.set(number, try put(data, at: path, group: .search, fingerprint: nil, into: sink,
                                        previous: previous?.searchFile(path, number: number)))
        }) else { return nil }
        let ledger = SearchIndex.Ledger(entries: (0..<count).map {
            SearchIndex.Ledger.Entry(key: keys[$0], length: made.lengths[$0], headlineLength: made.headlineLengths[$0], filters: made.filters[$0])
        })
        return BuiltSearchIndex(records: (0..<made.files).map { written.value($0) }, ledger: ledger,
                                pages: alongside?.rendered ?? [:], bodies: alongside?.keptBodies ?? [:])
    }

    /// Each document's key, by document number (oldest first). A document is made from its story
    /// alone, so the story's fingerprint is its key: the one the story's page is rendered again on
    /// (it stands for the source the story was read from and all the loader read it with).
    private func searchKeys() -> [UInt64] {
        let count = model.entries.count
        return (0..<count).map { model.entries[SearchIndex.story(ofDocument: $0, documents: count)].fingerprint }
    }

    /// The documents (numbered oldest first) whose keys (`searchKeys()`) are not those `base`
    /// indexed: changed in place, or added at the end.
    private func changedDocuments(base: SearchIndexBase, keys: [UInt64]) -> [Int] {
        let common = min(base.ledger.entries.count, keys.count)
        return (0..<common).filter { base.ledger.entries[$0].key != keys[$0] } + Array(common..<keys.count)
    }

    /// Whether an index of `count` documents whose documents `changed` differ from `base`'s (and
    /// those `base` had beyond `count` are gone) is changed in place rather than built whole.
    private static func updatesInPlace(_ changed: [Int], base: SearchIndexBase, count: Int) -> Bool {
        let oldCount = base.ledger.entries.count
        return (changed.count + max(0, oldCount - count)) * SearchIndex.updateShare <= max(count, oldCount)
    }

    /// The search index of `base` changed in place for the documents `changed` (numbered oldest
    /// first); `nil` when it cannot be (see `SearchIndex.update`), or when a file it would keep is
    /// not recorded.
    private func updateSearchIndex(_ changed: [Int], keys: [UInt64], base: SearchIndexBase, kept: [OutputRecord?],
                                   into sink: any OutputSink, previous: PreviousOutputs?) throws -> (records: [OutputRecord], ledger: SearchIndex.Ledger)? {
        let count = keys.count
        let shardCount = SearchIndex.shardCount(documents: count)
        // Every file but the meta, the changed documents' fragments and their length tables is kept as recorded.
        let tables = SearchIndex.lengthTablesChanged(changed, count: count, oldCount: base.ledger.entries.count)
        let remade = Set([0] + changed.map { 1 + shardCount + $0 } + tables.map { SearchIndex.lengthFileNumber($0, documents: count) })
        // Looked at in place: comparing each optional record with `nil` copied it.
        for number in kept.indices { if case .none = kept[number], !remade.contains(number) { return nil } }
        let texts = Slots<String>(count: changed.count)
        let stories = changed.map { SearchIndex.story(ofDocument: $0, documents: count) }
        try Parallel.forEach(changed.count) { texts.set($0, try plainText(stories[$0])) }
        let documents = changed.indices.map { index in
            (number: changed[index], document: Self.searchDocument(model.plan.articles[stories[index]], plainTextUTF8: Array(texts.value(index).utf8)))
        }
        // The previous ledger's entries (with the numbers its state gave their filters), the changed ones replaced.
        var ledger = base.ledger
        ledger.entries.removeLast(max(0, ledger.entries.count - count))
        ledger.entries.reserveCapacity(count)
        for (number, document) in documents {
            let entry = SearchIndex.Ledger.entry(document, key: keys[number])
            if number < ledger.entries.count { ledger.entries[number] = entry } else { ledger.entries.append(entry) }
        }
        // Only files as recorded are built on: the update is made while the output is still being
        // checked against the state (and is thrown away should the check fail), so a file read is
        // used only with the size and content hash its record gives.
        let read: @Sendable (Int, String) -> Data? = { [read = base.read] number, path in
            guard let record = previous?.searchFile(path, number: number), let data = read(path), data.count == record.size,
                  data.withUnsafeBytes({ Fingerprint.of(bytes: $0) }) == record.contentHash else { return nil }
            return data
        }
        let written = Slots<OutputRecord>(count: kept.count)
        guard let emitted = try SearchIndex.update(documents, previous: base.ledger, ledger: ledger, read: read, emit: { number, path, data in
            written.set(number, try put(data, at: path, group: .search, fingerprint: nil, into: sink,
                                        previous: previous?.searchFile(path, number: number)))
        }) else { return nil }
        var result = kept
        for number in emitted { result[number] = written.value(number) }
        var records: [OutputRecord] = []
        records.reserveCapacity(result.count)
        for number in result.indices {
            guard case .some(let record) = result[number] else { return nil }
            records.append(record)
        }
        return (records, ledger)
    }

    /// The search index's document for a story whose body's plain text is `plainTextUTF8` (valid
    /// UTF-8): the body, then the people its byline names, so that a reporter's name finds the
    /// stories they wrote or photographed.
    static func searchDocument(_ article: Article, plainTextUTF8: [UInt8]) -> SearchIndex.Document {
        var text = plainTextUTF8
        let people = article.byline.allNames
        if !people.isEmpty {
            if !text.isEmpty { text += Array("\n\n".utf8) }
            text += Array(people.joined(separator: " ").utf8)
        }
        return SearchIndex.Document(
            url: article.url, title: article.headline.title, kicker: article.headline.kicker,
            headline: [article.headline.title] + [article.headline.kicker, article.headline.subtitle, article.headline.column].compactMap { $0 },
            date: article.date?.iso ?? "", region: article.regions.first?.name ?? "",
            regionSlugs: article.regions.map(\.slug), topicSlugs: article.topics.map(\.slug), textUTF8: text)
    }

    /// Copies the media files (or carries them over, see `copyMedia`), then the assets, into `sink`;
    /// their records in that order.
    private func copyFiles(into sink: any OutputSink, previous: PreviousOutputs?, carriedMedia: MediaToCarry?) throws -> [OutputRecord] {
        try copyMedia(into: sink, previous: previous, carried: carriedMedia) + copyAssets(into: sink, previous: previous)
    }

    private func copyAssets(into sink: any OutputSink, previous: PreviousOutputs?) throws -> [OutputRecord] {
        let assets = try Assets.all().map { asset in
            (path: asset.path, contents: asset.path == "assets/search.js" ? SearchScript.withFolding(asset.contents) : asset.contents)
        }
        return try assets.enumerated().map { index, asset in
            let fingerprint = asset.contents.withUnsafeBytes { Fingerprint.of(bytes: $0) }
            return try put(asset.contents, at: asset.path, group: .asset, fingerprint: fingerprint, into: sink,
                           previous: previous?.asset(asset.path, index: index, of: assets.count))
        }
    }
}

/// The article pages a build renders while the search index reads their stories' bodies, so that
/// each body is read and parsed once for both: which pages, the record of each one rendered, and
/// the bodies the feeds will carry.
final class ArticlePagesAlongside: Sendable {
    /// For each story (by position), the job of its page, when the page is to be rendered.
    private let jobs: [(index: Int, job: PageJob)?]
    private let records: Slots<OutputRecord>
    /// The stories whose bodies are kept.
    private let keepingBodies: Set<Int>
    private let bodies: Slots<HTML>

    /// The article pages of `jobs` for `count` stories that `previous` does not hold as they are;
    /// the bodies of the stories `keepingBodies` are kept as their pages are rendered.
    init(_ jobs: [PageJob], count: Int, previous: PreviousOutputs?, keepingBodies: Set<Int> = []) {
        var byStory = [(index: Int, job: PageJob)?](repeating: nil, count: count)
        for (index, job) in jobs.enumerated() {
            guard case .article(let story) = job.page, byStory.indices.contains(story),
                  RenderEngine.unchangedPage(job, index: index, previous: previous) == nil else { continue }
            byStory[story] = (index, job)
        }
        self.jobs = byStory
        records = Slots(count: count)
        self.keepingBodies = keepingBodies
        bodies = Slots(count: keepingBodies.isEmpty ? 0 : count)
    }

    /// The page job of story `story` and its index, when its page is to be rendered.
    func job(ofStory story: Int) -> (index: Int, job: PageJob)? { jobs[story] }

    /// Records the page of story `story` as rendered from `body`; each story's by one task only.
    func set(story: Int, _ record: OutputRecord, body: HTML) {
        records.set(story, record)
        if keepingBodies.contains(story) { bodies.set(story, body) }
    }

    /// The bodies kept, by story position: those of `keepingBodies` whose pages were rendered.
    var keptBodies: [Int: HTML] {
        var result: [Int: HTML] = [:]
        for story in keepingBodies where jobs.indices.contains(story) && jobs[story] != nil { result[story] = bodies.value(story) }
        return result
    }

    /// The records of the pages, by the index of their job, once the index has read every story.
    var rendered: [Int: OutputRecord] {
        var result: [Int: OutputRecord] = [:]
        for (story, entry) in jobs.enumerated() {
            if let entry { result[entry.index] = records.value(story) }
        }
        return result
    }
}
