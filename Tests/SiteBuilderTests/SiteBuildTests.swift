import Foundation
import NewsLoader
import NewsModel
@testable import SiteBuilder
import Testing

@Suite("Building a site")
struct SiteBuildTests {
    @Test("the site has every page of the output layout")
    func layout() throws {
        let site = try renderFixtureSite()
        for path in ["index.html", "regions/index.html", "topics/index.html", "search/index.html", "404.html",
                     "assets/site.css", "assets/search.js", "search/meta.json", "search/docs/0.json", "search/index-0.bin", "search/lengths-0.bin",
                     "regions/hangzhou/index.html", "regions/shangyu/index.html", "regions/zhejiang/index.html",
                     "topics/xin-jiu-ye-xing-tai/index.html"] {
            #expect(site[path] != nil, "\(path) is written")
        }
        #expect(site.keys.filter { $0.hasPrefix("articles/") }.count == 6)
    }

    @Test("no internal link leads nowhere, and every link is relative")
    func links() throws {
        let site = try renderFixtureSite()
        #expect(LinkChecker.brokenLinks(in: site) == [])
    }

    @Test("the site built from the seed pages has every story and no broken link")
    func seedSite() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds")
        let loaded = try testLoader.load(source: seeds)
        let output = MemoryOutput()
        _ = try SiteRenderer(site: Site.defaultInfo).render(loaded.articles, into: output)
        let site = output.snapshot
        #expect(site.keys.filter { $0.hasPrefix("articles/") }.count == loaded.articles.count)
        #expect(loaded.articles.count == 26)
        #expect(LinkChecker.brokenLinks(in: site) == [])
    }

    @Test("a city's page lists its counties' stories; a county's page leads up to its city")
    func regionHierarchy() throws {
        let site = try renderFixtureSite()
        let shaoxing = String(decoding: try #require(site["regions/shaoxing/index.html"]), as: UTF8.self)
        #expect(shaoxing.contains("绍兴上虞骑手驿站温暖启用"))
        #expect(shaoxing.contains("诸暨"))
        let shangyu = String(decoding: try #require(site["regions/shangyu/index.html"]), as: UTF8.self)
        #expect(shangyu.contains("href=\"../../regions/shaoxing/\""))
        #expect(!shangyu.contains("诸暨“枫桥经验”进企业"))
    }

    @Test("the search page's region filter lists each region under the one it lies in, set in by its depth")
    func regionFilterNested() throws {
        let site = try renderFixtureSite()
        let search = String(decoding: try #require(site["search/index.html"]), as: UTF8.self)
        let select = try #require(search.firstMatch(of: /<select id="search-region"[^>]*>(.*?)<\/select>/)).output.1
        let options = select.matches(of: /<option value="([^"]*)">([^<]*)<\/option>/).map { (String($0.output.1), String($0.output.2)) }
        func at(_ slug: String) throws -> Int { try #require(options.firstIndex { $0.0 == slug }, "\(slug) is offered") }
        let (zhejiang, shaoxing, shangyu) = (try at("zhejiang"), try at("shaoxing"), try at("shangyu"))
        #expect(zhejiang < shaoxing && shaoxing < shangyu)
        #expect(options[zhejiang].1 == "浙江省" && options[shaoxing].1 == "\u{3000}绍兴市" && options[shangyu].1 == "\u{3000}\u{3000}上虞区")
        // Between a city and its county only that city's other counties.
        #expect(options[(shaoxing + 1)..<shangyu].allSatisfy { $0.1.hasPrefix("\u{3000}\u{3000}") })
        #expect(options.count == 1 + Set(options.map(\.0)).subtracting([""]).count, "every region once")
    }

    @Test("an article page shows its parts, byline, edition, terms and body")
    func articlePage() throws {
        let site = try renderFixtureSite()
        let page = try #require(site.first { String(decoding: $0.value, as: UTF8.self).contains("<h1 class=\"article-title\">绍兴上虞骑手驿站温暖启用") })
        let html = String(decoding: page.value, as: UTF8.self)
        #expect(html.contains("“产改”进行时"))
        #expect(html.contains("记者 <a href=\"../../people/wang-fang/\">王芳</a>") && html.contains("通讯员 <a href=\"../../people/li-ming/\">李明</a>"))
        #expect(html.contains("2023年5月1日") && html.contains("总第12001号"))
        #expect(html.contains("href=\"../../regions/shangyu/\"") && html.contains("href=\"../../topics/chan-gai/\""))
        #expect(html.contains("<p>驿站配备了微波炉"))
        #expect(html.contains("lang=\"zh-CN\""))
    }

    @Test("Markdown bodies are rendered by cmark-gfm, with raw HTML and unsafe links dropped")
    func markdownSafety() throws {
        let site = try renderFixtureSite()
        let pages = site.filter { $0.key.hasPrefix("articles/") }.map { String(decoding: $0.value, as: UTF8.self) }
        let aed = try #require(pages.first { $0.contains("<h1 class=\"article-title\">AED进车间") })
        #expect(aed.contains("<table>") && aed.contains("<strong>AED</strong>"))
        #expect(aed.contains("AED进车间 &lt;守护&gt;职工生命"))
        let rider = try #require(pages.first { $0.contains("<h1 class=\"article-title\">骑手入会") })
        #expect(!rider.contains("<script>alert"))
        #expect(!rider.contains("javascript:"))
    }

    @Test("the same sources give byte-identical output")
    func deterministic() throws {
        let first = try renderFixtureSite()
        let second = try renderFixtureSite()
        #expect(first == second)
    }

    @Test("the search index finds a Chinese word in exactly the stories that hold it")
    func searchIndex() throws {
        let site = try renderFixtureSite()
        let reader: SearchEngine.FileReader = { site[$0] }
        let engine = try #require(SearchEngine(read: reader))
        func search(_ query: String) -> Set<String> {
            Set(engine.search(query).compactMap { number in
                (site["search/docs/\(number).json"].flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] })?["t"] as? String
            })
        }
        #expect(search("骑手") == ["绍兴上虞骑手驿站温暖启用", "骑手入会“一键办”"])
        #expect(search("枫桥经验") == ["诸暨“枫桥经验”进企业"])
        #expect(search("aed") == ["AED进车间 <守护>职工生命"])
        #expect(search("ＡＥＤ") == ["AED进车间 <守护>职工生命"])
    }
}

@Suite("Writing to disk")
struct DiskOutputTests {
    @Test("a build writes the site and replaces the previous one whole")
    func buildAndRebuild() throws {
        let source = try makeTree(fixtureSources)
        let parent = try makeTree([:])
        let output = parent.appendingPathComponent("public")
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let report = try Site(loader: testLoader).build(source: source, output: output)
        #expect(report.articles == 6)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        try Data("stale".utf8).write(to: output.appendingPathComponent("articles/stale.html"))
        _ = try Site(loader: testLoader).build(source: source, output: output)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("articles/stale.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent.path)
        #expect(leftovers == ["public"])
    }

    @Test("a failed build leaves the previous site complete and unchanged")
    func failedBuild() throws {
        let source = try makeTree(fixtureSources)
        let parent = try makeTree([:])
        let output = parent.appendingPathComponent("public")
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        _ = try Site(loader: testLoader).build(source: source, output: output)
        let before = try Data(contentsOf: output.appendingPathComponent("index.html"))
        try Data("---\ntitle: [\n---\n".utf8).write(to: source.appendingPathComponent("articles/broken.md"))
        #expect(throws: BuildError.self) { try Site(loader: testLoader).build(source: source, output: output) }
        #expect(try Data(contentsOf: output.appendingPathComponent("index.html")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["public"])
    }

    @Test("sources that give no story (an emptied folder, a notes file) are an error, and the published site is left as it was")
    func noStories() throws {
        let source = try makeTree(fixtureSources)
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        _ = try Site(loader: testLoader).build(source: source, output: output)
        let before = try outputFiles(output)
        for path in try FileManager.default.subpathsOfDirectory(atPath: source.path) where path.hasSuffix(".md") || path.hasSuffix(".txt") {
            try FileManager.default.removeItem(at: source.appendingPathComponent(path))
        }
        for files in [[:], ["notes.txt": "备忘\n"]] as [[String: String]] {
            try IncrementalBuildTests.apply(files, to: source)
            #expect {
                try Site(loader: testLoader).build(source: source, output: output)
            } throws: { error in
                guard case .noArticles(let path) = error as? BuildError else { return false }
                return path == source.path && "\(error)".contains("nothing was written")
            }
            #expect(try outputFiles(output) == before)
        }
    }

    @Test("the build refuses an output that is the source, contains it, or is a folder it did not make")
    func unsafeOutputs() throws {
        let source = try makeTree(fixtureSources)
        defer { try? FileManager.default.removeItem(at: source) }
        let site = Site(loader: testLoader)
        #expect(throws: BuildError.self) { try site.build(source: source, output: source) }
        #expect(throws: BuildError.self) { try site.build(source: source, output: source.deletingLastPathComponent()) }
        #expect(throws: BuildError.self) { try site.build(source: source, output: URL(fileURLWithPath: "/")) }
        let foreign = try makeTree(["notes.txt": "my files"])
        defer { try? FileManager.default.removeItem(at: foreign) }
        #expect(throws: BuildError.self) { try site.build(source: source, output: foreign) }
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("notes.txt").path))
        // A new folder named through a link to the source is inside the source all the same.
        let link = source.deletingLastPathComponent().appendingPathComponent("link-\(source.lastPathComponent)")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: source)
        defer { try? FileManager.default.removeItem(at: link) }
        #expect(throws: BuildError.self) { try site.build(source: source, output: link.appendingPathComponent("public/site")) }
        #expect(!FileManager.default.fileExists(atPath: source.appendingPathComponent("public").path))
    }
}
