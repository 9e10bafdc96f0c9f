import Foundation
import NewsModel

extension NewsLoader {
    /// What the page dumps, their sidecars and the site settings give. They are read together:
    /// campaign banners are recognised by recurring on several pages (`PageBanners`).
    public struct PageGroupResult: Sendable {
        /// One result per file given, in the same order.
        public var files: [SourceFileResult]
        /// Fingerprints of the files' bytes, in the same order.
        public var contentHashes: [UInt64]
        /// The portal's settings from `site.yml` at the source root.
        public var settings: SiteSettings
        /// Problems in the site settings.
        public var settingsNotes: [LoadDiagnostic]
        /// Sidecars with no page beside them.
        public var sidecarNotes: [LoadDiagnostic]
    }

    /// What an earlier load of a page group found of one of its files.
    public struct KnownGroupFile: Sendable {
        /// The file's kind (a page dump, or a sidecar or the site settings).
        public var kind: SourceFile.Kind
        /// The fingerprint of the file's bytes (`PageGroupResult.contentHashes`).
        public var contentHash: UInt64
        /// For a page dump, the keys it gave (`SourceFileResult.bannerKeys`).
        public var bannerKeys: [String]

        /// Creates what is known of a file.
        public init(kind: SourceFile.Kind, contentHash: UInt64, bannerKeys: [String]) {
            self.kind = kind
            self.contentHash = contentHash
            self.bannerKeys = bannerKeys
        }
    }

    /// A page group read again after some of its files changed.
    public struct PageGroupChanges: Sendable {
        /// One per file given, in the same order: what the file gives now, or `nil` for a page dump
        /// that was not read again — its bytes, its sidecar's and the group's banners all as known —
        /// for which what it gave before stands.
        public var files: [SourceFileResult?]
        /// Fingerprints of the files' bytes, in the same order.
        public var contentHashes: [UInt64]
        /// The portal's settings from `site.yml` at the source root.
        public var settings: SiteSettings
        /// Problems in the site settings.
        public var settingsNotes: [LoadDiagnostic]
        /// Sidecars with no page beside them.
        public var sidecarNotes: [LoadDiagnostic]
    }

    /// Reads the page dumps, sidecars and site settings among `files` (Markdown files are ignored).
    public func loadPageGroup(_ files: [SourceFile]) -> PageGroupResult {
        // With nothing known, every file is read.
        guard let group = loadPageGroup(files, known: [:]) else { preconditionFailure("a page group with nothing known is read") }
        let results = group.files.compactMap { $0 }
        precondition(results.count == files.count, "a page group read with nothing known reads every file")
        return PageGroupResult(files: results, contentHashes: group.contentHashes, settings: group.settings,
                               settingsNotes: group.settingsNotes, sidecarNotes: group.sidecarNotes)
    }

    /// The group `files` (in path order) read again after an earlier load found `known` of it (by
    /// relative path): `nil` when the same files hold the bytes known. Otherwise each page dump is
    /// parsed again only when its bytes or its sidecars differ from the known ones, or when the
    /// group's banners do (every page is then). A fresh checkout (new stamps, the same bytes) is
    /// read and fingerprinted, not parsed; a new day's pages, or an edited one, are parsed alone
    /// unless they make a new banner recur or an old one stop recurring.
    public func loadPageGroup(_ files: [SourceFile], known: [String: KnownGroupFile]) -> PageGroupChanges? {
        let read = ConcurrentMap.map(files) { file -> Result<(data: Data, contentHash: UInt64), LoadDiagnostic>? in
            file.kind == .markdown ? nil : readBytes(file)
        }
        let contentHashes = read.map { (try? $0?.get().contentHash) ?? 0 }
        // A file is as known when it was read, with the kind and the bytes known at its path.
        let asKnown = files.indices.map { index -> Bool in
            guard case .success(let (_, hash))? = read[index], let file = known[files[index].relativePath] else { return false }
            return file.kind == files[index].kind && file.contentHash == hash
        }
        let groupFiles = files.indices.filter { files[$0].kind != .markdown }
        if !known.isEmpty, known.count == groupFiles.count, groupFiles.allSatisfy({ asKnown[$0] }) { return nil }

        var texts = [String?](repeating: nil, count: files.count)
        var results = [SourceFileResult?](repeating: nil, count: files.count)
        /// Decodes the files at `indices`; one that is no text gets its result, the error, now.
        func decode(_ indices: [Int]) {
            let decoded = ConcurrentMap.map(indices) { index -> (text: String?, error: LoadDiagnostic?) in
                switch read[index] {
                case nil: return (nil, nil)
                case .success(let (data, _)): return decodeText(data, file: files[index])
                case .failure(let error): return (nil, error)
                }
            }
            for (index, (text, error)) in zip(indices, decoded) {
                texts[index] = text
                if text == nil { results[index] = SourceFileResult(readError: error) }
            }
        }
        let pages = files.indices.filter { files[$0].kind == .pageDump }
        // The Markdown files (given nothing), the sidecars and settings, and the pages not as known.
        decode(files.indices.filter { files[$0].kind != .pageDump || !asKnown[$0] })
        for index in files.indices where files[index].kind != .pageDump && results[index] == nil { results[index] = SourceFileResult() }

        // The banners, from the keys of every page: an unchanged page's are those it gave before.
        let conventions = pageConventions
        let changedPages = pages.filter { !asKnown[$0] && texts[$0] != nil }
        var pageKeys = [[String]](repeating: [], count: files.count)
        let changedKeys = { [texts] in ConcurrentMap.map(changedPages) { PageBanners.keys(of: texts[$0]!, conventions: conventions) } }()
        for (index, keys) in zip(changedPages, changedKeys) {
            pageKeys[index] = keys
        }
        for index in pages where asKnown[index] { pageKeys[index] = known[files[index].relativePath]!.bannerKeys }
        let banners = PageBanners.recurring(in: pages.lazy.map { pageKeys[$0] })
        let knownBanners = PageBanners.recurring(in: known.values.lazy.filter { $0.kind == .pageDump }.map(\.bannerKeys))

        // Each page's sidecars (a page reads the first in path order), and those known by stem.
        var sidecarsByStem: [String: [Int]] = [:]
        for index in files.indices where files[index].kind == .sidecar { sidecarsByStem[Self.stem(files[index].relativePath), default: []].append(index) }
        var knownSidecarsByStem: [String: Set<String>] = [:]
        for (path, file) in known where file.kind == .sidecar { knownSidecarsByStem[Self.stem(path), default: []].insert(path) }
        func sidecarsAsKnown(_ page: Int) -> Bool {
            let stem = Self.stem(files[page].relativePath)
            let current = sidecarsByStem[stem] ?? []
            return Set(current.map { files[$0].relativePath }) == knownSidecarsByStem[stem] ?? [] && current.allSatisfy { asKnown[$0] }
        }
        // A page is read again when it, its sidecars or the banners changed; one as known is
        // decoded only now, when one of the others did.
        let reread = pages.filter { banners != knownBanners || !asKnown[$0] || !sidecarsAsKnown($0) }
        decode(reread.filter { asKnown[$0] })

        let (settings, settingsNotes) = Self.settings(files, texts: texts)
        // The sidecar each stem's page reads: the first of its sidecars in path order that is text.
        let sidecars = sidecarsByStem.compactMapValues { indices in indices.first { texts[$0] != nil } }
        let sidecarNotes = Self.loneSidecarNotes(sidecars, files: files, pageStems: Set(pages.map { Self.stem(files[$0].relativePath) }))
            + Self.ignoredSidecarNotes(sidecarsByStem, read: sidecars, files: files, texts: texts)

        var pageConventions = conventions
        pageConventions.bannerOpenings += banners
        let pageReader = PageDumpReader(conventions: pageConventions)
        // Each page's stories are enriched where the page is read: enriched a page at a time after
        // all were read, in a map of the page's few stories each, they left the other cores idle.
        let toRead = reread.filter { texts[$0] != nil }
        let readPages = { [texts, pageKeys] in ConcurrentMap.map(toRead) { index in
            readPage(texts[index]!, file: files[index].relativePath, sidecar: sidecars[Self.stem(files[index].relativePath)].map { (files[$0].relativePath, texts[$0]!) },
                     reader: pageReader, bannerKeys: pageKeys[index])
        } }()
        for (index, result) in zip(toRead, readPages) { results[index] = result }
        return PageGroupChanges(files: results, contentHashes: contentHashes, settings: settings, settingsNotes: settingsNotes,
                                sidecarNotes: sidecarNotes)
    }

    /// The site settings and their problems, from the first settings file among `files` that is
    /// text (`texts`, one per file); the defaults when there is none.
    private static func settings(_ files: [SourceFile], texts: [String?]) -> (SiteSettings, [LoadDiagnostic]) {
        guard let file = files.indices.first(where: { texts[$0] != nil && siteSettingsFiles.contains(files[$0].relativePath) }) else {
            return (SiteSettings(), [])
        }
        let (read, notes) = SiteSettings.read(texts[file]!, file: files[file].relativePath)
        return (read ?? SiteSettings(), notes)
    }

    /// A warning for each of `sidecars` (positions in `files` by stem) that is no settings file and
    /// has no page among `pageStems`, by stem.
    private static func loneSidecarNotes(_ sidecars: [String: Int], files: [SourceFile], pageStems: Set<String>) -> [LoadDiagnostic] {
        sidecars.sorted(by: { $0.key < $1.key }).compactMap { stem, sidecar in
            guard !pageStems.contains(stem), !siteSettingsFiles.contains(files[sidecar].relativePath) else { return nil }
            return LoadDiagnostic(.warning, file: files[sidecar].relativePath, line: nil, step: "sidecar",
                                  message: "sidecar with no page dump beside it (expected \(stem).txt)")
        }
    }

    /// A warning for each sidecar that is text but not read, because another of its stem (`page.yaml`
    /// beside `page.yml`, `site.yaml` beside `site.yml`) comes first in path order and is: an edit
    /// to it would change nothing.
    private static func ignoredSidecarNotes(_ sidecarsByStem: [String: [Int]], read: [String: Int], files: [SourceFile],
                                            texts: [String?]) -> [LoadDiagnostic] {
        sidecarsByStem.sorted(by: { $0.key < $1.key }).flatMap { stem, indices -> [LoadDiagnostic] in
            guard let chosen = read[stem] else { return [] }
            let what = siteSettingsFiles.contains(files[chosen].relativePath) ? "settings file" : "sidecar"
            return indices.filter { $0 != chosen && texts[$0] != nil }.map { ignored in
                LoadDiagnostic(.warning, file: files[ignored].relativePath, line: nil, step: "sidecar",
                               message: "\(what) not read: \(files[chosen].relativePath) is read instead (keep one of the two: merge them, or remove this one)")
            }
        }
    }

    /// What the page dump `text` (at `file`) gives with its `sidecar` (path and text), if any.
    /// Whether `text` opens as a Markdown article does: a `---` line, then within the next lines a
    /// `title:` and a closing `---` or `...` (a page dump never does).
    static func opensWithFrontMatter(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", maxSplits: 41, omittingEmptySubsequences: false).prefix(41)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard lines.first == "---", let closing = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) else { return false }
        return lines[1..<closing].contains { $0.hasPrefix("title:") }
    }

    private func readPage(_ text: String, file: String, sidecar: (file: String, text: String)?, reader: PageDumpReader,
                          bannerKeys: [String]) -> SourceFileResult {
        if Self.opensWithFrontMatter(text) {
            return SourceFileResult(parseNotes: [LoadDiagnostic(.error, file: file, line: 1, step: "page", message:
                "this page dump opens with a Markdown article's front matter (`---`, `title:` …, `---`): name the file .md to publish it as an article")])
        }
        var page = reader.read(text, file: file)
        var notes = page.diagnostics
        if let sidecar {
            let (read, sidecarNotes) = PageSidecar.read(sidecar.text, file: sidecar.file)
            notes += sidecarNotes
            if let read { notes += read.apply(to: &page, file: sidecar.file, folding: folding) }
        }
        if page.date == nil, !page.articles.isEmpty {
            notes.append(LoadDiagnostic(.warning, file: file, line: 1, step: "edition", message: "undated page: no masthead date (add a sidecar with `date:`)"))
        }
        if page.articles.isEmpty, !text.allSatisfy(\.isWhitespace) || text.isEmpty {
            notes.append(LoadDiagnostic(.warning, file: file, line: text.isEmpty ? nil : 1, step: "page",
                                        message: text.allSatisfy(\.isWhitespace) ? "empty file: no article" : "no story found on the page"))
        }
        // A headline twice on one page gets a slug of its own for each occurrence after the first.
        var occurrences: [String: Int] = [:]
        var articles: [Article] = []
        var articleNotes: [LoadDiagnostic] = []
        for (article, storyNotes) in page.articles.map(enricher.enrich) {
            var article = article
            // A slug the sidecar fixed is the story's, and does not count as an occurrence: the
            // other stories of its title keep their addresses.
            if !article.permalink.isFixed {
                let key = "\(article.source.file)\n\(article.headline.title)"
                occurrences[key, default: 0] += 1
                if let count = occurrences[key], count > 1 {
                    article.slug = enricher.slugMaker.slug(title: article.headline.title, file: article.source.file, occurrence: count)
                }
            }
            articles.append(article)
            articleNotes += storyNotes
        }
        return SourceFileResult(articles: articles, parseNotes: notes, articleNotes: articleNotes, bannerKeys: bannerKeys)
    }
}
