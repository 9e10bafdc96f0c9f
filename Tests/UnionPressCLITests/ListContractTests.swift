import Foundation
import NewsLoader
import NewsModel
import SiteBuilder
import Testing
@testable import UnionPressCLI

/// The repository's root folder.
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs the built `unionpress` binary and returns its exit status, standard output and standard error.
private func runCLI(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let binary = repositoryRoot.appendingPathComponent(".build/debug/unionpress")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

private func temporaryTree(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-cli-\(UUID().uuidString)")
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return root
}

@Suite("list --json keeps its contract")
struct ListContractTests {
    static let keys: Set<String> = ["id", "url", "title", "kicker", "subtitle", "column", "byline", "attribution", "kind",
                                    "date", "edition", "regions", "topics", "source", "text"]

    @Test("every object has exactly the contract's keys with the contract's types")
    func shape() throws {
        let root = try temporaryTree([
            "page.txt": "2022年3月8日\n\n浙江工人日报\n\n总第12050号\n\n“产改”进行时\n\n绍兴上虞 骑手驿站启用\n\n本报讯 记者王芳 通讯员李明、赵强报道 上虞区总工会启用骑手驿站，为骑手提供休息、充电等服务。\n\n驿站配有急救箱。（据《绍兴日报》）\n",
            "md/a.md": "---\ntitle: 无锡工会送温暖\ndate: 2023-01-15\nregions: [无锡市]\ntopics: [职工服务]\n---\n\n第一段。\n\n第二段**加粗**。\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let articles = try NewsLoader().load(source: root).articles
        let json = try ArticleListing.json(articles)
        let objects = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        #expect(objects.count == 2)
        for object in objects { #expect(Set(object.keys) == Self.keys) }

        let markdown = objects[0]
        #expect(markdown["title"] as? String == "无锡工会送温暖")
        #expect(markdown["kicker"] is NSNull && markdown["edition"] is NSNull && markdown["attribution"] is NSNull)
        #expect(markdown["date"] as? String == "2023-01-15")
        #expect(markdown["text"] as? String == "第一段。\n\n第二段加粗。")
        let id = try #require(markdown["id"] as? String)
        #expect(markdown["url"] as? String == "articles/\(id)/")
        #expect(id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })

        let page = objects[1]
        #expect(page["column"] as? String == "“产改”进行时")
        #expect(page["kind"] as? String == "news")
        #expect(page["attribution"] as? String == "绍兴日报")
        let byline = try #require(page["byline"] as? [String: [String]])
        #expect(byline == ["reporters": ["王芳"], "correspondents": ["李明", "赵强"], "photographers": []])
        let edition = try #require(page["edition"] as? [String: Any])
        #expect(edition["newspaper"] as? String == "浙江工人日报" && edition["number"] as? Int == 12050)
        let regions = try #require(page["regions"] as? [[String: Any]])
        #expect(regions.map { $0["name"] as? String } == ["上虞区", "绍兴市", "浙江省"])
        #expect(regions.map { $0["level"] as? String } == ["county", "city", "province"])
        #expect(regions[0]["parent"] as? String == "绍兴市" && regions[2]["parent"] is NSNull)
        #expect(Set(regions[0].keys) == ["name", "slug", "level", "parent"])
        let topics = try #require(page["topics"] as? [[String: String]])
        #expect(topics.first == ["name": "产改", "slug": "chan-gai"])
        let source = try #require(page["source"] as? [String: Any])
        #expect(source["file"] as? String == "page.txt" && source["firstLine"] as? Int == 7 && (source["lastLine"] as? Int ?? 0) >= 11)
        #expect((page["text"] as? String)?.hasPrefix("上虞区总工会启用骑手驿站") == true)
        #expect(page["date"] as? String == "2022-03-08")
    }

    @Test("the listing is stable: the same sources give the same bytes")
    func stable() throws {
        let articles = try NewsLoader().load(source: repositoryRoot.appendingPathComponent("seeds")).articles
        #expect(try ArticleListing.json(articles) == ArticleListing.json(articles))
    }
}

@Suite("The command line")
struct CommandLineTests {
    @Test("list --json lists every story of the seed pages")
    func listSeeds() throws {
        let result = try runCLI(["list", "--json", "--source", repositoryRoot.appendingPathComponent("seeds").path])
        #expect(result.status == 0)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
        #expect(objects.count == 26)
        #expect(Set(objects.compactMap { $0["id"] as? String }).count == 26)
    }

    @Test("a broken source stops build with every error named by file:line and a non-zero exit")
    func brokenBuild() throws {
        let root = try temporaryTree([
            "a.md": "---\ntitle: 好\n---\n正文。\n",
            "b.md": "---\ndate: 2021-01-01\n---\n正文。\n",
            "c.md": "---\ntitle: 坏日期\ndate: 2021-13-01\n---\n正文。\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + "-out")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try runCLI(["build", "--source", root.path, "--output", output.path])
        #expect(result.status != 0)
        #expect(result.err.contains("b.md:2: error"))
        #expect(result.err.contains("c.md:3: error"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        // The errors come after the warnings, and the last line says what happened.
        let lines = result.err.split(separator: "\n").map(String.init)
        #expect(lines.last == "build failed: 2 errors, \(lines.count - 3) warnings; nothing was written to \(output.path)/")
        let firstError = lines.firstIndex { $0.contains(": error:") } ?? lines.count
        #expect(!lines[firstError...].dropLast().contains { $0.contains(": warning:") }, "\(lines)")
    }

    @Test("a build that fails before it changes the output does not say the next build starts over; one cut short mid-update does")
    func failureWithoutJournal() throws {
        let root = try temporaryTree(["a.md": "---\ntitle: 好\ndate: 2021-01-01\n---\n正文。\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + "-out")
        try Data("a file, not a folder".utf8).write(to: output)
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try runCLI(["build", "--source", root.path, "--output", output.path])
        #expect(result.status != 0)
        let lines = result.err.split(separator: "\n").map(String.init)
        #expect(lines.last == "build failed (see above)", "\(lines)")
        #expect(!Site.holdsUnfinishedUpdate(output))
        // A journal left in a folder is an update cut short.
        try FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        try Data().write(to: output.appendingPathComponent(".unionpress-journal"))
        #expect(Site.holdsUnfinishedUpdate(output))
    }

    @Test("a missing source folder stops build, list and check with an error naming it, and leaves the output as it was")
    func missingSource() throws {
        let root = try temporaryTree(["a.md": "---\ntitle: 好\ndate: 2021-01-01\n---\n正文。\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + "-out")
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(try runCLI(["build", "--source", root.path, "--output", output.path]).status == 0)
        let before = try FileManager.default.subpathsOfDirectory(atPath: output.path).sorted()
        #expect(before.contains { $0.hasPrefix("articles/") })

        let missing = root.path + "-mistyped"
        let build = try runCLI(["build", "--source", missing, "--output", output.path])
        #expect(build.status != 0)
        #expect(build.err.contains("\(missing): error: [read] no such folder"))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: output.path).sorted() == before)
        for command in ["list", "check"] {
            let result = try runCLI([command, "--source", missing])
            #expect(result.status != 0, "\(command)")
            #expect((result.out + result.err).contains("\(missing): error: [read] no such folder"), "\(command)")
        }
    }

    @Test("check exits 0 with warnings and names file:line")
    func check() throws {
        let result = try runCLI(["check", "--source", repositoryRoot.appendingPathComponent("seeds").path])
        #expect(result.status == 0)
        #expect(result.out.contains("undated page"))
        #expect(result.out.contains("0 errors"))
    }

    @Test("check lists errors first, then by file and line")
    func checkOrder() throws {
        let root = try temporaryTree(["b.md": "---\ntitle: 乙\ndate: 2023-02-30\nregions: [火星市]\n---\n\n正文。\n",
                                      "a.md": "---\ntitle: 甲\ndate: 2023-05-01\nregions: [月球县]\n---\n\n正文。\n",
                                      "c.md": "---\ndate: 2023-05-01\n---\n\n正文。\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try runCLI(["check", "--source", root.path])
        #expect(result.status != 0)
        let lines = result.out.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") }
        let errors = lines.prefix { $0.contains(": error: ") }
        #expect(errors.map { $0.prefix(4) } == ["b.md", "c.md"], "\(lines)")
        #expect(!lines.dropFirst(errors.count).contains { $0.contains(": error: ") }, "\(lines)")
        let warnings = lines.dropFirst(errors.count).map { String($0.split(separator: ":")[0]) }
        #expect(warnings == warnings.sorted(), "\(lines)")
    }
}
