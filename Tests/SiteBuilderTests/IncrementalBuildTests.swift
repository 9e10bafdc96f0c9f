import Foundation
import NewsLoader
@testable import NewsModel
@testable import SiteBuilder
import Templates
import Testing

/// Every file of a built output (the build state aside, which records times), by relative path.
func outputFiles(_ root: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
    guard let enumerator = FileManager.default.enumerator(atPath: rootPath) else { return [:] }
    for case let relative as String in enumerator {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootPath + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue,
              relative != DiskOutput.stateName else { continue }
        files[relative] = try Data(contentsOf: URL(fileURLWithPath: rootPath + "/" + relative))
    }
    return files
}

/// The paths where two outputs differ, for a readable failure.
func differences(_ actual: [String: Data], _ expected: [String: Data]) -> [String] {
    Set(actual.keys).union(expected.keys).filter { actual[$0] != expected[$0] }.sorted()
}

/// A Markdown article in the corpus style.
func markdownArticle(title: String, date: String, regions: String, topics: String, body: String) -> String {
    """
    ---
    title: "\(title)"
    date: \(date)
    regions: [\(regions)]
    topics: [\(topics)]
    reporters: ["周静"]
    ---

    \(body)
    """
}

@Suite("Incremental builds", .serialized)
struct IncrementalBuildTests {
    /// A site with more stories than fit on one list page, in both source formats.
    static func sources() -> [String: String] {
        var files = fixtureSources
        for number in 1...30 {
            files["archive/story-\(number).md"] = markdownArticle(
                title: "第\(number)号职工服务站建成", date: "2023-03-\(10 + number % 18)",
                regions: number % 2 == 0 ? "杭州市, 萧山区" : "宁波市", topics: number % 3 == 0 ? "产改" : "职工服务, 产改",
                body: "第\(number)个服务站为职工提供休息、饮水和充电服务。**服务站**全年开放。\n\n## 服务内容\n\n工会还将新建更多驿站，方便户外劳动者。")
        }
        return files
    }

    /// Writes `files` under `root` (relative path → text; `nil` removes the file).
    static func apply(_ files: [String: String?], to root: URL) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            if let text {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            } else {
                try FileManager.default.removeItem(at: url)
            }
        }
    }

    /// Runs `body` with a source tree of `sources()` and an output folder (`public` in an empty
    /// folder of its own, not made yet); both are removed afterwards.
    static func withTrees(_ body: (_ source: URL, _ output: URL) throws -> Void) throws {
        let source = try makeTree(sources())
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        try body(source, parent.appendingPathComponent("public"))
    }

    /// Builds `source` into a new folder and returns its files.
    static func cleanBuild(_ source: URL) throws -> [String: Data] {
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("clean")
        _ = try Site(loader: testLoader).build(source: source, output: output, options: .init(incremental: false))
        return try outputFiles(output)
    }

    @Test("a rebuild after edits, additions and deletions equals a clean build of the same sources")
    func incrementalEqualsClean() throws {
        try Self.withTrees { source, output in
            let first = try Site(loader: testLoader).build(source: source, output: output)
            #expect(first.written == first.files)

            // Each edit, and whether it leaves most pages as they were (a larger change may be built whole).
            let edits: [(files: [String: String?], small: Bool)] = [
                // A body edited: the article, the lists showing its snippet, its feeds, the search index.
                (["archive/story-7.md": markdownArticle(title: "第7号职工服务站建成", date: "2023-03-17", regions: "宁波市", topics: "职工服务, 产改",
                                                        body: "第7个服务站改为全天开放，并增设了母婴室。")], true),
                // A date changed to another day with stories: the story moves in the site order, and
                // the files are the same but in another order.
                (["archive/story-7.md": markdownArticle(title: "第7号职工服务站建成", date: "2023-03-18", regions: "宁波市", topics: "职工服务, 产改",
                                                        body: "第7个服务站改为全天开放，并增设了母婴室。")], true),
                // A title and a date changed: the story moves in the site order; neighbours' pagers change.
                (["archive/story-12.md": markdownArticle(title: "改名后的服务站", date: "2023-05-02", regions: "杭州市, 萧山区", topics: "产改",
                                                         body: "服务站更名。")], true),
                // A story added in a new region and topic, a story and a page dump deleted.
                (["archive/new.md": markdownArticle(title: "温州新建职工书屋", date: "2023-03-20", regions: "温州市", topics: "思政引领",
                                                    body: "鹿城区总工会新建职工书屋十家。"),
                  "archive/story-3.md": nil, "pages/2023-05-02.txt": nil], false),
                // A page dump edited; a region loses its last story.
                (["pages/2023-05-01.txt": fixtureSources["pages/2023-05-01.txt"]!.replacingOccurrences(of: "今年还将新建10个驿站", with: "今年还将新建20个驿站"),
                  "articles/wuxi.md": nil], false),
                // Two stories whose short slugs collide (these paths and title were found to): the one
                // added second sorts first and takes the short slug, so the other's URL changes, and
                // every page linking to it must follow although its own source did not change.
                (["articles/04210.md": markdownArticle(title: "职工书屋开进工地", date: "2023-03-21", regions: "杭州市", topics: "职工服务",
                                                       body: "杭州市总工会把职工书屋开进了建筑工地。")], true),
                (["articles/02127.md": markdownArticle(title: "职工书屋开进工地", date: "2023-03-22", regions: "杭州市", topics: "职工服务",
                                                       body: "萧山区总工会也把职工书屋开进了建筑工地。")], true),
                // A story longer than a search fragment holds, added, then edited: its old text is not
                // all in its fragment, so the index cannot be changed in place and is built whole
                // while the pages are rendered.
                (["archive/long.md": markdownArticle(title: "劳模工匠口述实录", date: "2023-03-23", regions: "宁波市", topics: "产改",
                                                     body: String(repeating: "一线职工讲述技能成才的经历。", count: 1_800))], false),
                (["archive/long.md": markdownArticle(title: "劳模工匠口述实录", date: "2023-03-23", regions: "宁波市", topics: "产改",
                                                     body: String(repeating: "一线职工讲述技能成才的故事。", count: 1_800))], false),
            ]
            for (edit, small) in edits {
                try Self.apply(edit, to: source)
                let report = try Site(loader: testLoader).build(source: source, output: output)
                let incremental = try outputFiles(output)
                let clean = try Self.cleanBuild(source)
                #expect(differences(incremental, clean) == [], "after editing \(edit.keys.sorted())")
                #expect(report.files == clean.count - 1, "the report counts the site's files (the marker aside)")
                if small { #expect(report.written * 2 < report.files, "a small edit rewrites less than half the site: \(edit.keys.sorted())") }
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
                #expect(leftovers == ["public"])
                // The state's folders in the order its records reach them, as the output check walks them.
                let state = try BuildStateTests.state(in: output)
                #expect(state.folders.map(\.path) == BuildState.folders(of: state.outputs), "after editing \(edit.keys.sorted())")
                #expect(OutputCheck(output, recorded: state.recordedOutputs).wait(), "after editing \(edit.keys.sorted())")
                // The state written with the update (over the old one's bytes) is read back whole.
                #expect(try Site(loader: testLoader).build(source: source, output: output).written == 0, "nothing changed since \(edit.keys.sorted())")
            }
        }
    }

    @Test("only a build whose process exits afterwards leaves its records unfreed; the preview's repeated builds never do")
    func keptUntilExit() throws {
        try Self.withTrees { source, output in
            let kept = KeptUntilExit.count
            _ = try Site(loader: testLoader).build(source: source, output: output.deletingLastPathComponent().appendingPathComponent("default"))
            _ = try MemoryBuild(site: Site(loader: testLoader), source: source).update()
            #expect(KeptUntilExit.count == kept)
            let report = try Site(loader: testLoader).build(source: source, output: output.deletingLastPathComponent().appendingPathComponent("cli"), options: .init(exitsAfterwards: true))
            #expect(KeptUntilExit.count > kept)
            #expect(try outputFiles(output.deletingLastPathComponent().appendingPathComponent("cli")) == (try outputFiles(output.deletingLastPathComponent().appendingPathComponent("default"))))
            #expect(report.written == report.files)
        }
    }

    @Test("a story added with the newest date, and removed again, rewrites no other story's search fragment; each rebuild equals a clean one")
    func newestStoryAddedAndRemoved() throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            /// Each fragment of the search index and the file it is (a file written again is a new one).
            func fragments() throws -> [String: Int] {
                let folder = output.appendingPathComponent("search/docs")
                return try Dictionary(uniqueKeysWithValues: FileManager.default.contentsOfDirectory(atPath: folder.path).map { name in
                    (name, try FileManager.default.attributesOfItem(atPath: folder.path + "/" + name)[.systemFileNumber] as? Int ?? -1)
                })
            }
            let before = try fragments()
            try Self.apply(["archive/newest.md": markdownArticle(title: "今日新建职工驿站", date: "2024-01-01", regions: "温州市", topics: "职工服务",
                                                                 body: "瓯海区总工会新建户外劳动者驿站五家，貔貅牌饮水机同步启用。")], to: source)
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let added = try fragments()
            #expect(added.count == before.count + 1)
            #expect(before.filter { added[$0.key] != $0.value }.keys.sorted() == [], "the other stories' fragments stay as they were")
            #expect(differences(try outputFiles(output), try Self.cleanBuild(source)) == [])

            try Self.apply(["archive/newest.md": nil], to: source)
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let removed = try fragments()
            #expect(removed.count == before.count)
            #expect(removed.filter { added[$0.key] != $0.value }.keys.sorted() == [], "the other stories' fragments stay as they were")
            #expect(differences(try outputFiles(output), try Self.cleanBuild(source)) == [])
        }
    }

    @Test("the user's entries at the top of the output (a published branch's .git, CNAME) are kept by whole builds and updates, and no part of the site")
    func usersEntriesKept() throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let files = FileManager.default
            let userFiles = [".git/HEAD": "ref: refs/heads/gh-pages\n", "CNAME": "news.example.org\n", ".well-known/security.txt": "Contact: x\n"]
            for (path, text) in userFiles {
                try files.createDirectory(at: output.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: output.appendingPathComponent(path))
            }
            func kept(_ when: String) throws {
                for (path, text) in userFiles {
                    #expect(try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) == text, "\(path) \(when)")
                }
                var site = try outputFiles(output)
                for path in userFiles.keys { site[path] = nil }
                #expect(differences(site, try Self.cleanBuild(source)) == [], "\(when)")
            }
            // Nothing else changed: nothing written, the user's files no reason to build again.
            #expect(try Site(loader: testLoader).build(source: source, output: output).written == 0)
            try kept("after a build with nothing to do")
            try Self.apply(["archive/story-7.md": markdownArticle(title: "第7号职工服务站建成", date: "2023-03-17", regions: "宁波市", topics: "产改",
                                                                  body: "第7个服务站改为全天开放。")], to: source)
            #expect(try Site(loader: testLoader).build(source: source, output: output).written > 0)
            try kept("after an update")
            let whole = try Site(loader: testLoader).build(source: source, output: output, options: .init(incremental: false))
            #expect(whole.written == whole.files)
            try kept("after a whole build")
        }
    }

    @Test("an old site a killed build left beside the output is removed, unless it still holds the user's entries; a file left written aside is no user's")
    func strandedUsersEntries() throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let parent = output.deletingLastPathComponent()
            let files = FileManager.default
            // PIDs past any the system gives: builds that are gone.
            let holding = parent.appendingPathComponent(".public.old-99999998"), empty = parent.appendingPathComponent(".public.old-99999999")
            try files.createDirectory(at: holding.appendingPathComponent("articles"), withIntermediateDirectories: true)
            try Data("news.example.org\n".utf8).write(to: holding.appendingPathComponent("CNAME"))
            try files.createDirectory(at: empty.appendingPathComponent("articles"), withIntermediateDirectories: true)
            try Data("aside".utf8).write(to: output.appendingPathComponent("index.html.tmp-99999999"))
            let report = try Site(loader: testLoader).build(source: source, output: output)
            #expect(report.written == report.files, "a file left written aside is UnionPress's: the output is not as left, and is built whole")
            #expect(!files.fileExists(atPath: output.appendingPathComponent("index.html.tmp-99999999").path))
            #expect(files.fileExists(atPath: holding.appendingPathComponent("CNAME").path))
            #expect(!files.fileExists(atPath: empty.path))
        }
    }

    @Test("every file a site makes lies under a name the site may have at the top, so none is taken for the user's")
    func topEntriesCoverTheSite() throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let tops = Set(try outputFiles(output).keys.map { String($0.prefix { $0 != "/" }) })
            #expect(tops.subtracting(SiteModel.topEntries) == [DiskOutput.markerName])
        }
    }

    @Test("an undated story is in its feeds, after the dated ones, with no publication date; a feed with no dated story says it was updated on the site's newest story's date, and follows it when a newer story comes")
    func undatedStoriesInFeeds() throws {
        try Self.withTrees { source, output in
            try Self.apply(["undated/lishui.md": "---\ntitle: 丽水市总工会走访山区职工\nregions: [丽水市]\ntopics: [职工服务]\n---\n\n丽水市总工会走访山区一线职工。\n"], to: source)
            func read(_ feed: String) throws -> String {
                String(decoding: try Data(contentsOf: output.appendingPathComponent(feed)), as: UTF8.self)
            }
            func updated(_ feed: String) throws -> [String] {
                try read(feed).matches(of: #/<updated>([^<]+)</updated>/#).map { String($0.1) }
            }
            func titles(_ feed: String) throws -> [String] {
                try read(feed).matches(of: #/<(?:entry|item)>\n<title>([^<]+)</title>/#).map { String($0.1) }
            }
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let newest = try #require(try updated("feed.xml").first)
            #expect(newest != "1970-01-01T00:00:00+08:00")
            let regionFeed = "regions/lishui-zhejiang/feed.xml"
            #expect(try titles(regionFeed) == ["丽水市总工会走访山区职工"])
            #expect(try updated(regionFeed) == [newest, newest], "the feed and its entry take the site's newest date")
            #expect(try !read(regionFeed).contains("<published>"))
            #expect(try titles("feed.xml").last == "丽水市总工会走访山区职工", "undated stories come last")
            #expect(try titles("rss.xml").last == "丽水市总工会走访山区职工")
            let rssItem = try #require(try read("rss.xml").components(separatedBy: "<item>").last)
            #expect(!rssItem.contains("<pubDate>"))
            let published = try read("feed.xml").matches(of: #/<published>([^<]+)</published>/#).map { String($0.1) }
            #expect(published.count == (try titles("feed.xml").count) - 1, "every story but the undated one has a date")
            #expect(try updated("feed.xml").last == published.min(), "a reader sorting by date keeps the undated story last")

            try Self.apply(["archive/newest.md": markdownArticle(title: "今日新建职工驿站", date: "2024-01-01", regions: "温州市", topics: "产改",
                                                                 body: "瓯海区总工会新建户外劳动者驿站五家。")], to: source)
            _ = try Site(loader: testLoader).build(source: source, output: output)
            #expect(try updated(regionFeed) == ["2024-01-01T00:00:00+08:00", "2024-01-01T00:00:00+08:00"])
            #expect(differences(try outputFiles(output), try Self.cleanBuild(source)) == [])
        }
    }

    /// A page of the paper dated 2023-06-`day` in the page dumps' style: two stories from the
    /// `day`th of eight cities, each with its own headline and body (the first story's opening
    /// paragraph longer than a snippet or a description takes).
    static func page(day: Int) -> String {
        let cities = ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市"]
        let city = cities[(day - 1) % cities.count]
        return """
        2023年6月\(day)日

        浙江工人日报

        \(city)第\(day)批户外劳动者驿站启用

        本报讯 记者王芳报道 近日，\(city)总工会启用第\(day)批户外劳动者驿站共\(day * 3)家，为快递员、外卖骑手提供休息和饮水服务。驿站配备了微波炉、充电桩和图书角，户外劳动者可以在这里喝水、热饭、歇脚，工会还定期组织志愿者上门服务，并为每个驿站配备专门的管理员。

        驿站由工会和社区共建，全天开放。

        \(city)举办第\(day)届职工技能比武

        本报讯 通讯员赵强报道 \(city)总工会日前举办第\(day)届职工技能比武，来自\(day * 10)家企业的职工参赛。

        比赛设电工、焊工等\(day + 2)个项目。
        """
    }

    @Test("an edit of one story on one page dump rewrites the files that story changes, not every story read with the page group")
    func pageDumpStoryEdited() throws {
        let pages = Dictionary(uniqueKeysWithValues: (1...8).map { ("pages/2023-06-0\($0).txt", Self.page(day: $0)) })
        let source = try makeTree(pages)
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        let first = try Site(loader: testLoader).build(source: source, output: output)
        #expect(first.articles == 16)
        let before = try outputFiles(output)

        let edited = "pages/2023-06-03.txt"
        try Self.apply([edited: pages[edited]!.replacingOccurrences(of: "全天开放。", with: "全天开放，并配备了急救箱。")], to: source)
        let report = try Site(loader: testLoader).build(source: source, output: output)
        let after = try outputFiles(output)
        #expect(differences(after, try Self.cleanBuild(source)) == [])
        let changed = differences(after, before)
        // One story's page, its search fragment and the index files its words are in; no other
        // story's page, and only the files whose bytes changed are written.
        #expect(changed.filter { $0.hasPrefix("articles/") }.count == 1, "\(changed)")
        #expect(report.written == changed.count, "\(report.written) written for \(changed.count) changed: \(changed)")
        #expect(report.written * 2 < report.files)

        // A new day's page added, then one removed: each rebuild equals a clean one.
        try Self.apply(["pages/2023-06-09.txt": Self.page(day: 9)], to: source)
        #expect(try Site(loader: testLoader).build(source: source, output: output).articles == 18)
        #expect(differences(try outputFiles(output), try Self.cleanBuild(source)) == [])
        try Self.apply(["pages/2023-06-01.txt": nil], to: source)
        #expect(try Site(loader: testLoader).build(source: source, output: output).articles == 16)
        #expect(differences(try outputFiles(output), try Self.cleanBuild(source)) == [])
    }

    @Test("a rebuild with nothing changed reads no source and writes nothing")
    func noChange() throws {
        try Self.withTrees { source, output in
            let first = try Site(loader: testLoader).build(source: source, output: output)
            let before = try outputFiles(output)
            let again = try Site(loader: testLoader).build(source: source, output: output)
            #expect(again.written == 0)
            #expect(again.files == first.files)
            #expect(again.articles == first.articles)
            #expect(again.warnings == first.warnings)
            #expect(try outputFiles(output) == before)
        }
    }

    @Test("sources written again with the same bytes (a fresh checkout) change no file, and the build after reads none of them")
    func sameBytesNewStamps() throws {
        try Self.withTrees { source, output in
            let first = try Site(loader: testLoader).build(source: source, output: output)
            let before = try outputFiles(output)
            // Every source written anew, as a checkout does: new stamps, the same bytes.
            let files = try SourceFile.list(under: source)
            for file in files {
                let bytes = try Data(contentsOf: file.url)
                try FileManager.default.removeItem(at: file.url)
                try bytes.write(to: file.url)
            }
            // Stamps taken within the file system's clock step of the listing are not trusted (see
            // `FileStamp.isRecent`): the listing that records them comes later.
            Thread.sleep(forTimeInterval: 2.1)
            let again = try Site(loader: testLoader).build(source: source, output: output)
            #expect(again.written == 0)
            #expect(again.files == first.files)
            #expect(again.warnings == first.warnings)
            #expect(try outputFiles(output) == before)
            // The new stamps were kept: nothing is read, nothing written.
            let survey = try Site.survey(source: source, output: output, baseURL: nil, options: Site.Options(), info: Site.defaultInfo,
                                         loaderData: testLoader.dataFingerprint)
            #expect(survey.upToDate != nil)
        }
    }

    @Test("a file edited or added in the output by hand is put right by the next build")
    func tamperedOutput() throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let clean = try outputFiles(output)
            try Data("edited".utf8).write(to: output.appendingPathComponent("index.html"))
            try Data("stray".utf8).write(to: output.appendingPathComponent("articles/stray.html"))
            _ = try Site(loader: testLoader).build(source: source, output: output)
            #expect(differences(try outputFiles(output), clean) == [])
        }
    }

    @Test("an update rendered before the check finds the output edited by hand is thrown away, and the site built whole",
          arguments: [false, true])
    func updateOnTamperedOutput(shardsGarbled: Bool) throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            try Self.apply(["archive/story-7.md": markdownArticle(title: "第7号职工服务站建成", date: "2023-03-17", regions: "宁波市",
                                                                  topics: "职工服务, 产改", body: "第7个服务站改为全天开放。")], to: source)
            try Data("edited".utf8).write(to: output.appendingPathComponent("index.html"))
            if shardsGarbled {
                // Every shard of the search index the same size, its bytes garbled: the update reads
                // the shards of the edited story's tokens before anything says the output changed,
                // and must neither fail nor let them through.
                let search = output.appendingPathComponent("search")
                for name in try FileManager.default.contentsOfDirectory(atPath: search.path) where name.hasSuffix(".bin") {
                    let url = search.appendingPathComponent(name)
                    try Data(repeating: 0xFF, count: try Data(contentsOf: url).count).write(to: url)
                }
            }
            // Checked only when its answer is needed: the update is rendered first.
            var options = Site.Options()
            options.checksOutputAhead = false
            let report = try Site(loader: testLoader).build(source: source, output: output, options: options)
            #expect(differences(try outputFiles(output), try Self.cleanBuild(source)) == [])
            #expect(report.written == report.files, "built whole")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            #expect(leftovers == ["public"])
        }
    }

    @Test("an update whose output check fails has changed nothing in the output")
    func updateWritesNothingBeforeTheCheck() throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            // The edited story's page is one the update writes over in place.
            try Self.apply(["archive/story-7.md": markdownArticle(title: "第7号职工服务站建成", date: "2023-03-17", regions: "宁波市",
                                                                  topics: "职工服务, 产改", body: "第7个服务站改为全天开放。")], to: source)
            try Data("edited".utf8).write(to: output.appendingPathComponent("index.html"))
            let state = try Data(contentsOf: output.appendingPathComponent(DiskOutput.stateName))
            let before = try outputFiles(output)
            var options = Site.Options()
            (options.checksOutputAhead, options.buildsWholeAfterAFailedCheck) = (false, false)
            #expect(throws: BuildError.self) { try Site(loader: testLoader).build(source: source, output: output, options: options) }
            #expect(differences(try outputFiles(output), before) == [])
            #expect(try Data(contentsOf: output.appendingPathComponent(DiskOutput.stateName)) == state)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            #expect(leftovers == ["public"])
        }
    }

    @Test("an update left half done (a journal in the output) makes the next build a whole one")
    func interruptedUpdate() throws {
        try Self.withTrees { source, output in
            let first = try Site(loader: testLoader).build(source: source, output: output)
            try Data("interrupted".utf8).write(to: output.appendingPathComponent(DiskOutput.journalName))
            let again = try Site(loader: testLoader).build(source: source, output: output)
            #expect(again.written == first.written)
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(DiskOutput.journalName).path))
        }
    }

    @Test("a failed incremental build leaves the previous site complete and unchanged")
    func failedIncrementalBuild() throws {
        try Self.withTrees { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let before = try outputFiles(output)
            try Self.apply(["archive/story-1.md": "---\ntitle: [\n---\n"], to: source)
            #expect(throws: BuildError.self) { try Site(loader: testLoader).build(source: source, output: output) }
            #expect(try outputFiles(output) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path) == ["public"])
        }
    }

    @Test("render-to-memory renders every file and touches no folder")
    func renderToMemory() throws {
        try Self.withTrees { source, output in
            let report = try Site(loader: testLoader).build(source: source, output: output, options: .init(renderToMemory: true))
            #expect(!FileManager.default.fileExists(atPath: output.path))
            #expect(report.files == (try Self.cleanBuild(source)).count - 1)
            #expect(report.written == report.files)
        }
    }

    @Test("a build into a new folder equals the in-memory render of the same sources")
    func diskEqualsMemory() throws {
        try Self.withTrees { source, output in
            let memory = MemoryOutput()
            let loaded = try testLoader.load(source: source)
            _ = try SiteRenderer(site: Site.defaultInfo).render(loaded.articles, into: memory)
            var disk = try Self.cleanBuild(source)
            disk[DiskOutput.markerName] = nil
            #expect(differences(disk, memory.snapshot) == [])
        }
    }
}

@Suite("Build state")
struct BuildStateTests {
    @Test("an article survives the state's encoding, every stored property of it")
    func articleRoundTrip() throws {
        let article = Article(
            slug: Slug("zhi-gong-abc123")!, headline: Headline(column: "栏目", kicker: "引题", title: "主题", subtitle: "副题"),
            byline: Byline(reporters: ["王芳"], correspondents: ["李明", "赵强"], photographers: ["陈东"]), attribution: "江苏工人报",
            kind: .photo, date: EditionDate(year: 2023, month: 5, day: 1), edition: Edition(newspaper: "浙江工人日报", number: 12001, page: 3),
            regions: [Region(name: "上虞区", slug: "shangyu", level: .county, parent: "绍兴市")], topics: [Topic(name: "产改", slug: "chan-gai")],
            body: .blocks([.paragraph("正文"), .subheading("小标题"), .caption("图说")]),
            source: SourceSpan(file: "pages/a.txt", firstLine: 3, lastLine: 9),
            permalink: Permalink(fixedSlugLine: 4, aliases: [Slug("old-one")!, Slug("old-two")!], aliasesLine: 5, file: "pages/a.yml"))
        // The fields, not the article: an article holds them in one shared box.
        #expect(Mirror(reflecting: article.storage.fields).children.count == StateCoding.articleProperties)
        #expect(Mirror(reflecting: article.permalink).children.count == StateCoding.permalinkProperties)
        var writer = StateWriter()
        StateCoding.write(&writer, article: article)
        StateCoding.write(&writer, article: article)
        // Read twice with one interner: the second time its shared texts are the ones kept.
        var reader = StateReader(writer.bytes)
        let interner = StringInterner()
        #expect(try StateCoding.readArticle(&reader, interner: interner) == article)
        #expect(try StateCoding.readArticle(&reader, interner: interner) == article)
        #expect(reader.isAtEnd)
        // Read with its source's path, and with another: the span's path is the one written either way.
        for file in ["pages/a.txt", "pages/b.txt", ""] {
            var reader = StateReader(writer.bytes)
            #expect(try StateCoding.readArticle(&reader, interner: interner, file: file) == article, "\(file)")
        }
    }

    @Test("an article's fingerprint is that of what the state writes of it: the same read back, another for any property changed")
    func articleFingerprint() throws {
        let article = Article(
            slug: Slug("zhi-gong-abc123")!, headline: Headline(column: "栏目", kicker: nil, title: "主题", subtitle: nil),
            byline: Byline(reporters: ["王芳"], correspondents: [], photographers: []), attribution: nil,
            kind: .news, date: EditionDate(year: 2023, month: 5, day: 1), edition: Edition(newspaper: "浙江工人日报", number: 12001, page: 3),
            regions: [Region(name: "上虞区", slug: "shangyu", level: .county, parent: "绍兴市")], topics: [Topic(name: "产改", slug: "chan-gai")],
            body: .blocks([.paragraph("正文第一段"), .paragraph("正文第二段")]),
            source: SourceSpan(file: "pages/a.txt", firstLine: 3, lastLine: 9))
        var writer = StateWriter()
        StateCoding.write(&writer, article: article)
        var reader = StateReader(writer.bytes)
        let readBack = try StateCoding.readArticle(&reader, interner: StringInterner())
        #expect(StateCoding.fingerprint(of: readBack) == StateCoding.fingerprint(of: article))
        var changes: [String: Article] = [:]
        changes["title"] = { var changed = article; changed.headline.title = "主题二"; return changed }()
        changes["body"] = { var changed = article; changed.body = .blocks([.paragraph("正文第一段"), .paragraph("正文第二段。")]); return changed }()
        changes["reporters"] = { var changed = article; changed.byline.reporters = ["王芳", "李明"]; return changed }()
        changes["date"] = { var changed = article; changed.date = EditionDate(year: 2023, month: 5, day: 2); return changed }()
        changes["regions"] = { var changed = article; changed.regions = []; return changed }()
        changes["lines"] = { var changed = article; changed.source = SourceSpan(file: "pages/a.txt", firstLine: 4, lastLine: 10); return changed }()
        var fingerprints = Set([StateCoding.fingerprint(of: article)])
        for (property, changed) in changes.sorted(by: { $0.key < $1.key }) {
            #expect(fingerprints.insert(StateCoding.fingerprint(of: changed)).inserted, "\(property)")
        }
    }

    @Test("a string read reusing a known one is the text written, whether or not the known one matches")
    func stringReusingKnown() throws {
        var writer = StateWriter()
        for text in ["articles/a.md", "articles/a.md", "", "报道/第一版.txt"] { writer.string(text) }
        var reader = StateReader(writer.bytes)
        #expect(try reader.string(reusing: "articles/a.md") == "articles/a.md")
        #expect(try reader.string(reusing: "articles/a.m") == "articles/a.md")
        #expect(try reader.string(reusing: "x") == "")
        #expect(try reader.string(reusing: "") == "报道/第一版.txt")
        #expect(reader.isAtEnd)
    }

    @Test("the interner gives each text's string, the same for the same bytes, as String(decoding:) would")
    func internerMakesEachText() {
        let interner = StringInterner()
        func interned(_ bytes: [UInt8]) -> String { bytes.withUnsafeBufferPointer { interner.string($0) } }
        let texts = ["绍兴市", "shaoxing", "", "产改", "chan-gai", String(repeating: "长", count: 40)]
        for _ in 0..<3 {
            for text in texts { #expect(interned(Array(text.utf8)) == text) }
        }
        // Bytes that are not UTF-8 are repaired the way a string made from them is; a prefix or an
        // extension of a kept text is its own text.
        let broken: [UInt8] = [0xE7, 0xBB, 0x8D, 0xFF, 0x41]
        #expect(interned(broken) == String(decoding: broken, as: UTF8.self))
        #expect(interned(broken) == String(decoding: broken, as: UTF8.self))
        #expect(interned(Array("绍兴".utf8)) == "绍兴")
        #expect(interned(Array("shaoxing-shi".utf8)) == "shaoxing-shi")
        // Past its capacity it still gives the right texts, kept or not.
        for number in 0..<(StringInterner.capacity + 200) { #expect(interned(Array("区\(number)".utf8)) == "区\(number)") }
        for text in texts { #expect(interned(Array(text.utf8)) == text) }
    }

    @Test("the search ledger survives the state's encoding: shared, distinct, repeated and no filters")
    func ledgerRoundTrip() throws {
        let ledger = SearchIndex.Ledger(entries: [
            .init(key: 1, length: 120, headlineLength: 2, filters: ["r:hangzhou", "t:chan-gai"]),
            .init(key: 2, length: 0, headlineLength: 0, filters: []),
            .init(key: 3, length: 77, headlineLength: 20, filters: ["t:chan-gai", "r:ningbo", "r:hangzhou"]),
            .init(key: .max, length: 5, headlineLength: 9, filters: ["r:ningbo", "r:ningbo"]),
        ])
        var writer = StateWriter()
        StateCoding.write(&writer, ledger: ledger)
        var reader = StateReader(writer.bytes)
        #expect(try StateCoding.readLedger(&reader) == ledger)
        #expect(reader.isAtEnd)
    }

    @Test("a ledger read from a state, changed in part, writes back the table it read, new filters added after it")
    func ledgerReadThenChanged() throws {
        let first = SearchIndex.Ledger(entries: [
            .init(key: 1, length: 10, headlineLength: 15, filters: ["r:hangzhou", "t:chan-gai"]),
            .init(key: 2, length: 20, headlineLength: 27, filters: ["r:ningbo"]),
            .init(key: 3, length: 30, headlineLength: 10, filters: ["t:chan-gai"]),
        ])
        var writer = StateWriter()
        StateCoding.write(&writer, ledger: first)
        var reader = StateReader(writer.bytes)
        var read = try StateCoding.readLedger(&reader)
        // Written again as read: the same bytes.
        var again = StateWriter()
        StateCoding.write(&again, ledger: read)
        #expect(again.bytes == writer.bytes)
        // One entry replaced, another's filters changed in place, one appended.
        read.entries[0] = .init(key: 9, length: 11, headlineLength: 22, filters: ["r:wenzhou", "r:hangzhou"])
        read.entries[2].filters = ["r:ningbo", "t:jian-hui"]
        read.entries.append(.init(key: 4, length: 40, headlineLength: 22, filters: ["t:jian-hui", "t:chan-gai"]))
        var changed = StateWriter()
        StateCoding.write(&changed, ledger: read)
        var changedReader = StateReader(changed.bytes)
        let reread = try StateCoding.readLedger(&changedReader)
        #expect(reread == read)
        #expect(reread.entries.map(\.filters) == [["r:wenzhou", "r:hangzhou"], ["r:ningbo"], ["r:ningbo", "t:jian-hui"], ["t:jian-hui", "t:chan-gai"]])
        // The table read comes first, each new filter once after it.
        #expect(reread.filterTable == ["r:hangzhou", "t:chan-gai", "r:ningbo", "r:wenzhou", "t:jian-hui"])
        #expect(changedReader.isAtEnd)
    }

    @Test("an entry moved from a ledger read from another state has its filters looked up, not numbered by the other table")
    func ledgerEntryMoved() throws {
        func readBack(_ ledger: SearchIndex.Ledger) throws -> SearchIndex.Ledger {
            var writer = StateWriter()
            StateCoding.write(&writer, ledger: ledger)
            var reader = StateReader(writer.bytes)
            return try StateCoding.readLedger(&reader)
        }
        // Two states whose tables number the same filters differently.
        let first = try readBack(SearchIndex.Ledger(entries: [.init(key: 1, length: 10, headlineLength: 15, filters: ["r:hangzhou", "t:chan-gai"])]))
        var second = try readBack(SearchIndex.Ledger(entries: [.init(key: 2, length: 20, headlineLength: 27, filters: ["t:chan-gai", "r:ningbo"]),
                                                                .init(key: 3, length: 30, headlineLength: 10, filters: ["r:hangzhou"])]))
        second.entries.append(first.entries[0])
        // A ledger made of read entries has no table of its own: every filter is looked up.
        let made = SearchIndex.Ledger(entries: first.entries + second.entries)
        for ledger in [second, made] {
            let reread = try readBack(ledger)
            #expect(reread == ledger)
            #expect(reread.entries.map(\.filters) == ledger.entries.map(\.filters))
        }
    }

    /// The state in `output`, read as the program that wrote it reads it (`details` as for `BuildState.read`).
    static func state(in output: URL, details: Bool = false) throws -> BuildState {
        try #require(BuildState.read(from: output, generator: try recordedGenerator(in: output), details: details))
    }

    /// The generator the state file in `output` records (this program's: read after the magic and the version).
    static func recordedGenerator(in output: URL) throws -> UInt64 {
        var header = StateReader(Array(try Data(contentsOf: output.appendingPathComponent(DiskOutput.stateName))))
        for _ in 0...BuildState.magic.count { _ = try header.unsigned() }
        return try header.fixed()
    }

    /// The site of `IncrementalBuildTests.sources()` built into a new folder: the source folder, the
    /// folder holding the output (both for the caller to remove), the output, the bytes of its build
    /// state and the generator recorded in it.
    static func builtSite() throws -> (source: URL, parent: URL, output: URL, stateBytes: Data, generator: UInt64) {
        let source = try makeTree(IncrementalBuildTests.sources())
        let parent = try makeTree([:])
        do {
            let output = parent.appendingPathComponent("public")
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let bytes = try Data(contentsOf: output.appendingPathComponent(DiskOutput.stateName))
            return (source, parent, output, bytes, try recordedGenerator(in: output))
        } catch {
            try? FileManager.default.removeItem(at: source)
            try? FileManager.default.removeItem(at: parent)
            throw error
        }
    }

    @Test("what each source gave is read only when asked for, and an unchanged source is written back as it was read")
    func detailsLater() throws {
        let (source, parent, output, bytes, generator) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }

        let whole = try #require(BuildState.read(from: output, generator: generator))
        var summary = try #require(BuildState.read(from: output, generator: generator, details: false))
        #expect(summary.sources.map(\.relativePath) == whole.sources.map(\.relativePath))
        #expect(summary.sources.allSatisfy { $0.result.articles.isEmpty }, "nothing of what the sources gave is read yet")
        #expect(summary.outputs.isEmpty && summary.folders.isEmpty, "nor the outputs and folders as records")
        #expect(summary.outputCount == whole.outputs.count && !whole.outputs.isEmpty)
        let recorded = summary.recordedOutputs.decoded()
        #expect(recorded.outputs == whole.outputs && recorded.folders == whole.folders, "which read as the records they are")
        #expect(whole.search != nil && whole.related != nil)
        #expect(summary.search == nil && summary.related == nil, "nor the search ledger and the related stories")
        #expect(summary.encoded() == Array(bytes), "unread sources, ledger and related stories are written back from the bytes read")
        let detailsRead = summary.readDetails()
        #expect(detailsRead)
        #expect(summary.search == whole.search)
        #expect(summary.related?.items == whole.related?.items && summary.related?.starts == whole.related?.starts
                && summary.related?.lists == whole.related?.lists)
        #expect(summary.sources.map(\.result.articles) == whole.sources.map(\.result.articles))
        #expect(summary.sources.map(\.digests) == whole.sources.map(\.digests))
        #expect(summary.outputs == whole.outputs && summary.folders == whole.folders)
        #expect(summary.encoded() == Array(bytes), "written back byte for byte")

        // A source changed is encoded again, and reads back as changed.
        var changed = whole
        changed.sources[0].digests = changed.sources[0].digests.map { _ in BodyDigest(snippet: "新", description: "新。") }
        #expect(changed.sources[0].encoded == nil)
        // Copied out first: `whole` reads the state's file, which is written over (as an update does).
        let unchanged = whole.sources.dropFirst().map { $0.digests.map { BodyDigest(snippet: $0.snippet, description: $0.description) } }
        try Data(changed.encoded()).write(to: output.appendingPathComponent(DiskOutput.stateName))
        let reread = try #require(BuildState.read(from: output, generator: generator))
        #expect(reread.sources[0].digests == changed.sources[0].digests)
        #expect(reread.sources.dropFirst().map(\.digests) == unchanged)
    }

    @Test("a state of more outputs than one encoded part holds reads back whole, in order")
    func manyOutputs() throws {
        let (source, parent, output, _, generator) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        var state = try #require(BuildState.read(from: output, generator: generator))
        // Two and a half parts' worth, every field varied (negative times, large inodes, each group).
        let groups: [OutputRecord.Group] = [.page, .search, .asset]
        state.outputs = (0..<20_500).map { index in
            OutputRecord(path: "articles/p\(index)/index.html", group: groups[index % 3], fingerprint: UInt64(index) &* 0x9E37_79B9_7F4A_7C15,
                         contentHash: ~UInt64(index), size: index * 37, modified: index % 7 == 0 ? -1 : Int64(index) * 1_000_003,
                         inode: UInt64(index) << 40)
        }
        state.folders = (0..<3).map { BuildState.Folder(path: "articles/p\($0)", modified: Int64($0) - 1) }
        // The header, two halves of the sources (each one run kept from the file read), the settings,
        // three runs of outputs, the folders, the rest.
        #expect(state.encodedParts().count == 1 + 2 + 1 + 3 + 1 + 1)
        try Data(state.encoded()).write(to: output.appendingPathComponent(DiskOutput.stateName))
        let reread = try #require(BuildState.read(from: output, generator: generator))
        #expect(reread.outputs == state.outputs)
        #expect(reread.folders.map(\.path) == state.folders.map(\.path))
        #expect(reread.folders.map(\.modified) == state.folders.map(\.modified))
        #expect(reread.search == state.search)
        #expect(reread.articleCount == state.articleCount)
        #expect(reread.sources.map(\.result.articles) == state.sources.map(\.result.articles))
    }

    @Test("the state encoded in two steps, the outputs and folders last, is the state encoded at once",
          arguments: [0, 1, 8192, 8193])
    func encodedInTwoSteps(outputCount: Int) throws {
        let (source, parent, output, _, generator) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        var state = try #require(BuildState.read(from: output, generator: generator))
        let early = state.encodedPartsAwaitingOutputs()
        // The outputs and folders change after the rest was encoded, as a build's stamps do.
        state.outputs = (0..<outputCount).map { index in
            OutputRecord(path: "p\(index)/index.html", group: .page, fingerprint: UInt64(index), contentHash: ~UInt64(index),
                         size: index, modified: Int64(index), inode: UInt64(index))
        }
        state.folders = (0..<min(outputCount, 3)).map { BuildState.Folder(path: "p\($0)", modified: Int64($0)) }
        #expect(StatePiece.joined(early.with(outputs: state.outputs, folders: state.folders)) == state.encoded())
        try Data(state.encoded()).write(to: output.appendingPathComponent(DiskOutput.stateName))
        let reread = try #require(BuildState.read(from: output, generator: generator))
        #expect(reread.outputs == state.outputs)
        #expect(reread.folders.map(\.path) == state.folders.map(\.path))
    }

    @Test("an update's state keeps the output records and folders it left as they were as the state file holds them, and is the state encoded afresh",
          arguments: [false, true])
    func outputsKeptFromTheFile(lastRecordLonger: Bool) throws {
        let (source, parent, output, _, generator) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        // The previous state with its outputs decoded from the file, as an update reads it.
        var previous = try #require(BuildState.read(from: output, generator: generator, details: false))
        let detailsRead = previous.readDetails()
        #expect(detailsRead)
        var records = previous.outputs
        try #require(records.count > 8)
        // A file written again (new stamp), a page rendered again to the same bytes (new fingerprint).
        records[2].modified += 1_000_000_007
        records[2].inode = 1_234_567
        records[5].fingerprint ^= 1
        if lastRecordLonger { records[records.count - 1].size += 1 << 30 }
        // A folder whose entries changed (a new time).
        var folders = previous.folders
        try #require(folders.count > 3)
        folders[1].modified += 1_000_000_007
        let early = previous.encodedPartsAwaitingOutputs()
        var fresh = previous
        fresh.outputs = records
        fresh.folders = folders
        let kept = early.with(outputs: records, folders: folders, keptFrom: previous)
        #expect(StatePiece.joined(kept) == fresh.encoded())
        func keptCount(_ pieces: [StatePiece]) -> Int { pieces.count { if case .kept = $0 { true } else { false } } }
        let encoded = early.with(outputs: records, folders: folders)
        #expect(keptCount(kept) == keptCount(encoded) + 3 + 2,
                "the records before, between and after those changed, and the folders before and after the one changed, one piece each")
        // Outputs and folders changed since they were decoded are not matched with the file's bytes.
        #expect(keptCount(early.with(outputs: records, folders: folders, keptFrom: fresh)) == keptCount(encoded))
    }

    /// The sources' pieces of `state`: the pieces after the header, up to the settings.
    static func sourcePieces(_ state: BuildState) -> [StatePiece] {
        let length = sourcesLength(state)
        var (pieces, total) = ([StatePiece](), 0)
        for piece in state.encodedParts().dropFirst() where total < length {
            pieces.append(piece)
            total += piece.count
        }
        return pieces
    }

    /// The length of `state`'s sources as encoded (the header gives it).
    static func sourcesLength(_ state: BuildState) -> Int {
        var header = StateReader(state.encoded())
        for _ in 0...BuildState.magic.count { _ = try? header.unsigned() }
        _ = try? header.fixed()
        _ = try? header.optionalString()
        _ = try? header.count()
        return (try? header.count()) ?? -1
    }

    /// Writes `state` over the state file in `output` in place, as an update does; returns the bytes written.
    static func writeInPlace(_ state: BuildState, in output: URL) throws -> Int {
        let path = output.appendingPathComponent(DiskOutput.stateName).path
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let pieces = state.encodedParts()
        let written = try #require(StatePiece.write(pieces, to: descriptor, inPlace: true))
        try #require(ftruncate(descriptor, off_t(StatePiece.byteCount(pieces))) == 0)
        return written
    }

    @Test("a state read from its file is written back from it: its sources are pieces of the file, and over that file in place they are not written at all")
    func sourcesKeptFromTheFile() throws {
        let (source, parent, output, bytes, generator) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let state = try #require(BuildState.read(from: output, generator: generator))
        let sources = Self.sourcePieces(state)
        #expect(sources.count == 2, "each half of the sources one piece")
        #expect(sources.allSatisfy { if case .kept = $0 { true } else { false } }, "kept from the file, not copied")
        let sourcesLength = Self.sourcesLength(state)
        #expect(StatePiece.byteCount(sources) == sourcesLength)
        let written = try Self.writeInPlace(state, in: output)
        #expect(written == bytes.count - sourcesLength, "everything but the sources written")
        #expect(try Data(contentsOf: output.appendingPathComponent(DiskOutput.stateName)) == bytes)
    }

    @Test("a source changed in place: the sources before it are left where they lie, those after it written again only when they moved; the file is the state encoded afresh",
          arguments: ["same length", "longer", "shorter"])
    func sourceChangedInPlace(change: String) throws {
        let (source, parent, output, bytes, generator) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        var state = try #require(BuildState.read(from: output, generator: generator))
        let middle = state.sources.count / 2 + 3
        let before = state.sources[middle].stamp
        switch change {
        case "same length": state.sources[middle].stamp.size += 1
        case "longer": state.sources[middle].digests = state.sources[middle].digests.map { _ in BodyDigest(snippet: String(repeating: "长", count: 300), description: "长。") }
        default: state.sources[middle].digests = state.sources[middle].digests.map { _ in BodyDigest(snippet: "短", description: "短。") }
        }
        #expect(state.sources[middle].record == nil, "a change forgets the source's bytes")
        #expect(state.sources[middle].stamp != before || change != "same length")
        // The bytes a fresh encoding gives, and the digests, copied out before the file (which
        // `state` reads, mapped) is written over, as an update does.
        let expected = state.encoded()
        let digests = state.sources.map { $0.digests.map { BodyDigest(snippet: $0.snippet, description: $0.description) } }
        #expect(expected != Array(bytes))
        let written = try Self.writeInPlace(state, in: output)
        #expect(try Data(contentsOf: output.appendingPathComponent(DiskOutput.stateName)) == Data(expected))
        let sourcesLength = Self.sourcesLength(state)
        if change == "same length" {
            #expect(written < expected.count - sourcesLength + 2_000, "only the changed source among the sources written")
        } else {
            #expect(written > expected.count - sourcesLength + 2_000, "the sources after it moved, and were written")
            #expect(written < expected.count, "the sources before it were not")
        }
        let reread = try #require(BuildState.read(from: output, generator: generator))
        #expect(reread.sources.map(\.digests) == digests)
        #expect(reread.sources.map(\.stamp) == state.sources.map(\.stamp))
    }

    @Test("pieces kept from one file are written whole into another")
    func keptPiecesIntoAnotherFile() throws {
        let (source, parent, output, bytes, generator) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let state = try #require(BuildState.read(from: output, generator: generator))
        let other = parent.appendingPathComponent("other-state").path
        let descriptor = open(other, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0)
        let written = StatePiece.write(state.encodedParts(), to: descriptor, inPlace: true)
        close(descriptor)
        #expect(written == bytes.count, "another file is written whole, though asked to write in place")
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == bytes)
    }

    @Test("the output is intact until a file is edited, added or removed at any depth, or a folder at the top is swapped for a link",
          arguments: ["none", "root file", "deep file", "stray file", "journal left", "user's top file", "removed file", "linked top folder"])
    func outputChecked(tampering: String) throws {
        let (source, parent, output, _, generator) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let state = try #require(BuildState.read(from: output, generator: generator))
        let files = FileManager.default
        let article = try #require(state.outputs.first { $0.path.hasPrefix("articles/") && $0.path.hasSuffix("/index.html") }).path
        // Changes within the clock's step are seen too: the same size and a later time, or a new inode.
        Thread.sleep(forTimeInterval: 0.05)
        switch tampering {
        case "root file": try Data(repeating: UInt8(ascii: "x"), count: 10).write(to: output.appendingPathComponent("robots.txt"))
        case "deep file":
            let url = output.appendingPathComponent(article)
            try Data(repeating: UInt8(ascii: "x"), count: try Data(contentsOf: url).count).write(to: url)
        case "journal left": try Data().write(to: output.appendingPathComponent(DiskOutput.journalName))
        // No name of the site's: the user's, no part of it (a published branch's CNAME).
        case "user's top file": try Data("news.example.org".utf8).write(to: output.appendingPathComponent("CNAME"))
        case "stray file": try Data("stray".utf8).write(to: output.appendingPathComponent(article).deletingLastPathComponent().appendingPathComponent("stray.html"))
        case "removed file": try files.removeItem(at: output.appendingPathComponent(article))
        case "linked top folder":
            let articles = output.appendingPathComponent("articles")
            try files.moveItem(at: articles, to: parent.appendingPathComponent("articles-moved"))
            try files.createSymbolicLink(at: articles, withDestinationURL: parent.appendingPathComponent("articles-moved"))
        default: break
        }
        // The check gives the same answer whether the thread waiting for it checks runs of its
        // own or not, in runs of one record or of many.
        for runLength in [1, 3, 512] {
            let waited = OutputCheck(output, recorded: state.recordedOutputs, runLength: runLength)
            let intact = tampering == "none" || tampering == "user's top file"
            #expect(waited.wait(helping: false) == intact, "runs of \(runLength), not helping")
            #expect(waited.wait() == intact, "runs of \(runLength), asked again")
            let helped = OutputCheck(output, recorded: state.recordedOutputs, runLength: runLength)
            #expect(helped.wait() == intact, "runs of \(runLength), helping")
            // With no thread of its own, the thread that waits checks every run.
            let alone = OutputCheck(output, recorded: state.recordedOutputs, runLength: runLength, inBackground: false)
            #expect(alone.wait() == intact, "runs of \(runLength), with no thread of its own")
        }
    }

    @Test("the folders of the outputs are every folder above every file, each once, in the order the files reach them, each before those inside it")
    func foldersOfOutputs() {
        let records = ["index.html", "articles/a/index.html", "search/docs/1.json", "articles/b/index.html",
                       "报道/第一/1.html", "search/index-0.bin", "a/b/c/d.html", "a/x.html"]
            .map { OutputRecord(path: $0, group: .page, fingerprint: 0, contentHash: 0, size: 0, modified: 0, inode: 0) }
        #expect(BuildState.folders(of: records) == ["articles", "articles/a", "search", "search/docs", "articles/b",
                                                     "报道", "报道/第一", "a", "a/b", "a/b/c"])
        #expect(BuildState.folders(of: []) == [])
    }

    @Test("the output check walks the records and their folders side by side, and refuses folders in any other order")
    func folderPositions() {
        let records = ["index.html", "articles/a/index.html", "articles/b/index.html", "a/b/c.html", "a/b/d.html", "a/e/f.html", "z.html"]
            .map { OutputRecord(path: $0, group: .page, fingerprint: 0, contentHash: 0, size: 0, modified: 0, inode: 0) }
        let folders = BuildState.folders(of: records).map { BuildState.Folder(path: $0, modified: 0) }
        #expect(folders.map(\.path) == ["articles", "articles/a", "articles/b", "a", "a/b", "a/e"])
        func positions(_ folders: [BuildState.Folder], every run: Int) -> [Int]? {
            RecordedOutputs(outputs: records, folders: folders).folderPositions(every: run)
        }
        // Runs of two records begin at the first folder, the third, the sixth and past the last.
        #expect(positions(folders, every: 2) == [0, 2, 5, 6])
        #expect(positions(folders, every: 100) == [0])
        // Sorted by path, as an older state kept them; two swapped; one above no record; a name that only begins like a folder's.
        #expect(positions(folders.sorted { $0.path < $1.path }, every: 2) == nil)
        #expect(positions([folders[0], folders[2], folders[1]] + folders[3...], every: 2) == nil)
        #expect(positions(folders + [BuildState.Folder(path: "b", modified: 0)], every: 2) == nil)
        func isFolder(_ folder: String, above path: String) -> Bool {
            Array(folder.utf8).withUnsafeBufferPointer { folder in
                Array(path.utf8).withUnsafeBufferPointer { RecordedOutputs.isFolder(folder, above: $0) }
            }
        }
        #expect(!isFolder("articles/a", above: "articles/ab/index.html"))
        #expect(isFolder("articles/a", above: "articles/a/index.html"))
        #expect(!isFolder("articles/a", above: "articles/a"))
    }

    @Test("the output's top entries are the marker, the state and the first parts of the recorded paths, no more")
    func topEntries() {
        func records(_ paths: [String]) -> [OutputRecord] {
            paths.map { OutputRecord(path: $0, group: .page, fingerprint: 0, contentHash: 0, size: 0, modified: 0, inode: 0) }
        }
        func allTopNamed(_ names: [String], _ records: [OutputRecord]) -> Bool {
            RecordedOutputs(outputs: records, folders: []).allTopNamed(names)
        }
        let made = records(["a/x.html", "a/b/y.html", "ab/z.html", "index.html", "报道/1.html", "a/c.html"])
        let both = [DiskOutput.markerName, DiskOutput.stateName]
        #expect(allTopNamed(both + ["a", "ab", "index.html", "报道"], made))
        #expect(allTopNamed(both + ["a"], made))
        // A name the site may have at the top that no output lies in; UnionPress's own journal.
        #expect(!allTopNamed(both + ["a", "editions"], made))
        #expect(!allTopNamed(both + ["index.html"], records(["ab/z.html"])))
        #expect(!allTopNamed(both + [DiskOutput.journalName], made))
        // The user's: no name of the site's.
        #expect(allTopNamed(both + ["a", "CNAME", ".git", "报"], made))
        #expect(allTopNamed(both, []))
    }

    @Test("each source listed is matched with the one the state recorded for its path, added and removed ones aside")
    func recordedSourcesMatched() throws {
        let (source, parent, output, _, generator) = try Self.builtSite()
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let state = try #require(BuildState.read(from: output, generator: generator, details: false))

        // One source gone, two new ones: one sorting first, one between recorded paths ('-' before '/').
        try IncrementalBuildTests.apply(["archive/story-3.md": nil, "0-first.md": markdownArticle(title: "新稿", date: "2023-04-01", regions: "宁波市",
                        topics: "产改", body: "正文。"), "archive-b.md": markdownArticle(title: "又一新稿", date: "2023-04-02",
                        regions: "宁波市", topics: "产改", body: "正文。")], to: source)
        let files = try SourceFile.list(under: source)
        let positions = Site.recordedPositions(of: files, in: state.sources)
        let recordedPaths = state.sources.map(\.relativePath)
        for (file, position) in zip(files, positions) {
            #expect(position.map { recordedPaths[$0] } == (recordedPaths.contains(file.relativePath) ? file.relativePath : nil), "\(file.relativePath)")
        }
        #expect(positions.compactMap { $0 }.count == recordedPaths.count - 1)
        #expect(positions.filter { $0 == nil }.count == 2)
    }

    @Test("a cut or foreign state file is not read")
    func corruptState() throws {
        let parent = try makeTree(["marker": ""])
        defer { try? FileManager.default.removeItem(at: parent) }
        let state = BuildState(generator: 7, baseURL: nil, sources: [], settings: SiteSettings(), settingsNotes: [], sidecarNotes: [],
                               outputs: [OutputRecord(path: "index.html", group: .page, fingerprint: 1, contentHash: 2, size: 3, modified: 4, inode: 5)],
                               folders: [], articleCount: 0, diagnostics: [])
        let bytes = state.encoded()
        try Data(bytes).write(to: parent.appendingPathComponent(DiskOutput.stateName))
        #expect(BuildState.read(from: parent, generator: 7)?.outputs == state.outputs)
        #expect(BuildState.read(from: parent, generator: 8) == nil)
        try Data(bytes.dropLast(3)).write(to: parent.appendingPathComponent(DiskOutput.stateName))
        #expect(BuildState.read(from: parent, generator: 7) == nil)
    }

    @Test("the assets beside the program are part of its identity: a state made with other assets is another program's")
    func assetsInIdentity() throws {
        #expect(BuildState.generatorFingerprint(loaderData: 1, assets: 2) != BuildState.generatorFingerprint(loaderData: 1, assets: 3))
        #expect(BuildState.generatorFingerprint(loaderData: 1) == BuildState.generatorFingerprint(loaderData: 1, assets: Assets.fingerprint()))
        // The fingerprint is of the bytes the build copies: the style sheet and the search script.
        let assets = try Assets.all()
        #expect(Set(assets.map(\.path)) == ["assets/site.css", "assets/search.js"])
        #expect(Assets.fingerprint() != 0 && Assets.fingerprint() == Assets.fingerprint())
    }
}

@Suite("Folder times after an update")
struct FolderTimesTests {
    @Test("only the touched folders' times are read again; the others, and touched paths that are no folder of the site, change nothing")
    func retimed() throws {
        let root = try makeTree(["a/x.html": "x", "a/b/y.html": "y", "c/z.html": "z", "中文/w.html": "w"])
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = ["a", "a/b", "c", "中文"].sorted()
        let stale = paths.map { BuildState.Folder(path: $0, modified: 7) }
        let actual = Dictionary(uniqueKeysWithValues: zip(paths, DiskOutput.folderTimes(paths, under: root.path)))
        #expect(actual.values.allSatisfy { $0 != 7 })

        let result = Site.retimed(stale, touched: ["a/b", "中文", "not-a-folder", ""], under: root.path)
        #expect(result.map(\.path) == paths)
        for folder in result {
            let expected = ["a/b", "中文"].contains(folder.path) ? actual[folder.path] : 7
            #expect(folder.modified == expected, "\(folder.path)")
        }
        #expect(Site.retimed(stale, touched: [], under: root.path) == stale)
    }
}
