import Foundation
import NewsModel

/// Everything loaded from a source folder.
public struct LoadedSources: Sendable {
    /// All articles, in source order (file path, then line).
    public var articles: [Article]
    /// Warnings an editor should look at (errors make `load` throw instead).
    public var diagnostics: [LoadDiagnostic]
    /// The portal's settings from `site.yml` at the source root (empty when there is none).
    public var settings = SiteSettings()
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

    /// Stories shorter than this many characters are reported by `check`.
    public static let shortStoryLength = 60
    /// Stories longer than this many characters are reported by `check`.
    public static let longStoryLength = 20_000
    /// Pages a headline line must recur on before it is treated as a campaign banner.
    static let bannerRecurrence = 2
    static let bannerKeyLength = 8

    /// Creates a loader with the bundled gazetteer, taxonomy and pinyin tables.
    public init() throws {
        try self.init(gazetteer: .bundled(), taxonomy: .bundled(), pinyin: .bundled(), folding: .bundled())
    }

    /// Creates a loader with the given data.
    public init(gazetteer: Gazetteer, taxonomy: Taxonomy, pinyin: Pinyin, folding: TraditionalFolding = TraditionalFolding(tsv: "")) {
        self.gazetteer = gazetteer
        self.taxonomy = taxonomy
        self.pinyin = pinyin
        self.folding = folding
    }

    /// Loads every `*.txt` page dump and `*.md` article under `source`.
    /// - Throws: `LoadError` listing every error (and the warnings) when any source is unusable.
    public func load(source: URL) throws(LoadError) -> LoadedSources {
        let files: [SourceScanner.File]
        do {
            files = try SourceScanner.files(under: source)
        } catch {
            throw LoadError(diagnostics: [LoadDiagnostic(.error, file: source.path, line: nil, step: "read", message: "cannot list the source folder: \(error.localizedDescription)")])
        }
        var diagnostics: [LoadDiagnostic] = []
        var texts: [(file: SourceScanner.File, text: String)] = []
        let decoded = ConcurrentMap.map(files) { file -> Result<String, LoadDiagnostic> in
            do {
                let data = try Data(contentsOf: file.url)
                return .success(try SourceText.decode(data))
            } catch let failure as SourceText.DecodingFailure {
                switch failure {
                case .containsNUL(let line):
                    return .failure(LoadDiagnostic(.error, file: file.relativePath, line: line, step: "read", message: "the file holds NUL bytes: not a text file"))
                case .unknownEncoding:
                    return .failure(LoadDiagnostic(.error, file: file.relativePath, line: nil, step: "read", message: "the file is neither UTF-8 nor GB18030/GBK text"))
                }
            } catch {
                return .failure(LoadDiagnostic(.error, file: file.relativePath, line: nil, step: "read", message: "cannot read the file: \(error.localizedDescription)"))
            }
        }
        for (file, result) in zip(files, decoded) {
            switch result {
            case .success(let text): texts.append((file, text))
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }

        var conventions = pageConventions
        conventions.bannerOpenings += recurringHeadlineLines(texts.filter { $0.file.kind == .pageDump }.map(\.text), conventions: conventions)
        let pageReader = PageDumpReader(conventions: conventions)
        let markdownReader = MarkdownArticleReader()

        var settings = SiteSettings()
        if let settingsFile = texts.first(where: { Self.siteSettingsFiles.contains($0.file.relativePath) }) {
            let (read, notes) = SiteSettings.read(settingsFile.text, file: settingsFile.file.relativePath)
            diagnostics += notes
            settings = read ?? settings
        }
        let sidecars = Dictionary(texts.filter { $0.file.kind == .sidecar }.map { (Self.stem($0.file.relativePath), $0) },
                                  uniquingKeysWith: { first, _ in first })
        let pageStems = Set(texts.filter { $0.file.kind == .pageDump }.map { Self.stem($0.file.relativePath) })
        for (stem, sidecar) in sidecars where !pageStems.contains(stem) && !Self.siteSettingsFiles.contains(sidecar.file.relativePath) {
            diagnostics.append(LoadDiagnostic(.warning, file: sidecar.file.relativePath, line: nil, step: "sidecar",
                                              message: "sidecar with no page dump beside it (expected \(stem).txt)"))
        }
        let perFile = ConcurrentMap.map(texts) { entry -> ([RawArticle], [LoadDiagnostic]) in
            switch entry.file.kind {
            case .sidecar:
                return ([], [])
            case .pageDump:
                var page = pageReader.read(entry.text, file: entry.file.relativePath)
                var notes = page.diagnostics
                if let sidecarEntry = sidecars[Self.stem(entry.file.relativePath)] {
                    let (sidecar, sidecarNotes) = PageSidecar.read(sidecarEntry.text, file: sidecarEntry.file.relativePath)
                    notes += sidecarNotes
                    if let sidecar { notes += sidecar.apply(to: &page, file: sidecarEntry.file.relativePath) }
                }
                if page.date == nil, !page.articles.isEmpty {
                    notes.append(LoadDiagnostic(.warning, file: entry.file.relativePath, line: 1, step: "edition", message: "undated page: no masthead date (add a sidecar with `date:`)"))
                }
                if page.articles.isEmpty, !entry.text.allSatisfy(\.isWhitespace) || entry.text.isEmpty {
                    notes.append(LoadDiagnostic(.warning, file: entry.file.relativePath, line: nil, step: "page", message: entry.text.allSatisfy(\.isWhitespace) ? "empty file: no article" : "no story found on the page"))
                }
                return (page.articles, notes)
            case .markdown:
                let result = markdownReader.read(entry.text, file: entry.file.relativePath)
                return (result.article.map { [$0] } ?? [], result.diagnostics)
            }
        }
        var raws: [RawArticle] = []
        for (articles, notes) in perFile {
            raws += articles
            diagnostics += notes
        }
        let enricher = ArticleEnricher(gazetteer: gazetteer, taxonomy: taxonomy, pinyin: pinyin, folding: folding)
        let enriched = ConcurrentMap.map(raws) { enricher.enrich($0) }
        var articles: [Article] = []
        var occurrences: [String: Int] = [:]
        for (article, notes) in enriched {
            var article = article
            let key = "\(article.source.file)\n\(article.headline.title)"
            occurrences[key, default: 0] += 1
            if let count = occurrences[key], count > 1 {
                article.slug = enricher.slugMaker.slug(title: article.headline.title, file: article.source.file, occurrence: count)
            }
            articles.append(article)
            diagnostics += notes
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw LoadError(diagnostics: diagnostics) }
        return LoadedSources(articles: articles, diagnostics: diagnostics, settings: settings)
    }

    /// Reads one page dump's text on its own (no sidecar, no banners from other pages): the stories
    /// it holds and what an editor should know. Never throws: a page dump always reads as something.
    /// - Parameters:
    ///   - text: the page's text.
    ///   - file: the name diagnostics give the page.
    public func readPage(_ text: String, file: String) -> (articles: [Article], diagnostics: [LoadDiagnostic]) {
        let page = PageDumpReader(conventions: pageConventions).read(text, file: file)
        let enricher = ArticleEnricher(gazetteer: gazetteer, taxonomy: taxonomy, pinyin: pinyin, folding: folding)
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
        let (article, notes) = ArticleEnricher(gazetteer: gazetteer, taxonomy: taxonomy, pinyin: pinyin, folding: folding).enrich(raw)
        return (article, result.diagnostics + notes)
    }

    /// The taxonomy's page conventions with the gazetteer's place names.
    private var pageConventions: PageConventions {
        var conventions = taxonomy.conventions
        conventions.placeNames = Set(gazetteer.places.flatMap { [$0.name, $0.short] }.filter { $0.count >= 2 })
        return conventions
    }

    /// YAML files at the source root that configure the site rather than correct a page.
    static let siteSettingsFiles: Set<String> = ["site.yml", "site.yaml"]

    /// A path without its extension: a page and its sidecar share it.
    static func stem(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path }
        return String(path[..<dot])
    }

    /// Headline-like lines whose opening words stand on several pages: campaign banners.
    private func recurringHeadlineLines(_ pages: [String], conventions: PageConventions) -> [String] {
        var pagesByKey: [String: Int] = [:]
        var example: [String: String] = [:]
        for page in pages {
            var keys = Set<String>()
            for block in PageBlock.blocks(of: page) where block.isHeadlineLike && !conventions.isColumnLabel(block.text) {
                let key = String(ChineseText.comparable(block.text).prefix(Self.bannerKeyLength))
                if key.count == Self.bannerKeyLength { keys.insert(key); example[key] = example[key] ?? block.text }
            }
            for key in keys { pagesByKey[key, default: 0] += 1 }
        }
        return pagesByKey.filter { $0.value >= Self.bannerRecurrence }.keys.sorted()
    }
}
