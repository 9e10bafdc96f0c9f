import Foundation
import NewsLoader
import NewsModel
@testable import SiteBuilder
import Testing

/// The preview's builder: an in-memory build updated again and again must always hold the site a
/// clean build of the same sources writes, and say which files changed.
@Suite("In-memory builds updated in place", .serialized)
struct MemoryBuildTests {
    /// The files of a clean disk build, without the folder's marker (a memory build has no folder).
    static func cleanFiles(_ source: URL) throws -> [String: Data] {
        var files = try IncrementalBuildTests.cleanBuild(source)
        files[DiskOutput.markerName] = nil
        return files
    }

    /// `update()` then `updateSearchIndex()`; the paths both changed.
    static func fullUpdate(_ build: MemoryBuild) throws -> (files: [String: Data], changed: Set<String>?) {
        let pages = try build.update()
        let search = try #require(try build.updateSearchIndex())
        return (search.files, pages.changed.map { $0.union(search.changed ?? []) })
    }

    @Test("after edits, additions and deletions the memory build equals a clean build, and names what changed")
    func updatesEqualCleanBuilds() throws {
        let source = try makeTree(IncrementalBuildTests.sources())
        defer { try? FileManager.default.removeItem(at: source) }
        let build = MemoryBuild(site: Site(loader: testLoader), source: source)
        var (files, changed) = try Self.fullUpdate(build)
        #expect(changed == nil, "the first build is all new")
        #expect(differences(files, try Self.cleanFiles(source)) == [])

        let edits: [[String: String?]] = [
            ["archive/story-7.md": markdownArticle(title: "第7号职工服务站建成", date: "2023-03-17", regions: "宁波市", topics: "职工服务, 产改",
                                                   body: "第7个服务站改为全天开放，并增设了母婴室。")],
            ["archive/new.md": markdownArticle(title: "温州新建职工书屋", date: "2023-03-20", regions: "温州市", topics: "思政引领",
                                               body: "鹿城区总工会新建职工书屋十家。"),
             "archive/story-3.md": nil],
        ]
        for edit in edits {
            let before = files
            try IncrementalBuildTests.apply(edit, to: source)
            (files, changed) = try Self.fullUpdate(build)
            let clean = try Self.cleanFiles(source)
            #expect(differences(files, clean) == [], "after editing \(edit.keys.sorted())")
            let actuallyChanged = Set(differences(files, before))
            let reported = try #require(changed)
            #expect(actuallyChanged.isSubset(of: reported), "every changed file is reported: \(actuallyChanged.subtracting(reported).sorted())")
            #expect(reported.count * 2 < files.count, "a small edit renders less than half the site")
        }
    }

    @Test("the pages come first: the search index changes only in the second step")
    func searchIndexSecond() throws {
        let source = try makeTree(IncrementalBuildTests.sources())
        defer { try? FileManager.default.removeItem(at: source) }
        let build = MemoryBuild(site: Site(loader: testLoader), source: source)
        _ = try Self.fullUpdate(build)
        try IncrementalBuildTests.apply(["archive/story-9.md": markdownArticle(
            title: "第9号职工服务站建成", date: "2023-03-19", regions: "宁波市", topics: "产改", body: "服务站新设了理发室和阅览角。")], to: source)
        let pages = try build.update()
        #expect(pages.changed?.contains { $0.hasPrefix("articles/") } == true)
        #expect(pages.changed?.contains { $0.hasPrefix("search/") && $0 != "search/index.html" } == false)
        let search = try #require(try build.updateSearchIndex())
        #expect(search.changed?.contains { $0.hasPrefix("search/docs/") } == true)
        #expect(try build.updateSearchIndex() == nil, "nothing left to finish")
    }

    @Test("a search index given up is left for the next call, which finishes it")
    func searchIndexGivenUp() throws {
        let source = try makeTree(IncrementalBuildTests.sources())
        defer { try? FileManager.default.removeItem(at: source) }
        let build = MemoryBuild(site: Site(loader: testLoader), source: source)
        _ = try build.update()
        #expect(try build.updateSearchIndex(stop: { true }) == nil)
        let finished = try #require(try build.updateSearchIndex())
        #expect(differences(finished.files, try Self.cleanFiles(source)) == [])
    }

    @Test("a source that fails to load keeps the last good site; fixing it recovers")
    func failureKeepsLastSite() throws {
        let source = try makeTree(IncrementalBuildTests.sources())
        defer { try? FileManager.default.removeItem(at: source) }
        let build = MemoryBuild(site: Site(loader: testLoader), source: source)
        let good = try Self.fullUpdate(build).files
        let original = try String(contentsOf: source.appendingPathComponent("archive/story-5.md"), encoding: .utf8)
        try IncrementalBuildTests.apply(["archive/story-5.md": "---\ntitle: [unclosed\n---\n\n正文。\n"], to: source)
        #expect(throws: BuildError.self) { try build.update() }
        try IncrementalBuildTests.apply(["archive/story-5.md": original], to: source)
        let recovered = try Self.fullUpdate(build)
        #expect(differences(recovered.files, good) == [])
    }
}
