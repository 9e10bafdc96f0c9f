import Foundation
import NewsLoader
@testable import SiteBuilder
import Testing

/// Pictures and documents beside the Markdown articles: copied into `media/`, and the articles'
/// references to them lead to the copies.
@Suite("Media files")
struct MediaFilesTests {
    /// Bytes that are no text: a picture's must be copied as they are.
    static let picture = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x80, 0x0D])

    /// A Markdown story in `2024/` naming a picture beside it (its name with a space and Chinese
    /// characters, percent-encoded as a Markdown editor writes it), one in a sibling folder, a PDF
    /// with a fragment, a picture the folder lacks, and references that are not the site's media.
    static let story = """
    ---
    title: 骑手入会“一键办”
    date: 2024-05-01
    regions: [杭州市]
    reporters: [王芳]
    ---

    杭州市总工会推出骑手入会“一键办”服务，骑手在手机上即可完成入会。

    ![骑手合影](photos/骑手%20合影.png "合影")

    详见[通知](通知.pdf#page=2)，会徽见![会徽](../shared/logo.png)。

    ![缺图](photos/missing.jpg)，[官网](https://example.org/a.png)，[上一页](#top)，`![代码](photos/code.png)`。
    """

    /// A source folder with the story, its media files, and files no story names; removed by the caller.
    static func sources() throws -> URL {
        let root = try makeTree(["2024/rider.md": story, "2024/通知.pdf": "%PDF-1.4\n%%EOF\n", "drafts/采访提纲.docx": "draft"])
        for path in ["2024/photos/骑手 合影.png", "shared/logo.png", "unused/banner.webp"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try picture.write(to: url)
        }
        return root
    }

    /// Runs `body` with the sources and a new output folder; both removed afterwards.
    static func withTrees(_ body: (_ source: URL, _ output: URL) throws -> Void) throws {
        let source = try sources()
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        try body(source, parent.appendingPathComponent("public"))
    }

    /// The built article page of the only story.
    static func articlePage(_ files: [String: Data]) throws -> (path: String, html: String) {
        let path = try #require(files.keys.first { $0.hasPrefix("articles/") && $0.hasSuffix("/index.html") })
        return (path, String(decoding: files[path]!, as: UTF8.self))
    }

    @Test("every media file a story names is copied byte for byte under media/, at its path in the source folder; no other is")
    func copied() throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: try NewsLoader.forSite()).build(source: source, output: output)
            let files = try outputFiles(output)
            for path in ["2024/photos/骑手 合影.png", "shared/logo.png"] {
                #expect(files["media/" + path] == Self.picture, "\(path)")
            }
            #expect(files["media/2024/通知.pdf"] == Data("%PDF-1.4\n%%EOF\n".utf8))
            let media = files.keys.filter { $0.hasPrefix("media/") }.sorted()
            #expect(media == ["media/2024/photos/骑手 合影.png", "media/2024/通知.pdf", "media/shared/logo.png"],
                    "a picture or draft no story names, and the stories themselves, are not published")
        }
    }

    @Test("a film larger than a piece of the copy arrives whole; the same bytes under a new stamp are not copied again")
    func largeFileInPieces() throws {
        try Self.withTrees { source, output in
            var generator = SystemRandomNumberGenerator()
            let film = Data((0..<(FilePieces.pieceSize * 2 + 12_345)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let story = source.appendingPathComponent("2024/rider.md")
            try (String(contentsOf: story, encoding: .utf8) + "\n\n[视频](现场.mp4)\n").write(to: story, atomically: true, encoding: .utf8)
            let url = source.appendingPathComponent("2024/现场.mp4")
            try film.write(to: url)
            let site = Site(loader: testLoader)
            _ = try site.build(source: source, output: output)
            #expect(try Data(contentsOf: output.appendingPathComponent("media/2024/现场.mp4")) == film)
            try FileManager.default.removeItem(at: url)
            try film.write(to: url)
            #expect(try site.build(source: source, output: output).written == 0)
            var changed = film
            changed[FilePieces.pieceSize + 7] ^= 1
            try changed.write(to: url)
            #expect(try site.build(source: source, output: output).written == 1)
            #expect(try Data(contentsOf: output.appendingPathComponent("media/2024/现场.mp4")) == changed)
            #expect(try outputFiles(output) == IncrementalBuildTests.cleanBuild(source))
        }
    }

    @Test("an article's pictures and links to media files lead to the copies; other references stay as written")
    func referencesLeadToCopies() throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: try NewsLoader.forSite()).build(source: source, output: output)
            let files = try outputFiles(output)
            let (path, html) = try Self.articlePage(files)
            #expect(html.contains(#"<img src="../../media/2024/photos/%E9%AA%91%E6%89%8B%20%E5%90%88%E5%BD%B1.png" alt="骑手合影" title="合影" />"#))
            #expect(html.contains(#"<a href="../../media/2024/%E9%80%9A%E7%9F%A5.pdf#page=2">通知</a>"#))
            #expect(html.contains(#"<img src="../../media/shared/logo.png" alt="会徽" />"#))
            #expect(html.contains(#"<a href="https://example.org/a.png">"#))
            #expect(html.contains("<a href=\"#top\">"))
            #expect(html.contains("<code>![代码](photos/code.png)</code>"), "code is not a reference")
            // Each copy is found where the page's link leads (the missing picture aside).
            for link in LinkChecker.links(in: html) where link.contains("media/") && !link.contains("missing") {
                let target = try #require(LinkChecker.resolve(link, from: path))
                #expect(files[target] != nil, "\(link)")
            }
        }
    }

    @Test("a reference to a media file the source folder lacks is a warning on its line, and stays one until the file comes")
    func missingIsWarned() throws {
        try Self.withTrees { source, output in
            let site = Site(loader: try NewsLoader.forSite())
            let first = try site.build(source: source, output: output)
            let media = first.warnings.filter { $0.step == "media" }
            #expect(media.map(\.file) == ["2024/rider.md"])
            #expect(media.map(\.line) == [14])
            #expect(media.first?.message.contains("photos/missing.jpg") == true)
            // Built again with nothing changed: the warning is still there.
            #expect(try site.build(source: source, output: output).warnings.filter { $0.step == "media" } == media)
            // The picture added: no warning, though the story did not change.
            try Self.picture.write(to: source.appendingPathComponent("2024/photos/missing.jpg"))
            #expect(try site.build(source: source, output: output).warnings.filter { $0.step == "media" }.isEmpty)
            #expect(try outputFiles(output)["media/2024/photos/missing.jpg"] == Self.picture)
        }
    }

    @Test("a media file changed, added or removed changes its copy alone, and the output equals a clean build")
    func incrementalEqualsClean() throws {
        try Self.withTrees { source, output in
            let site = Site(loader: try NewsLoader.forSite())
            _ = try site.build(source: source, output: output)
            let logo = source.appendingPathComponent("shared/logo.png")
            // New bytes.
            try Data("another picture".utf8).write(to: logo)
            var report = try site.build(source: source, output: output)
            #expect(report.written == 1, "only the copy is written")
            #expect(try outputFiles(output) == IncrementalBuildTests.cleanBuild(source))
            // The same bytes under a new stamp (a fresh checkout): nothing is written.
            try FileManager.default.removeItem(at: logo)
            try Data("another picture".utf8).write(to: logo)
            report = try site.build(source: source, output: output)
            #expect(report.written == 0)
            // Added and removed: a named picture arrives, a named document goes, and a picture no story
            // names comes and is not published.
            try Self.picture.write(to: source.appendingPathComponent("2024/photos/missing.jpg"))
            try Self.picture.write(to: source.appendingPathComponent("unused/second.gif"))
            try FileManager.default.removeItem(at: source.appendingPathComponent("2024/通知.pdf"))
            report = try site.build(source: source, output: output)
            let files = try outputFiles(output)
            #expect(files["media/2024/photos/missing.jpg"] == Self.picture)
            #expect(files["media/unused/second.gif"] == nil)
            #expect(files["media/2024/通知.pdf"] == nil)
            let clean = try IncrementalBuildTests.cleanBuild(source)
            #expect(files == clean, "\(differences(files, clean))")
        }
    }

    @Test("a whole build over an intact output carries its unchanged media over (the same file, not a copy), copies a changed one, and equals a clean build; a full build copies them all")
    func wholeBuildCarriesMediaOver() throws {
        try Self.withTrees { source, output in
            // Stamps old enough to be trusted (a file changed in the last moments is read again).
            let past = Date(timeIntervalSinceNow: -3_600)
            for path in ["2024/photos/骑手 合影.png", "shared/logo.png", "2024/通知.pdf"] {
                try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: source.appendingPathComponent(path).path)
            }
            func inode(_ path: String) throws -> UInt64 {
                try #require((try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path))[.systemFileNumber] as? UInt64)
            }
            let site = Site(loader: try NewsLoader.forSite())
            try "name: 甲\n".write(to: source.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            _ = try site.build(source: source, output: output)
            let (photo, logo) = (try inode("media/2024/photos/骑手 合影.png"), try inode("media/shared/logo.png"))
            // A new site name changes every page: a whole build.
            try "name: 乙\n".write(to: source.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            try Data("another logo".utf8).write(to: source.appendingPathComponent("shared/logo.png"))
            let report = try site.build(source: source, output: output)
            #expect(report.written == report.files - 2, "a whole build: every file written but the picture and the notice, carried over")
            #expect(try inode("media/2024/photos/骑手 合影.png") == photo, "carried over")
            #expect(try inode("media/shared/logo.png") != logo, "copied anew")
            let files = try outputFiles(output)
            #expect(files["media/shared/logo.png"] == Data("another logo".utf8))
            let clean = try IncrementalBuildTests.cleanBuild(source)
            #expect(files == clean, "\(differences(files, clean))")
            let carried = try inode("media/2024/photos/骑手 合影.png")
            _ = try site.build(source: source, output: output, options: Site.Options(incremental: false))
            #expect(try inode("media/2024/photos/骑手 合影.png") != carried, "a full build trusts nothing of the old output")
            #expect(try outputFiles(output) == clean)
        }
    }

    @Test("a picture replaced by a folder of the same name, and back, builds as a clean build does")
    func fileBecomesFolder() throws {
        try Self.withTrees { source, output in
            // A story naming the picture in the folder, which is there only while the folder is.
            try "---\ntitle: 会徽\ndate: 2024-05-02\n---\n\n![会徽](../shared/logo.png/inner.png)\n"
                .write(to: source.appendingPathComponent("2024/logo.md"), atomically: true, encoding: .utf8)
            let site = Site(loader: testLoader)
            _ = try site.build(source: source, output: output)
            let logo = source.appendingPathComponent("shared/logo.png")
            try FileManager.default.removeItem(at: logo)
            try FileManager.default.createDirectory(at: logo, withIntermediateDirectories: false)
            try Self.picture.write(to: logo.appendingPathComponent("inner.png"))
            _ = try site.build(source: source, output: output)
            var files = try outputFiles(output)
            #expect(files["media/shared/logo.png/inner.png"] == Self.picture)
            #expect(files == (try IncrementalBuildTests.cleanBuild(source)))
            try FileManager.default.removeItem(at: logo)
            try Self.picture.write(to: logo)
            _ = try site.build(source: source, output: output)
            files = try outputFiles(output)
            #expect(files["media/shared/logo.png"] == Self.picture)
            #expect(files == (try IncrementalBuildTests.cleanBuild(source)))
        }
    }

    @Test("a name is matched by its bytes: a literal % is itself, and a composed é is not a decomposed one")
    func namesByBytes() throws {
        let story = "---\ntitle: 名字\ndate: 2024-05-02\n---\n\n![百分](p/100%.png) ![重音](p/caf\u{E9}.png)\n"
        let source = try makeTree(["a.md": story])
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: source.appendingPathComponent("p"), withIntermediateDirectories: true)
        try Self.picture.write(to: source.appendingPathComponent("p/100%.png"))
        try Self.picture.write(to: source.appendingPathComponent("p/cafe\u{301}.png"))
        let output = parent.appendingPathComponent("public")
        let report = try Site(loader: try NewsLoader.forSite()).build(source: source, output: output)
        let (_, html) = try Self.articlePage(try outputFiles(output))
        #expect(html.contains(#"src="../../media/p/100%25.png""#))
        #expect(report.warnings.filter { $0.step == "media" }.map(\.line) == [6], "the composed é names no file: \(report.warnings)")
    }

    @Test("with a site address, the first picture is the page's og:image and JSON-LD image, absolute; without one, neither")
    func socialImage() throws {
        try Self.withTrees { source, output in
            let site = Site(loader: try NewsLoader.forSite())
            _ = try site.build(source: source, output: output, baseURL: "https://news.example.org/portal/")
            let picture = "https://news.example.org/portal/media/2024/photos/%E9%AA%91%E6%89%8B%20%E5%90%88%E5%BD%B1.png"
            var (_, html) = try Self.articlePage(try outputFiles(output))
            #expect(html.contains(#"<meta property="og:image" content="\#(picture)">"#))
            #expect(html.contains(#""image":"\#(picture)""#))
            _ = try site.build(source: source, output: output)
            (_, html) = try Self.articlePage(try outputFiles(output))
            #expect(!html.contains("og:image") && !html.contains(#""image":"#))
        }
    }

    @Test("a story whose first picture is elsewhere shows that address; one with no picture has no og:image")
    func socialImageElsewhere() throws {
        let story = "---\ntitle: 外链图片\ndate: 2024-05-02\n---\n\n正文[链接](a.pdf)。\n\n![远方](https://img.example.org/x.jpg)\n\n![本地](p.png)\n"
        let plain = "---\ntitle: 没有图片\ndate: 2024-05-03\n---\n\n正文。\n"
        let source = try makeTree(["a.md": story, "b.md": plain])
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        _ = try Site(loader: testLoader).build(source: source, output: output, baseURL: "https://news.example.org/")
        let pages = try outputFiles(output).filter { $0.key.hasPrefix("articles/") && $0.key.hasSuffix("index.html") }
            .mapValues { String(decoding: $0, as: UTF8.self) }
        let withPicture = try #require(pages.values.first { $0.contains("<h1 class=\"article-title\">外链图片</h1>") })
        #expect(withPicture.contains(#"<meta property="og:image" content="https://img.example.org/x.jpg">"#))
        let without = try #require(pages.values.first { $0.contains("<h1 class=\"article-title\">没有图片</h1>") })
        #expect(!without.contains("og:image"))
    }

    @Test("a feed entry's content says its page's address, against which its relative links resolve")
    func feedContentBase() throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: try NewsLoader.forSite()).build(source: source, output: output)
            let files = try outputFiles(output)
            let (path, _) = try Self.articlePage(files)
            let page = String(path.dropLast("index.html".count))
            let atom = String(decoding: try #require(files["feed.xml"]), as: UTF8.self)
            #expect(atom.contains(#"<content type="html" xml:base="\#(page)">"#))
            #expect(atom.contains("../../media/shared/logo.png"))
            let rss = String(decoding: try #require(files["rss.xml"]), as: UTF8.self)
            #expect(rss.contains(#"<description xml:base="\#(page)">"#))
            // A region's feed is two folders down: its base leads back up to the page.
            let regional = String(decoding: try #require(files["regions/hangzhou/feed.xml"]), as: UTF8.self)
            #expect(regional.contains(#"xml:base="../../\#(page)""#))
        }
    }

    @Test("with the site's address known, a feed entry's pictures, documents and story links are absolute; its other links as written")
    func feedContentAbsolute() throws {
        let story = "---\ntitle: 骑手入会满月回访\ndate: 2024-05-28\nregions: [杭州市]\n---\n\n"
            + "![合影](photos/rally.png)\n\n见[通知](docs/通知.pdf#page=2)、[首批名单](first.md#名单)、[上文](#上文)、[外链](https://example.org/a)。\n\n"
            + "写作 href=\"../../x\" 的文字。\n"
        let first = "---\ntitle: 骑手入会首批名单公布\ndate: 2024-05-01\n---\n\n首批一百名骑手扫码入会。\n"
        let source = try makeTree(["latest.md": story, "first.md": first, "docs/通知.pdf": "%PDF-1.4", "photos/rally.png": "png"])
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        _ = try Site(loader: testLoader).build(source: source, output: output, baseURL: "https://news.example.org/portal/")
        let files = try outputFiles(output)
        let base = "https://news.example.org/portal/"
        let target = try #require(files.keys.first { $0.hasPrefix("articles/") && String(decoding: files[$0]!, as: UTF8.self).contains("<title>骑手入会首批名单公布") })
        for feed in ["feed.xml", "rss.xml", "regions/hangzhou/feed.xml"] {
            let text = String(decoding: try #require(files[feed]), as: UTF8.self)
            #expect(text.contains(#"<img src="\#(base)media/photos/rally.png" alt="合影" />"#), "\(feed)")
            #expect(text.contains(#"<a href="\#(base)media/docs/%E9%80%9A%E7%9F%A5.pdf#page=2">通知</a>"#), "\(feed)")
            #expect(text.contains(#"<a href="\#(base)\#(target.dropLast("index.html".count))#%E5%90%8D%E5%8D%95">首批名单</a>"#), "\(feed)")
            #expect(text.contains(##"<a href="#上文">上文</a>"##) || text.contains(##"<a href="#%E4%B8%8A%E6%96%87">上文</a>"##), "\(feed)")
            #expect(text.contains(#"<a href="https://example.org/a">外链</a>"#), "\(feed)")
            #expect(text.contains("写作 href=&quot;../../x&quot; 的文字"), "text that looks like an attribute is left: \(feed)")
            #expect(!text.contains("../../media/"), "\(feed)")
        }
        // The page itself keeps its relative links: the site works under any path.
        let page = String(decoding: try #require(files.first { $0.key.hasPrefix("articles/") && String(decoding: $0.value, as: UTF8.self).contains("<title>骑手入会满月回访") }?.value), as: UTF8.self)
        #expect(page.contains(#"<img src="../../media/photos/rally.png""#))
    }
}
