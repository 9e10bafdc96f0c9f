import Foundation
@testable import NewsLoader
import NewsModel
import Testing

@Suite("Media paths")
struct MediaPathTests {
    /// The media file `destination` names from `article`, if it names one.
    static func media(_ destination: String, from article: String) -> MediaPath.Target? {
        MediaPath.reference(of: destination, from: article).flatMap { MediaPath.isMedia($0.sourcePath) ? $0 : nil }
    }

    /// The story `destination` names from `article`, if it names one.
    static func story(_ destination: String, from article: String) -> MediaPath.Target? {
        MediaPath.reference(of: destination, from: article).flatMap { MediaPath.isStory($0.sourcePath) ? $0 : nil }
    }

    @Test("a relative destination is read from the article's folder, percent-decoded, its suffix kept",
          arguments: [
              ("rally.jpg", "2024/a.md", "2024/rally.jpg", ""),
              ("./photos/rally.JPG", "2024/a.md", "2024/photos/rally.JPG", ""),
              ("../shared/logo.png?v=2", "2024/05/a.md", "2024/shared/logo.png", "?v=2"),
              ("通知.pdf#page=2", "a.md", "通知.pdf", "#page=2"),
              ("photos/%E9%AA%91%E6%89%8B%20%E5%90%88%E5%BD%B1.webp", "x/a.md", "x/photos/骑手 合影.webp", ""),
              ("a//b/../c.svg", "a.md", "a/c.svg", ""),
              ("p/100%.png", "a.md", "p/100%.png", ""),
              ("p/100%25.png", "a.md", "p/100%.png", ""),
              ("p/bad%zz%4.png", "a.md", "p/bad%zz%4.png", ""),
          ])
    func resolved(destination: String, article: String, sourcePath: String, suffix: String) throws {
        let target = try #require(Self.media(destination, from: article))
        #expect(target.sourcePath == sourcePath)
        #expect(target.suffix == suffix)
        #expect(target.sitePath == "media/" + sourcePath)
    }

    @Test("what is not a relative reference to a media file names none",
          arguments: ["https://example.org/a.png", "HTTP://x/a.png", "data:image/png;base64,AAAA", "mailto:a@b.c", "//cdn.example.org/a.png",
                      "/media/a.png", "#a.png", "?a.png", "../../a.png", "photos/../../../a.png", "story.md", "page.txt", "photos/", "a.png.txt",
                      "%FF.png", ".png", ""])
    func notMedia(destination: String) {
        #expect(Self.media(destination, from: "2024/a.md") == nil, "\(destination)")
    }

    @Test("a relative link to a Markdown file names a story, read as a media file's is; nothing else does",
          arguments: [
              ("../2023/rider.md", "2024/a.md", "2023/rider.md" as String?, ""),
              ("rider.MD#第二段", "2024/a.md", "2024/rider.MD", "#第二段"),
              ("%E9%AA%91%E6%89%8B.markdown?x=1", "a.md", "骑手.markdown", "?x=1"),
              ("../../rider.md", "2024/a.md", nil, ""),
              ("https://example.org/rider.md", "a.md", nil, ""),
              ("/rider.md", "a.md", nil, ""),
              ("notes/.md", "a.md", nil, ""),
              ("rider.md.txt", "a.md", nil, ""),
          ])
    func story(destination: String, article: String, sourcePath: String?, suffix: String) {
        let target = Self.story(destination, from: article)
        #expect(target?.sourcePath == sourcePath)
        if sourcePath != nil { #expect(target?.suffix == suffix) }
        #expect(Self.media(destination, from: article) == nil, "a story is no media file")
        #expect(Self.story("rider.png", from: article) == nil, "a picture is no story")
    }

    @Test("the site address percent-encodes all but unreserved characters and slashes")
    func siteURL() {
        let target = MediaPath.Target(sourcePath: "2024/骑手 合影#1%.png", suffix: "#top")
        #expect(target.siteURL == "media/2024/%E9%AA%91%E6%89%8B%20%E5%90%88%E5%BD%B1%231%25.png#top")
        #expect(MediaPath.Target(sourcePath: "a-b_c.~d/e.jpg", suffix: "").siteURL == "media/a-b_c.~d/e.jpg")
    }

    @Test("the source listing names media files by extension, in any case, and passes over other files")
    func listed() throws {
        let root = try makeSourceTree(["a.md": "---\ntitle: 标题\n---\n\n正文。\n", "p/x.JPG": "", "p/y.webp": "", "p/z.pdf": "", "p/notes.Docx": "",
                                       "p/w.jpeg": "", "p/film.MP4": "", "p/talk.mp3": "", "p/notes.tmp": "", "p/photo.jpg.bak": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try SourceFile.list(under: root)
        #expect(files.map(\.relativePath) == ["a.md", "p/film.MP4", "p/notes.Docx", "p/talk.mp3", "p/w.jpeg", "p/x.JPG", "p/y.webp", "p/z.pdf"])
        #expect(files.map(\.kind) == [.markdown] + Array(repeating: .media, count: 7))
    }

    @Test("a media file a story names that cannot be read when the sources are loaded is an error naming it, with the load's other problems")
    func unreadable() throws {
        let root = try makeSourceTree(["a.md": "---\ntitle: 标题\n---\n\n正文。![图](p/gone.png)\n", "p/gone.png": "", "p/unnamed.png": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        var loader = try NewsLoader()
        loader.linkFinder = Self.parenthesisedDestinations
        let files = try SourceFile.list(under: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("p/gone.png"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("p/unnamed.png"))
        let error = try #require(throws: LoadError.self) {
            try loader.assemble([loader.loadMarkdownFile(files[0]).result, NewsLoader.SourceFileResult(), NewsLoader.SourceFileResult()],
                                settings: SiteSettings(), settingsNotes: [], sidecarNotes: [], media: Array(files[1...]))
        }
        #expect(error.diagnostics.filter { $0.severity == .error }.map(\.file) == ["p/gone.png"], "a file no story names is not the site's")
        #expect(error.diagnostics.contains { $0.severity == .warning }, "the article's warnings (no date, no byline) are kept")
    }

    @Test("the site carries the media files a story names, and no other")
    func carried() throws {
        let root = try makeSourceTree([
            "2024/a.md": "---\ntitle: 标题\ndate: 2024-05-01\n---\n\n正文。\n\n![图](p/there.png) [文件](../docs/notice.docx)\n",
            "2024/p/there.png": "", "2024/p/draft.png": "", "docs/notice.docx": "", "docs/draft.docx": "",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        var loader = try NewsLoader()
        loader.linkFinder = Self.parenthesisedDestinations
        let loaded = try loader.load(source: root)
        #expect(loaded.media.map(\.relativePath) == ["2024/p/there.png", "docs/notice.docx"])
        loader.linkFinder = nil
        #expect(try loader.load(source: root).media.isEmpty, "without a finder no story names a file")
    }

    /// A finder that reads `[…](…)` and `![…](…)` alone, standing in for the Markdown parser (the builder's is
    /// tested with it).
    static let parenthesisedDestinations: MarkdownLinkFinder = { body in
        body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { index, line in
            line.matches(of: /(!?)\[[^\]]*\]\(([^)]*)\)/).map { (destination: String($0.2), line: index + 1, isImage: !$0.1.isEmpty) }
        }
    }

    /// The sources under `root` loaded with `parenthesisedDestinations`, and the warnings about their links.
    static func loadFindingLinks(_ root: URL) throws -> (loaded: LoadedSources, warnings: [LoadDiagnostic]) {
        var loader = try NewsLoader()
        loader.linkFinder = Self.parenthesisedDestinations
        let loaded = try loader.load(source: root)
        return (loaded, loaded.diagnostics.filter { $0.step == "media" || $0.step == "link" })
    }

    @Test("a Markdown article's references to media files are found by the finder, on the file's lines, and missing ones warned of")
    func references() throws {
        let root = try makeSourceTree([
            "2024/a.md": "---\ntitle: 标题\ndate: 2024-05-01\n---\n\n正文。\n\n![图](p/there.png) ![缺](p/gone.png) [站](https://example.org/x.png)\n\n![藏](.p/in.png)\n\n[前文](b.md) [旧文](../2023/c.md) [页](page.txt) [藏文](.p/d.md)\n",
            "2024/p/there.png": "", "2024/.p/in.png": "", "2024/b.md": "---\ntitle: 前文\ndate: 2024-04-01\n---\n\n正文。\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let (loaded, warnings) = try Self.loadFindingLinks(root)
        #expect(warnings.map(\.description) == [
            // Told with the article's own warnings: it depends on the article alone.
            "2024/a.md:12: warning: [link] “page.txt” names 2024/page.txt, which is no file the site publishes (of the files a relative address names, it publishes pictures, documents, sound, film and stories): the page would link to nothing",
            "2024/a.md:8: warning: [media] “p/gone.png” names 2024/p/gone.png, which is not in the source folder: the page would show it missing",
            "2024/a.md:10: warning: [media] “.p/in.png” names 2024/.p/in.png, which is hidden (a name starting with “.”), and hidden files are not published: the page would show it missing; rename it",
            "2024/a.md:12: warning: [link] “../2023/c.md” names 2023/c.md, which is no story in the source folder: the link would lead nowhere",
            "2024/a.md:12: warning: [link] “.p/d.md” names 2024/.p/d.md, which is hidden (a name starting with “.”), and hidden files are not published: the link would lead nowhere; rename it",
        ])
        #expect(loaded.articles.count == 2)
    }

    @Test("a link to a story file that is there but stopped with an error says so, not that no such story is in the folder")
    func linkToAStoryThatFailed() throws {
        let root = try makeSourceTree([
            "2024/a.md": "---\ntitle: 标题\ndate: 2024-05-01\n---\n\n见[前文](b.md#名单)。\n",
            "2024/b.md": "---\ntitle: 前文\ndate: 2024-13-01\n---\n\n正文。\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        var loader = try NewsLoader()
        loader.linkFinder = Self.parenthesisedDestinations
        do {
            _ = try loader.load(source: root)
            Issue.record("loaded despite the bad date")
        } catch {
            #expect(error.diagnostics.filter { $0.step == "link" }.map(\.description) == [
                "2024/a.md:6: warning: [link] “b.md#名单” (2024/b.md) did not load (see its error): the link leads nowhere until it does",
            ])
            #expect(error.diagnostics.contains { $0.severity == .error && $0.file == "2024/b.md" })
        }
    }

    @Test("a Markdown photo story with no picture is warned of where its body begins; one with a picture, near or far, and a news story are not")
    func photoStoryWithoutPicture() throws {
        let root = try makeSourceTree([
            "bare.md": "---\ntitle: 骑手合影\nkind: photo\n---\n\n骑手们在驿站前合影。[驿站](https://example.org/)\n",
            "near.md": "---\ntitle: 驿站开放\nkind: photo\n---\n\n![驿站](p/yizhan.png)\n\n驿站开放。\n",
            "far.md": "---\ntitle: 驿站远景\nkind: photo\n---\n\n![远景](https://example.org/yizhan.png)\n",
            "news.md": "---\ntitle: 驿站新闻\n---\n\n驿站开放。\n",
            "p/yizhan.png": "",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let (_, warnings) = try Self.loadFindingLinks(root)
        #expect(warnings.map(\.description) == [
            "bare.md:5: warning: [media] a photo story (`kind: photo`) with no picture in its body: its page would show a caption with no photo; add the picture (![说明](photo.jpg)) or make it `kind: news`",
        ])
    }

    @Test("a relative link to a file of a kind the site does not publish is warned of on its line, whether or not the file is there; other links are not")
    func unpublished() throws {
        let body = """
        [数据](data/rates.json) [说明](notes.TXT) [版面](../pages/2024-05-01.txt#p2)

        [地区](regions/hangzhou/) [首页](./) ![图](p/scan.tiff)

        [站内](../../regions/hangzhou/) [根](/about/) [外](https://example.org/a.json) [信](mailto:a@example.org) [段](#第二段) [问](?q=1)

        ![有](p/there.png) [文](b.md)
        """
        let root = try makeSourceTree([
            "2024/a.md": "---\ntitle: 标题\ndate: 2024-05-01\n---\n\n" + body + "\n",
            "2024/data/rates.json": "{}", "2024/p/there.png": "", "2024/b.md": "---\ntitle: 前文\ndate: 2024-04-01\n---\n\n正文。\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let (loaded, warnings) = try Self.loadFindingLinks(root)
        #expect(warnings.map { "\($0.line ?? 0) \($0.message.prefix { $0 != "(" })" } == [
            "6 “data/rates.json” names 2024/data/rates.json, which is no file the site publishes ",
            "6 “notes.TXT” names 2024/notes.TXT, which is no file the site publishes ",
            "6 “../pages/2024-05-01.txt#p2” names pages/2024-05-01.txt, which is no file the site publishes ",
            "8 “regions/hangzhou/” names 2024/regions/hangzhou, which is no file the site publishes ",
            "8 “./” names 2024, which is no file the site publishes ",
            "8 “p/scan.tiff” names 2024/p/scan.tiff, which is no file the site publishes ",
        ], "\(warnings)")
        #expect(warnings.allSatisfy { $0.file == "2024/a.md" && $0.severity == .warning })
        #expect(loaded.media.map(\.relativePath) == ["2024/p/there.png"], "nothing of an unpublished kind is carried")
    }
}
