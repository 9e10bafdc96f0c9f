import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NewsModel

/// Everything loaded from a source folder.
public struct LoadedSources: Sendable {
    /// All articles, in source order (file path, then line).
    public var articles: [Article]
    /// Warnings an editor should look at (errors make `load` throw instead).
    public var diagnostics: [LoadDiagnostic]
    /// The portal's settings from `site.yml` at the source root (empty when there is none).
    public var settings = SiteSettings()
    /// The media files of the source folder that a story names, in path order: the ones the site
    /// carries. A file no story names (a draft, a scan kept beside the stories) is not published.
    public var media: [SourceFile] = []
}

/// Reads page dumps and Markdown articles into typed, enriched articles.
///
/// Every file is read before anything is returned: campaign banners are recognised by recurring on
/// several pages, and slugs are made unique over the whole set.
public struct NewsLoader: Sendable {
    /// The place names the loader knows.
    public let gazetteer: Gazetteer
    /// The topics and page conventions.
    public let taxonomy: Taxonomy
    /// The pinyin reader used for slugs.
    public let pinyin: Pinyin
    /// Traditional-to-simplified folding for matching places and topics in reprints.
    public let folding: TraditionalFolding
    /// A fingerprint of the data the loader reads with (gazetteer, taxonomy, pinyin and folding
    /// tables): an incremental build reuses what an earlier build read only when this is the same.
    /// A loader made from given data gets a fingerprint of its own, never equal to another's.
    public private(set) var dataFingerprint: UInt64
    /// Adds regions, topics and slugs; built once, as its matchers are.
    let enricher: ArticleEnricher
    /// Finds the links and images of a Markdown body, so that those naming media files of the
    /// source folder are known (`SourceFileResult.references`); `nil` to look for none.
    public var linkFinder: MarkdownLinkFinder?

    /// Stories shorter than this many characters are reported by `check`.
    public static let shortStoryLength = 60
    /// Stories longer than this many characters are reported by `check`.
    public static let longStoryLength = 20_000

    /// Creates a loader with the bundled gazetteer, taxonomy and pinyin tables.
    public init() throws {
        try self.init(gazetteer: .bundled(), taxonomy: .bundled(), pinyin: .bundled(), folding: .bundled())
        dataFingerprint = try Self.bundledDataFingerprint()
    }

    /// The `dataFingerprint` of a loader made with the bundled data, without reading the data into
    /// tables (which takes longer than a build that finds nothing to do).
    /// Worked out once per process (a build asks before it reads any source, and its loader again).
    public static func bundledDataFingerprint() throws -> UInt64 {
        try bundledData.get()
    }

    /// The fingerprint of each bundled file's bytes (the same as of its text), as read the first time.
    private static let bundledData = Result { () throws -> UInt64 in
        var fingerprint = Fingerprint(seed: 0x4C4F_4144)
        for (name, ext) in [("gazetteer", "tsv"), ("taxonomy", "yml"), ("pinyin-chars", "tsv"), ("pinyin-phrases", "tsv"), ("pinyin-surnames", "tsv"), ("t2s-chars", "tsv")] {
            fingerprint.combine(name)
            try BundledResource.data(name, ext).withUnsafeBytes { fingerprint.combine(bytes: $0) }
        }
        return fingerprint.value
    }

    /// Creates a loader with the given data.
    public init(gazetteer: Gazetteer, taxonomy: Taxonomy, pinyin: Pinyin, folding: TraditionalFolding = TraditionalFolding(tsv: "")) {
        self.gazetteer = gazetteer
        self.taxonomy = taxonomy
        self.pinyin = pinyin
        self.folding = folding
        dataFingerprint = UInt64.random(in: .min ... .max)
        enricher = ArticleEnricher(gazetteer: gazetteer, taxonomy: taxonomy, pinyin: pinyin, folding: folding)
    }

    /// Loads every `*.txt` page dump and `*.md` article under `source`.
    /// - Throws: `LoadError` listing every error (and the warnings) when any source is unusable.
    public func load(source: URL) throws(LoadError) -> LoadedSources {
        let files = try sourceFiles(under: source)
        let markdown = files.indices.filter { files[$0].kind == .markdown }
        let markdownResults = ConcurrentMap.map(markdown) { loadMarkdownFile(files[$0]).result }
        var results = [SourceFileResult?](repeating: nil, count: files.count)
        for (index, result) in zip(markdown, markdownResults) { results[index] = result }
        // Media files hold no stories: they are copied, not read.
        let group = loadPageGroup(files.filter { $0.kind.isReadWithPages })
        var groupResults = group.files.makeIterator()
        for index in files.indices where files[index].kind.isReadWithPages { results[index] = groupResults.next() }
        return try assemble(results.map { $0 ?? SourceFileResult() }, settings: group.settings,
                            settingsNotes: group.settingsNotes, sidecarNotes: group.sidecarNotes,
                            media: files.filter { $0.kind == .media })
    }

    /// The source files under `source`, in path order, with their stamps.
    /// - Throws: `LoadError` when the folder cannot be listed.
    public func sourceFiles(under source: URL) throws(LoadError) -> [SourceFile] {
        try SourceFile.list(under: source)
    }

    /// What the loader made of one source file: its articles and what an editor should know, kept
    /// apart by step so that a whole load lists them in the same order however files were read.
    public struct SourceFileResult: Sendable {
        /// Why the file could not be read, if it could not.
        public var readError: LoadDiagnostic?
        /// The file's articles, in file order.
        public var articles: [Article] = []
        /// Problems reading the file's text (front matter, page layout, sidecar).
        public var parseNotes: [LoadDiagnostic] = []
        /// Problems with the articles themselves (regions, byline, length), in article order.
        public var articleNotes: [LoadDiagnostic] = []
        /// For a page dump: the keys of its headline-like lines, by which the banners of a group of
        /// pages are found (`PageBanners`), sorted. A later load that finds the page's bytes
        /// unchanged counts them without reading the page again.
        public var bannerKeys: [String] = []
        /// For a Markdown article: its links and images that name media files or other stories
        /// (`SourceReference`), in document order; each is checked against the files of the whole
        /// source folder.
        public var references: [SourceReference] = []

        /// Creates a result.
        public init(readError: LoadDiagnostic? = nil, articles: [Article] = [], parseNotes: [LoadDiagnostic] = [], articleNotes: [LoadDiagnostic] = [],
                    bannerKeys: [String] = [], references: [SourceReference] = []) {
            self.readError = readError
            self.articles = articles
            self.parseNotes = parseNotes
            self.articleNotes = articleNotes
            self.bannerKeys = bannerKeys
            self.references = references
        }
    }

    /// Whether non-empty `bytes` hold no byte-order mark, no NUL and no carriage return: then they
    /// are the text's UTF-8 as they are, if UTF-8 at all (anything else is for `SourceText`).
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        return !(bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            && memchr(base, 0, bytes.count) == nil && memchr(base, 0x0D, bytes.count) == nil
    }

    /// The content fingerprint of a Markdown file whose bytes, plain (no byte-order mark, NUL or
    /// carriage return), are not its text's UTF-8 but GB18030: `hash` marked, so that its body is
    /// decoded again when the page is rendered rather than taken from the bytes as UTF-8.
    static func markedAsDecoded(_ hash: UInt64) -> UInt64 { hash ^ 0x6762_3138_3033_3000 }

    /// Whether `data` opens as UTF-16 text does: with its byte-order mark, or with NULs on one side
    /// of its byte pairs only, beside its ASCII characters (a quarter of its first pairs at least).
    static func looksUTF16(_ data: Data) -> Bool {
        let head = [UInt8](data.prefix(64))
        if head.count >= 2, (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF) { return true }
        guard head.count >= 8 else { return false }
        let pairs = stride(from: 0, to: head.count - 1, by: 2).map { (head[$0], head[$0 + 1]) }
        let (zeroFirst, zeroSecond) = (pairs.count { $0.0 == 0 }, pairs.count { $0.1 == 0 })
        return min(zeroFirst, zeroSecond) == 0 && max(zeroFirst, zeroSecond) * 4 >= pairs.count
    }

    /// The bytes of `file` and their fingerprint, or why they cannot be read.
    func readBytes(_ file: SourceFile) -> Result<(data: Data, contentHash: UInt64), LoadDiagnostic> {
        do {
            let data = try Data(contentsOf: file.url)
            return .success((data, data.withUnsafeBytes { Fingerprint.of(bytes: $0) }))
        } catch {
            return .failure(LoadDiagnostic(.error, file: file.relativePath, line: nil, step: "read",
                                           message: "cannot read the file: \(error.localizedDescription)"))
        }
    }

    /// Decodes the bytes of `file`: the text, or why it is not text.
    func decodeText(_ data: Data, file: SourceFile) -> (text: String?, error: LoadDiagnostic?) {
        let (text, error, _) = decodeTextNoting(data, file: file)
        return (text, error)
    }

    /// `decodeText`, and whether the bytes were plain (no byte-order mark, NUL or carriage return)
    /// but not UTF-8, and so decoded as GB18030.
    func decodeTextNoting(_ data: Data, file: SourceFile) -> (text: String?, error: LoadDiagnostic?, plainButDecoded: Bool) {
        // The common case — UTF-8 with no byte-order mark, no NUL and no CR — validated in one pass
        // over contiguous bytes; everything else is decoded (or refused) by `SourceText` as before.
        var isPlain = false
        let plain: String? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard !bytes.isEmpty else { return "" }
            isPlain = Self.isPlain(bytes)
            return isPlain ? String(validating: bytes, as: UTF8.self) : nil
        }
        if let plain { return (plain, nil, false) }
        do {
            return (try SourceText.decode(data), nil, isPlain)
        } catch {
            switch error {
            case .containsNUL(let line):
                return (nil, LoadDiagnostic(.error, file: file.relativePath, line: line, step: "read", message: Self.looksUTF16(data)
                    ? "the file is UTF-16 text (as some Windows editors save it): save it as UTF-8" : "the file holds NUL bytes: not a text file"), false)
            case .invalidUTF8(let line):
                return (nil, LoadDiagnostic(.error, file: file.relativePath, line: line, step: "read",
                                            message: "the file is UTF-8 text but for bytes on this line that are not: fix or re-save it as UTF-8"), false)
            case .unknownEncoding(let line):
                return (nil, LoadDiagnostic(.error, file: file.relativePath, line: line, step: "read",
                                            message: "the file is neither UTF-8 (from this line on) nor GB18030/GBK text"), false)
            }
        }
    }

    /// Reads one Markdown article file: the article (with its body), what an editor should know,
    /// and a fingerprint of the file's bytes. Depends on nothing but the file.
    public func loadMarkdownFile(_ file: SourceFile) -> (result: SourceFileResult, contentHash: UInt64) {
        let (result, hash) = loadMarkdownFile(file, unlessContentHash: nil)
        // With no fingerprint to match, the file is always read whole.
        return (result ?? SourceFileResult(), hash)
    }

    /// `loadMarkdownFile(_:)`, unless the file's bytes have the fingerprint `knownHash`: then no
    /// result, and that fingerprint. A file whose stamp changed but whose bytes did not — every
    /// file of a fresh checkout, as CI makes on each commit, or one only touched — is read and
    /// fingerprinted, not decoded or parsed again.
    public func loadMarkdownFile(_ file: SourceFile, unlessContentHash knownHash: UInt64?) -> (result: SourceFileResult?, contentHash: UInt64) {
        switch readBytes(file) {
        case .success(let (data, hash)):
            if let knownHash, hash == knownHash || Self.markedAsDecoded(hash) == knownHash { return (nil, knownHash) }
            let (text, decodeError, plainButDecoded) = decodeTextNoting(data, file: file)
            guard let text else { return (SourceFileResult(readError: decodeError), hash) }
            // Plain bytes that were not the text's UTF-8 (GB18030 with no byte-order mark): the
            // fingerprint says so, for `markdownBodyUTF8`.
            return (readMarkdown(text, file: file), plainButDecoded ? Self.markedAsDecoded(hash) : hash)
        case .failure(let error):
            return (SourceFileResult(readError: error), 0)
        }
    }

    /// What the Markdown article `text`, the contents of `file`, gives.
    private func readMarkdown(_ text: String, file: SourceFile) -> SourceFileResult {
        let read = MarkdownArticleReader().read(text, file: file.relativePath)
        guard let raw = read.article else { return SourceFileResult(parseNotes: read.diagnostics) }
        let (article, enrichmentNotes) = enricher.enrich(raw)
        var notes = enrichmentNotes
        var references: [SourceReference] = []
        if let linkFinder, let body = raw.markdown {
            let found = SourceReference.all(in: body, bodyLine: raw.bodyLine, file: file.relativePath, finder: linkFinder)
            references = found.references
            notes += found.unpublished
            if article.kind == .photo, !found.hasImage {
                notes.append(LoadDiagnostic(.warning, file: file.relativePath, line: raw.bodyLine, step: "media", message:
                    "a photo story (`kind: photo`) with no picture in its body: its page would show a caption with no photo; add the picture (![说明](photo.jpg)) or make it `kind: news`"))
            }
        }
        return SourceFileResult(articles: [article], parseNotes: read.diagnostics, articleNotes: notes, references: references)
    }

    /// The body of a Markdown article file, read again: the UTF-8 bytes of exactly the body
    /// `loadMarkdownFile` gave, or `nil` when the file no longer has the bytes whose fingerprint is
    /// `contentHash`.
    ///
    /// A file that is plain UTF-8 (no byte-order mark, NUL or carriage return) was checked as UTF-8
    /// when it was loaded; with the same bytes (the same fingerprint) it is not checked again, and
    /// its body is found among the bytes, never made a string. Any other file is decoded again: one
    /// whose plain bytes are GB18030 is known by its marked fingerprint (`markedAsDecoded`).
    public func markdownBodyUTF8(of file: SourceFile, contentHash: UInt64) -> [UInt8]? {
        guard let data = try? Data(contentsOf: file.url) else { return nil }
        let hash = data.withUnsafeBytes { Fingerprint.of(bytes: $0) }
        // Plain bytes that were decoded (GB18030 with no byte-order mark) have a marked fingerprint.
        let decoded = Self.markedAsDecoded(hash) == contentHash
        guard hash == contentHash || decoded else { return nil }
        let found: MarkdownArticleReader.BodyInBytes = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard !bytes.isEmpty else { return .none }
            return Self.isPlain(bytes) && !decoded ? MarkdownArticleReader.bodyRange(ofUTF8: bytes) : .undecided
        }
        switch found {
        case .body(let range): return [UInt8](data[range])
        case .undecided:
            // Decoded from the bytes read and fingerprinted above, not read again.
            return decodeText(data, file: file).text.flatMap(MarkdownArticleReader.body(of:)).map { Array($0.utf8) }
        case .none: return nil
        }
    }

    /// Puts per-file results (one per source file, in path order) together as a whole load gives
    /// them: articles in file order, each with a slug no other has; diagnostics by step — read
    /// errors, the site settings, lone sidecars, then each file's reading, then each article's —
    /// each step in file order, and last the references to media files the source folder lacks.
    /// - Parameters:
    ///   - results: one result per source file, in path order.
    ///   - settings: the site settings the page group gave.
    ///   - settingsNotes: problems in the site settings.
    ///   - sidecarNotes: sidecars with no page beside them.
    ///   - media: the source folder's media files.
    /// - Throws: `LoadError` when any diagnostic is an error.
    public func assemble(_ results: [SourceFileResult], settings: SiteSettings, settingsNotes: [LoadDiagnostic],
                         sidecarNotes: [LoadDiagnostic], media: [SourceFile] = []) throws(LoadError) -> LoadedSources {
        var assembly = Assembly(capacity: results.count)
        for result in results { assembly.add(result) }
        return try assembly.finish(by: self, settings: settings, settingsNotes: settingsNotes, sidecarNotes: sidecarNotes, media: media)
    }

    /// Puts per-file results together as `assemble` does, one file at a time, so that a caller
    /// holding them inside larger records reads each where it lies rather than copying them all
    /// out first (at 100,000 files, a retain of every result's arrays).
    public struct Assembly {
        private var readErrors: [LoadDiagnostic] = []
        private var parseNotes: [LoadDiagnostic] = []
        private var articleNotes: [LoadDiagnostic] = []
        private var articles: [Article] = []
        private var references: [SourceReference] = []

        /// An empty assembly, with room for the articles of `capacity` files of one article each.
        public init(capacity: Int) {
            articles.reserveCapacity(capacity)
        }

        /// Adds the result of the next file, in path order.
        public mutating func add(_ result: borrowing SourceFileResult) {
            if let error = result.readError { readErrors.append(error) }
            parseNotes += result.parseNotes
            articleNotes += result.articleNotes
            references += result.references
            // One at a time: appending the array copied each story through the runtime's generic
            // copy of its type (a call per story, not an inlined retain).
            for index in result.articles.indices { articles.append(result.articles[index]) }
        }

        /// The load, as `assemble` gives it.
        /// - Parameter media: the media files of the source folder. The ones a story names are the
        ///   site's (`LoadedSources.media`); one of those that cannot be read is an error (now, not
        ///   when it is copied), and a story's reference to a file not among them a warning.
        /// - Throws: `LoadError` when any diagnostic is an error.
        public consuming func finish(by loader: NewsLoader, settings: SiteSettings, settingsNotes: [LoadDiagnostic],
                                     sidecarNotes: [LoadDiagnostic], media: [SourceFile] = []) throws(LoadError) -> LoadedSources {
            let named = SourceReference.named(by: references, among: media)
            var diagnostics = readErrors + SourceReference.unreadable(named) + settingsNotes + sidecarNotes + parseNotes + articleNotes
                + SourceReference.missing(references, among: named, stories: Set(articles.lazy.map(\.source.file).filter(MediaPath.isStory)),
                                          failed: Set((readErrors + parseNotes).lazy.filter { $0.severity == .error }.map(\.file)))
            var articles = articles
            // Every clash of addresses is found at once, beside any other error: an editor fixes
            // them in one round. (Two stories fixing one slug keep it both until then.)
            let checksPermalinks = PermalinkCheck.isNeeded(articles)
            if checksPermalinks { diagnostics += PermalinkCheck.fixedSlugClashes(articles) }
            diagnostics += loader.enricher.slugMaker.makeUnique(&articles)
            diagnostics += NewsLoader.sameStoryTwice(articles)
            if checksPermalinks { diagnostics += PermalinkCheck.checkAliases(&articles) }
            if diagnostics.contains(where: { $0.severity == .error }) { throw LoadError(diagnostics: diagnostics) }
            return LoadedSources(articles: articles, diagnostics: diagnostics, settings: settings, media: named)
        }
    }

    /// Reads one page dump's text on its own (no sidecar, no banners from other pages): the stories
    /// it holds and what an editor should know. Never throws: a page dump always reads as something.
    /// - Parameters:
    ///   - text: the page's text.
    ///   - file: the name diagnostics give the page.
    public func readPage(_ text: String, file: String) -> (articles: [Article], diagnostics: [LoadDiagnostic]) {
        let page = PageDumpReader(conventions: pageConventions).read(text, file: file)
        let enriched = page.articles.map(enricher.enrich)
        return (enriched.map(\.0), page.diagnostics + enriched.flatMap(\.1))
    }

    /// Reads one Markdown article's text on its own: the article, or the errors that stop it.
    /// - Parameters:
    ///   - text: the file's text.
    ///   - file: the name diagnostics give the file.
    public func readMarkdown(_ text: String, file: String) -> (article: Article?, diagnostics: [LoadDiagnostic]) {
        let result = MarkdownArticleReader().read(text, file: file)
        guard let raw = result.article else { return (nil, result.diagnostics) }
        let (article, notes) = enricher.enrich(raw)
        return (article, result.diagnostics + notes)
    }

    /// The taxonomy's page conventions with the gazetteer's place names.
    var pageConventions: PageConventions {
        var conventions = taxonomy.conventions
        conventions.placeNames = Set(gazetteer.places.flatMap { [$0.name, $0.short] }.filter { $0.count >= 2 })
        conventions.placeNamesThatAreWords = taxonomy.placeNamesThatAreWords
        conventions.provinceWideWords = taxonomy.provinceWideWords
        for place in gazetteer.places {
            var above: Set<String> = []
            var parent = gazetteer.parent(of: place)
            while let next = parent {
                above.formUnion([next.name, next.short])
                parent = gazetteer.parent(of: next)
            }
            for name in [place.name, place.short] where name.count >= 2 { conventions.namesAbove[name, default: []].formUnion(above) }
        }
        return conventions
    }

    /// YAML files at the source root that configure the site rather than correct a page.
    static let siteSettingsFiles: Set<String> = ["site.yml", "site.yaml"]

    /// A path without its extension: a page and its sidecar share it.
    static func stem(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path }
        return String(path[..<dot])
    }
}
