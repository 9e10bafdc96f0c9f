@testable import SiteBuilder
import Testing

/// Finding an earlier build's record of a file by path, wherever the file now stands.
@Suite("Records of the previous build")
struct PreviousOutputsTests {
    static func record(_ path: String, _ group: OutputRecord.Group, fingerprint: UInt64 = 1) -> OutputRecord {
        OutputRecord(path: path, group: group, fingerprint: fingerprint, contentHash: 2, size: 3, modified: 4, inode: 5)
    }

    /// Two pages, three search files and two assets, as a build makes them.
    static let built = PreviousOutputs([
        record("index.html", .page), record("articles/a/index.html", .page),
        record("search/meta.json", .search), record("search/index-0.bin", .search), record("search/docs/0.json", .search),
        record("assets/site.css", .asset), record("assets/search.js", .asset),
    ])

    @Test("files in their places are found with no table of paths; a miss makes it once")
    func inPlace() {
        let outputs = PreviousOutputs(Self.built.records)
        #expect(outputs.page("index.html", job: 0)?.path == "index.html")
        #expect(outputs.page("articles/a/index.html", job: 1)?.path == "articles/a/index.html")
        #expect(outputs.searchFile("search/meta.json", number: 0)?.path == "search/meta.json")
        #expect(outputs.searchFile("search/docs/0.json", number: 2)?.path == "search/docs/0.json")
        #expect(outputs.asset("assets/site.css", index: 0, of: 2)?.path == "assets/site.css")
        #expect(outputs.asset("assets/search.js", index: 1, of: 2)?.path == "assets/search.js")
        #expect(!outputs.madeTable, "every lookup above hit its place")
        #expect(outputs.page("articles/a/index.html", job: 0)?.path == "articles/a/index.html")
        #expect(outputs.madeTable)
    }

    @Test("each file is found in its place, and out of it: a page at another job, a search file at another number, an asset list of another length")
    func lookups() {
        let outputs = Self.built
        #expect(outputs.page("articles/a/index.html", job: 1)?.path == "articles/a/index.html")
        #expect(outputs.page("articles/a/index.html", job: 0)?.path == "articles/a/index.html", "a page that moved")
        #expect(outputs.page("articles/a/index.html", job: 40)?.path == "articles/a/index.html", "beyond the records")
        #expect(outputs.searchFile("search/index-0.bin", number: 1)?.group == .search)
        #expect(outputs.searchFile("search/docs/0.json", number: 7)?.path == "search/docs/0.json", "a search file renumbered")
        #expect(outputs.asset("assets/search.js", index: 1, of: 2)?.path == "assets/search.js")
        #expect(outputs.asset("assets/site.css", index: 0, of: 3)?.path == "assets/site.css", "a new asset before it")
        #expect(outputs.page("articles/b/index.html", job: 1) == nil, "a page the build did not make")
        #expect(outputs["search/meta.json"]?.group == .search)
        #expect(outputs["nowhere.html"] == nil)
    }

    @Test("no page, or nothing at all: every lookup still answers by path")
    func degenerate() {
        let searchOnly = PreviousOutputs([Self.record("search/meta.json", .search), Self.record("search/index-0.bin", .search)])
        #expect(searchOnly.searchFile("search/index-0.bin", number: 1)?.path == "search/index-0.bin")
        #expect(searchOnly.page("index.html", job: 0) == nil)
        let empty = PreviousOutputs([])
        #expect(empty.page("index.html", job: 0) == nil)
        #expect(empty.searchFile("search/meta.json", number: 0) == nil)
        #expect(empty.asset("assets/site.css", index: 0, of: 2) == nil)
    }

    @Test("a path recorded twice (a build records each once) gives its first record")
    func duplicates() {
        let outputs = PreviousOutputs([Self.record("a.html", .page, fingerprint: 7), Self.record("a.html", .page, fingerprint: 8)])
        #expect(outputs["a.html"]?.fingerprint == 7)
    }
}
