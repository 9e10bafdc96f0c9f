import Foundation
@testable import NewsLoader
import NewsModel
import Testing

@Suite("Loading a source folder")
struct SourceLoadingTests {
    static let story = "全市工会开展送清凉\n\n本报讯 记者王芳报道 杭州市总工会近日开展送清凉活动，走访一线职工3000余人次，送去防暑降温物资。\n"

    @Test("a region or topic an editor names that the gazetteer or taxonomy lacks is a warning on the line that names it, in the front matter or the sidecar")
    func unknownNamesWhereGiven() throws {
        let root = try makeSourceTree([
            "a.md": "---\ntitle: 火星工会成立\ndate: 2023-05-01\nregions: [火星市]\ntopics: [职工服务, 太空工会]\n---\n\n杭州市总工会近日走访一线职工，送去防暑降温物资。\n",
            "page.txt": Self.story,
            "page.yml": "date: 2023-05-02\narticles:\n  全市工会开展送清凉:\n    kind: news\n    regions: [月球县]\n    topics: [月球专题]\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let warnings = try sharedLoader.load(source: root).diagnostics.filter { $0.step == "regions" || $0.step == "topics" }
        // Each story's names unknown, and then no region for it, on the line that names them.
        let shown = Set(warnings.map { "\($0.file):\($0.line ?? 0) \($0.step)" })
        #expect(shown == ["a.md:4 regions", "a.md:5 topics", "page.yml:5 regions", "page.yml:6 topics"])
        #expect(warnings.contains { $0.message.contains("topic `太空工会` is not in the taxonomy") })
        #expect(!warnings.contains { $0.message.contains("职工服务") }, "a topic of the taxonomy is no warning")
    }

    @Test("a region or topic one character off a known one is named as a suggestion; a list in full-width brackets is told to use half-width ones; topics written in one line are split")
    func suggestionsForUnknownNames() throws {
        let root = try makeSourceTree([
            "a.md": "---\ntitle: 工会驿站启用\ndate: 2023-05-01\nregions: [杭洲市]\ntopics: 产改, 技能竟赛\n---\n\n杭州市总工会近日启用驿站。\n",
            "b.md": "---\ntitle: 港区工会成立\ndate: 2023-05-02\nregions: 【宁波市, 北仑区】\n---\n\n北仑区总工会近日成立港区工会。\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try sharedLoader.load(source: root)
        let messages = loaded.diagnostics.map(\.message)
        #expect(messages.contains("region `杭洲市` is not in the gazetteer; did you mean `杭州市`?"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("topic `技能竟赛` is not in the taxonomy") && $0.hasSuffix("; did you mean `技能竞赛`?") })
        #expect(!messages.contains { $0.contains("`产改`") }, "产改 is a topic of its own, split from the other")
        #expect(messages.contains { $0.contains("`【宁波市`") && $0.contains("half-width brackets") })
    }

    @Test("a Markdown story with no body is told so once, where its body would begin")
    func emptyBodyToldOnce() throws {
        let root = try makeSourceTree(["a.md": "---\ntitle: 空稿\ndate: 2023-05-01\nregions: [杭州市]\n---\n\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let warnings = try sharedLoader.load(source: root).diagnostics.filter { $0.step == "body" || $0.step == "length" }
        #expect(warnings.map(\.step) == ["body"], "\(warnings)")
    }

    @Test("a Markdown article saved as .txt is an error on its first line that says to name it .md, not stories made of its front matter")
    func markdownSavedAsPageDump() throws {
        let article = "---\ntitle: 存成txt的稿件\ndate: 2024-05-01\n---\n\n| 项目 | 人数 |\n|---|---:|\n| 入会 | 30 |\n"
        let root = try makeSourceTree(["saved.txt": article, "page.txt": "---\n\n" + Self.story])
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            let loaded = try sharedLoader.load(source: root)
            Issue.record("loaded \(loaded.articles.map(\.headline.title))")
        } catch {
            #expect(error.diagnostics.filter { $0.severity == .error }.map(\.description)
                == ["saved.txt:1: error: [page] this page dump opens with a Markdown article's front matter (`---`, `title:` …, `---`): name the file .md to publish it as an article"])
        }
        // A rule of dashes over a page's story is no front matter.
        #expect(NewsLoader.opensWithFrontMatter("---\n\n" + Self.story) == false)
    }

    @Test("files are read recursively in a stable order, Markdown and page dumps together")
    func recursiveOrder() throws {
        let root = try makeSourceTree([
            "b/page.txt": Self.story,
            "a/2021/z.md": "---\ntitle: 第一篇\ndate: 2021-05-01\nregions: [杭州市]\ntopics: [职工服务]\nreporters: [王芳]\n---\n\n正文**加粗**。\n",
            "a/notes.yml": "ignored: true\n",
            ".hidden/x.md": "---\ntitle: 隐藏\n---\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try sharedLoader.load(source: root)
        #expect(loaded.articles.map(\.source.file) == ["a/2021/z.md", "b/page.txt"])
        let markdown = loaded.articles[0]
        #expect(markdown.headline.title == "第一篇")
        #expect(markdown.date?.iso == "2021-05-01")
        #expect(markdown.regions.map(\.name) == ["杭州市", "浙江省"])
        #expect(markdown.topics.map(\.name) == ["职工服务"])
        #expect(markdown.byline.reporters == ["王芳"])
    }

    @Test("a source is known by its extension in any case; other files, hidden ones and names without a stem are left out")
    func extensions() throws {
        let names = ["a.MD", "b.Markdown", "c.TXT", "d.yml", "e.YAML", "f.md.bak", "g.mdx", "h", ".md", "i.", ".j.md", "报纸.txt", "k.tx"]
        let root = try makeSourceTree(Dictionary(uniqueKeysWithValues: names.map { ("folder/" + $0, "x\n") }))
        defer { try? FileManager.default.removeItem(at: root) }
        let listed = try SourceFile.list(under: root)
        #expect(listed.map(\.relativePath) == ["folder/a.MD", "folder/b.Markdown", "folder/c.TXT", "folder/d.yml", "folder/e.YAML", "folder/报纸.txt"])
        #expect(listed.map(\.kind) == [.markdown, .markdown, .pageDump, .sidecar, .sidecar, .pageDump])
        #expect(listed.allSatisfy { $0.path == root.standardizedFileURL.path + "/" + $0.relativePath && $0.stamp.size == 2 })
    }

    @Test("source paths sort by their UTF-8 bytes: shorter first on a tie, folders by their names' bytes")
    func byteOrder() {
        let paths = ["报/b.md", "a/b.md", "a-b.md", "Z.md", "a", "ab", "é.md", "z.md", ""]
        #expect(paths.sorted(by: SourceFile.pathPrecedes) == ["", "Z.md", "a", "a-b.md", "a/b.md", "ab", "z.md", "é.md", "报/b.md"])
        #expect(paths.sorted(by: SourceFile.pathPrecedes) == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(!SourceFile.pathPrecedes("同", "同"))
    }

    @Test("listed paths are put in byte order, eight bytes at a time after their shared beginning")
    func listingOrder() {
        func byBytes(_ paths: [String]) -> [String] { paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        // A shared beginning of all, keys that tie over eight bytes, paths that end inside the key,
        // one that is all of the shared beginning, bytes above 0x7F.
        let shared = ["articles/000123.md", "articles/000123.md.bak/x.md", "articles/0001234567890.md", "articles/00012345678.md",
                      "articles/0", "articles/000", "articles/0报道/a.md", "articles/0Z.md", "articles/0-1.md", "articles/01/b.md"]
        #expect(SourceScanner.pathOrder(shared).map { shared[$0] } == byBytes(shared))
        let unshared = ["报/b.md", "a/b.md", "a-b.md", "Z.md", "a", "ab", "é.md", "z.md", ""]
        #expect(SourceScanner.pathOrder(unshared).map { unshared[$0] } == byBytes(unshared))
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "b", "/", ".md", "0", "01", "报", "-", "é"]
        let random = (0..<500).map { _ in "x/" + (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        #expect(SourceScanner.pathOrder(random).map { random[$0] } == byBytes(random))
        // A file beside a folder at the top, so that nothing is shared and every path in the folder
        // ties on its first eight bytes, and many on the eight after too: sorted window by window.
        let windows = ["README.txt", "articles/2024-03-01-b.md", "articles/2024-03-01-a.md", "articles/2024-03-01-a.mdz",
                       "articles/2024-03-01", "articles/2024-03-0", "articles/2024-03-01-a.md", "articles/2024-03-01-a.m",
                       "articles", "articles/", "articles/2024-03-01-a.md/报道.md", "articlesZ", "article", "pages/1.txt"]
        #expect(SourceScanner.pathOrder(windows).map { windows[$0] } == byBytes(windows))
        let longPieces = ["articles/", "2024-03-01-", "报道", "a", "/", ".md"]
        let long = (0..<500).map { _ in (0..<Int.random(in: 0...7, using: &generator)).map { _ in longPieces.randomElement(using: &generator)! }.joined() }
        #expect(SourceScanner.pathOrder(long).map { long[$0] } == byBytes(long))
        #expect(SourceScanner.pathOrder([]).isEmpty)
    }

    @Test("a listed entry's path is its folder's, a slash and its name's bytes; a name that is not UTF-8 has none")
    func entryPaths() {
        func path(_ folder: String, _ name: [UInt8]) -> String? {
            (name + [0]).withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { SourceScanner.relativePath(in: folder, name: $0.baseAddress!) }
            }
        }
        #expect(path("", Array("稿件.md".utf8)) == "稿件.md")
        #expect(path("articles/2024", Array("a.md".utf8)) == "articles/2024/a.md")
        #expect(path("报道", Array("é".utf8)) == "报道/é")
        #expect(path("articles", [0x61, 0xFF, 0x2E, 0x6D, 0x64]) == nil)
        #expect(path("", [0xE6, 0x8A]) == nil, "a character cut short")
    }

    @Test("a listing begun ahead is taken by the next listing of its folder, and by no other")
    func listingAhead() throws {
        let root = try makeSourceTree(["a.md": "---\ntitle: 甲\n---\n\n正文。\n"])
        let other = try makeSourceTree(["c.md": "---\ntitle: 丙\n---\n\n正文。\n"])
        defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: other) }
        func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000_000) }
        func paths(_ listing: SourceListing) throws -> [String] { try listing.files.get().map(\.relativePath) }

        SourceListing.beginAhead(under: root)
        Thread.sleep(forTimeInterval: 0.3)
        let asked = now()
        // Another folder is listed when asked, and the listing begun ahead stays for its own.
        let otherListing = SourceListing.make(under: other)
        #expect(try paths(otherListing) == ["c.md"] && otherListing.began >= asked)
        try Data("---\ntitle: 乙\n---\n\n正文。\n".utf8).write(to: root.appendingPathComponent("b.md"))
        let ahead = SourceListing.make(under: URL(fileURLWithPath: root.path + "/."))
        #expect(try paths(ahead) == ["a.md"], "listed before b.md was written")
        #expect(ahead.began < asked, "it began when it was begun, not when it was taken")
        let again = SourceListing.make(under: root)
        #expect(try paths(again) == ["a.md", "b.md"] && again.began >= asked, "taken once, then the folder is listed anew")
        // One stopped is not taken.
        SourceListing.beginAhead(under: root)
        SourceListing.stopAhead()
        let afterStop = SourceListing.make(under: root)
        #expect(try paths(afterStop) == ["a.md", "b.md"] && afterStop.began >= asked)
    }

    @Test("a listing stopped gives up within 256 entries of a folder")
    func listingStopped() throws {
        let root = try makeSourceTree(Dictionary(uniqueKeysWithValues: (0..<600).map { ("\($0).md", "---\ntitle: 稿\($0)\n---\n\n正文。\n") }))
        defer { try? FileManager.default.removeItem(at: root) }
        let stop = AtomicFlag()
        #expect(try SourceFile.list(under: root, stop: stop).count == 600)
        stop.set()
        #expect(try SourceFile.list(under: root, stop: stop).count < 256)
    }

    @Test("GB18030 pages are decoded; a BOM is dropped")
    func encodings() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-enc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        // "全市工会开展送清凉" and the byline, encoded as GB18030 by iconv's table (bytes written out).
        let gb: [UInt8] = [0xC8, 0xAB, 0xCA, 0xD0, 0xB9, 0xA4, 0xBB, 0xE1, 0xBF, 0xAA, 0xD5, 0xB9, 0xCB, 0xCD, 0xC7, 0xE5, 0xC1, 0xB9, 0x0A, 0x0A]
        try Data(gb + Array("本报讯 记者王芳报道 杭州市总工会近日开展送清凉活动，走访一线职工3000余人次，送去防暑降温物资。\n".utf8)).write(to: root.appendingPathComponent("mixed.txt"))
        let decodedGB = try? SourceText.decode(Data(gb))
        #expect(decodedGB == "全市工会开展送清凉\n\n")
        try Data([0xEF, 0xBB, 0xBF] + Array(Self.story.utf8)).write(to: root.appendingPathComponent("bom.txt"))
        let loaded = try? sharedLoader.load(source: root)
        // mixed.txt is neither valid UTF-8 nor valid GB18030 as a whole, so it is an error naming the file.
        #expect(loaded == nil)
        try FileManager.default.removeItem(at: root.appendingPathComponent("mixed.txt"))
        let clean = try sharedLoader.load(source: root)
        #expect(clean.articles.first?.headline.title == "全市工会开展送清凉")
    }

    @Test("every broken source is reported with file and line, not only the first")
    func allErrors() throws {
        let root = try makeSourceTree([
            "no-title.md": "---\ndate: 2021-01-01\n---\n正文\n",
            "bad-date.md": "---\ntitle: 日期错了\ndate: 2021-02-30\n---\n正文\n",
            "bad-yaml.md": "---\ntitle: [不闭合\n---\n正文\n",
            "unknown-key.md": "---\ntitle: 多了一个键\nauthor: 某人\n---\n正文很长很长。\n",
            "empty.md": "",
            "ok.txt": Self.story,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        var diagnostics: [LoadDiagnostic] = []
        do {
            _ = try sharedLoader.load(source: root)
            Issue.record("broken sources must stop the load")
        } catch {
            diagnostics = error.diagnostics
        }
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(Set(errors.map(\.file)) == ["no-title.md", "bad-date.md", "bad-yaml.md"])
        #expect(errors.first { $0.file == "bad-date.md" }?.line == 3)
        #expect(errors.first { $0.file == "bad-yaml.md" }?.line != nil)
        #expect(diagnostics.contains { $0.file == "unknown-key.md" && $0.severity == .warning && $0.line == 3 })
        #expect(diagnostics.contains { $0.file == "empty.md" && $0.severity == .warning })
        #expect(errors.allSatisfy { $0.description.hasPrefix("\($0.file):") })
    }

    @Test("a Markdown file whose bytes have the fingerprint given is not parsed; with other bytes, or none given, it is read whole")
    func markdownUnlessKnown() throws {
        let root = try makeSourceTree(["a.md": "---\ntitle: 送清凉\ndate: 2021-05-01\nregions: [杭州市]\n---\n\n杭州市总工会走访一线职工。\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let file = try #require(try SourceFile.list(under: root).first)
        let whole = sharedLoader.loadMarkdownFile(file)
        #expect(whole.result.articles.first?.headline.title == "送清凉")

        let known = sharedLoader.loadMarkdownFile(file, unlessContentHash: whole.contentHash)
        #expect(known.result == nil)
        #expect(known.contentHash == whole.contentHash)
        for other in [whole.contentHash &+ 1, nil] {
            let read = sharedLoader.loadMarkdownFile(file, unlessContentHash: other)
            #expect(read.contentHash == whole.contentHash)
            #expect(read.result?.articles == whole.result.articles)
            #expect(read.result?.parseNotes == whole.result.parseNotes)
            #expect(read.result?.articleNotes == whole.result.articleNotes)
        }

        // Edited: new bytes, a new fingerprint, parsed again.
        try Data("---\ntitle: 送温暖\ndate: 2021-05-02\n---\n\n正文。\n".utf8).write(to: file.url)
        let edited = sharedLoader.loadMarkdownFile(file, unlessContentHash: whole.contentHash)
        #expect(edited.contentHash != whole.contentHash)
        #expect(edited.result?.articles.first?.headline.title == "送温暖")

        // Gone: a read error naming the file, whatever fingerprint was known.
        try FileManager.default.removeItem(at: file.url)
        let gone = sharedLoader.loadMarkdownFile(file, unlessContentHash: whole.contentHash)
        #expect(gone.result?.readError?.file == "a.md")
        #expect(gone.result?.articles.isEmpty == true)
    }

    /// What a whole read of `files` gave, as a later load knows it.
    static func known(_ files: [SourceFile], _ whole: NewsLoader.PageGroupResult) -> [String: NewsLoader.KnownGroupFile] {
        Dictionary(uniqueKeysWithValues: files.indices.map {
            (files[$0].relativePath, NewsLoader.KnownGroupFile(kind: files[$0].kind, contentHash: whole.contentHashes[$0], bannerKeys: whole.files[$0].bannerKeys))
        })
    }

    /// Each file's result once `changes` are put over what a whole read of the group gave before
    /// (`before`, by path), and the paths of the pages read again.
    static func merged(_ changes: NewsLoader.PageGroupChanges, _ files: [SourceFile],
                       before: [String: NewsLoader.SourceFileResult]) throws -> (results: [NewsLoader.SourceFileResult], reread: [String]) {
        #expect(changes.files.count == files.count)
        var results: [NewsLoader.SourceFileResult] = []
        var reread: [String] = []
        for (file, result) in zip(files, changes.files) {
            if let result {
                results.append(result)
                if file.kind == .pageDump { reread.append(file.relativePath) }
            } else {
                #expect(file.kind == .pageDump, "only a page is left as it was: \(file.relativePath)")
                results.append(try #require(before[file.relativePath]))
            }
        }
        return (results, reread)
    }

    /// Expects `results` to be what a whole read of the same files gives (`whole`).
    static func expectSame(_ results: [NewsLoader.SourceFileResult], as whole: NewsLoader.PageGroupResult, _ comment: Comment) {
        #expect(results.map(\.articles) == whole.files.map(\.articles), comment)
        #expect(results.map(\.parseNotes) == whole.files.map(\.parseNotes), comment)
        #expect(results.map(\.articleNotes) == whole.files.map(\.articleNotes), comment)
        #expect(results.map(\.readError) == whole.files.map(\.readError), comment)
        #expect(results.map(\.bannerKeys) == whole.files.map(\.bannerKeys), comment)
    }

    @Test("a page group read again parses only the pages whose bytes or sidecar changed, every page when its banners did, and gives what a whole read gives")
    func pageGroupReadAgain() throws {
        let names = ["banner-feature", "masthead-mid-page", "mid-column-break"]
        var sources: [String: String] = [:]
        for name in names { sources["pages/\(name).txt"] = try ComposedPageTests.fixture(name) }
        let root = try makeSourceTree(sources)
        defer { try? FileManager.default.removeItem(at: root) }
        var files = try SourceFile.list(under: root)
        var whole = sharedLoader.loadPageGroup(files)
        #expect(whole.files.map { $0.bannerKeys.isEmpty } == [false, false, false])
        // Nothing changed: nothing to read again.
        #expect(sharedLoader.loadPageGroup(files, known: Self.known(files, whole)) == nil)

        /// Changes the sources by `edit`, reads the group again knowing the last whole read, and
        /// expects what a whole read gives, the pages `expected` read again.
        func step(_ comment: Comment, expected reread: [String], _ edit: () throws -> Void) throws {
            try edit()
            let known = Self.known(files, whole)
            let before = Dictionary(uniqueKeysWithValues: zip(files.map(\.relativePath), whole.files))
            files = try SourceFile.list(under: root)
            let changes = try #require(sharedLoader.loadPageGroup(files, known: known), comment)
            let (results, readAgain) = try Self.merged(changes, files, before: before)
            whole = sharedLoader.loadPageGroup(files)
            #expect(readAgain == reread, comment)
            #expect(changes.contentHashes == whole.contentHashes, comment)
            #expect(changes.sidecarNotes == whole.sidecarNotes, comment)
            Self.expectSame(results, as: whole, comment)
        }
        let masthead = root.appendingPathComponent("pages/masthead-mid-page.txt")
        try step("a story's sentence edited", expected: ["pages/masthead-mid-page.txt"]) {
            try Data(try String(contentsOf: masthead, encoding: .utf8).replacingOccurrences(of: "这样的驿站。", with: "这样的驿站和书屋。").utf8).write(to: masthead)
        }
        try step("a sidecar added", expected: ["pages/masthead-mid-page.txt"]) {
            try Data("date: 2023-10-15\n".utf8).write(to: root.appendingPathComponent("pages/masthead-mid-page.yml"))
        }
        #expect(whole.files[1].articles.allSatisfy { $0.date?.iso == "2023-10-15" })
        try step("the sidecar edited", expected: ["pages/masthead-mid-page.txt"]) {
            try Data("date: 2023-10-16\n".utf8).write(to: root.appendingPathComponent("pages/masthead-mid-page.yml"))
        }
        try step("a page of its own added", expected: ["pages/story.txt"]) {
            try Data(Self.story.utf8).write(to: root.appendingPathComponent("pages/story.txt"))
        }
        // One of the two pages the banner stands on removed: the banner stops recurring, and the
        // page it is left on reads it as part of a headline.
        let bannerPage = whole.files[0].articles
        try step("a banner's page removed", expected: ["pages/banner-feature.txt", "pages/masthead-mid-page.txt", "pages/story.txt"]) {
            try FileManager.default.removeItem(at: root.appendingPathComponent("pages/mid-column-break.txt"))
        }
        #expect(whole.files[0].articles != bannerPage)
        try step("the page put back: the banner recurs again", expected: ["pages/banner-feature.txt", "pages/masthead-mid-page.txt", "pages/mid-column-break.txt", "pages/story.txt"]) {
            try Data(try ComposedPageTests.fixture("mid-column-break").utf8).write(to: root.appendingPathComponent("pages/mid-column-break.txt"))
        }
        #expect(whole.files[0].articles == bannerPage)
        // A page that cannot be read is read again (as an error) every time.
        try step("a page gone unreadable", expected: ["pages/story.txt"]) {
            try Data(Array("第一行\n第二行\u{0}\n".utf8)).write(to: root.appendingPathComponent("pages/story.txt"))
        }
        #expect(whole.files.last?.readError?.file == "pages/story.txt")
    }

    @Test("a sidecar beside a page that cannot be read is that page's, not a sidecar alone; one with no page beside it is")
    func sidecarOfUnreadablePage() throws {
        let root = try makeSourceTree(["lone.yml": "date: 2023-10-15\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(Array("第一行\n第二行\u{0}\n".utf8)).write(to: root.appendingPathComponent("p.txt"))
        try Data("date: 2023-10-15\n".utf8).write(to: root.appendingPathComponent("p.yml"))
        let group = sharedLoader.loadPageGroup(try SourceFile.list(under: root))
        // In path order: lone.yml, p.txt, p.yml.
        #expect(group.files.map { $0.readError?.file } == [nil, "p.txt", nil])
        #expect(group.sidecarNotes.map(\.file) == ["lone.yml"])
    }

    @Test("of two sidecars of one page (or two settings files) the first in path order is read, the other is a warning")
    func twoSidecarsOfOnePage() throws {
        let root = try makeSourceTree([
            "p.txt": Self.story, "p.yaml": "date: 2023-10-15\n", "p.yml": "date: 2023-10-16\n",
            "site.yaml": "name: 甲报\n", "site.yml": "name: 乙报\n",
            "q.txt": Self.story, "q.yml": "date: 2023-10-17\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try sharedLoader.load(source: root)
        #expect(loaded.articles.first { $0.source.file == "p.txt" }?.date?.iso == "2023-10-15")
        #expect(loaded.articles.first { $0.source.file == "q.txt" }?.date?.iso == "2023-10-17")
        #expect(loaded.settings.name == "甲报")
        let ignored = loaded.diagnostics.filter { $0.step == "sidecar" }
        #expect(ignored.map(\.file) == ["p.yml", "site.yml"])
        #expect(ignored.allSatisfy { $0.severity == .warning })
        #expect(ignored.first?.message.contains("p.yaml is read instead") == true)
        #expect(ignored.last?.message.hasPrefix("settings file not read: site.yaml") == true)
    }

    @Test("a file with NUL bytes is an error naming its line")
    func nulBytes() throws {
        let root = try makeSourceTree(["ok.txt": Self.story])
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(Array("第一行\n第二行\u{0}\n".utf8)).write(to: root.appendingPathComponent("binary.txt"))
        do {
            _ = try sharedLoader.load(source: root)
            Issue.record("a NUL byte must stop the load")
        } catch {
            #expect(error.errors.map(\.file) == ["binary.txt"])
            #expect(error.errors.first?.line == 2)
        }
    }

    @Test("check's warnings: no byline, no region, short story, undated page")
    func editorWarnings() throws {
        let root = try makeSourceTree(["page.txt": "职工书屋开放\n\n书屋开放了。\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try sharedLoader.load(source: root)
        let steps = Set(loaded.diagnostics.map(\.step))
        #expect(steps.isSuperset(of: ["byline", "regions", "length", "edition"]))
        #expect(loaded.diagnostics.allSatisfy { $0.file == "page.txt" })
    }
}
