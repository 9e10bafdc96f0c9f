import Foundation
import NewsLoader
@testable import SiteBuilder
import Testing

/// Links between Markdown stories: an editor links to an earlier report by its file, as any
/// Markdown viewer follows it, and the site leads the link to that story's page.
@Suite("Links between stories")
struct StoryLinksTests {
    /// A story dated `day` of May 2024, with `body`, from `region` by `reporter`.
    static func story(_ title: String, day: Int, body: String, region: String = "杭州市", reporter: String = "王芳") -> String {
        "---\ntitle: \(title)\ndate: 2024-05-\(String(format: "%02d", day))\nregions: [\(region)]\nreporters: [\(reporter)]\n---\n\n\(body)\n"
    }

    /// Twenty-four stories; the newest links to the first by its file, with a fragment, and to a
    /// file the folder lacks. Enough stories, of another city, that retitling the first is an
    /// update, not a whole build.
    static func sources() throws -> URL {
        var files: [String: String] = [
            "2024/05/first.md": story("骑手入会首批名单公布", day: 1, body: "首批一百名骑手在驿站扫码入会，区总工会为他们送上了夏日清凉包。"),
            // Of another city and reporter: no list or related story on its page names the first.
            "2024/06/latest.md": story("骑手入会满月回访", day: 28,
                                       body: "五月[首批骑手入会](../05/first.md#名单)后，区总工会上门回访。\n\n另见[旧稿](../05/gone.md)。",
                                       region: "宁波市", reporter: "李明"),
        ]
        for day in 2...7 {
            files["2024/05/other-\(day).md"] = story("快递驿站服务点第\(day)站开张", day: day, body: "快递员在驿站里歇脚、喝水、给手机充电，还能咨询入会。")
        }
        for day in 10...25 {
            files["2024/06/ningbo-\(day).md"] = story("港口技能比武第\(day)场", day: day, body: "港口的桥吊司机同台比武，比速度也比安全。",
                                                      region: "宁波市", reporter: "李明")
        }
        return try makeTree(files)
    }

    /// The article page whose title is `title`, with its path.
    static func page(titled title: String, in files: [String: Data]) throws -> (path: String, html: String) {
        let found = files.first { $0.key.hasPrefix("articles/") && String(decoding: $0.value, as: UTF8.self).contains("<title>\(title)") }
        let (path, data) = try #require(found, "no page titled \(title)")
        return (path, String(decoding: data, as: UTF8.self))
    }

    @Test("a link to another story's file leads to its page, fragment kept; a link to a story the folder lacks is warned of and left")
    func linkLeadsToPage() throws {
        let source = try Self.sources()
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        let report = try Site(loader: testLoader).build(source: source, output: output)
        let files = try outputFiles(output)
        let first = try Self.page(titled: "骑手入会首批名单公布", in: files)
        let latest = try Self.page(titled: "骑手入会满月回访", in: files)
        let firstFolder = String(first.path.dropLast("index.html".count))
        #expect(latest.html.contains("<a href=\"../../\(firstFolder)#%E5%90%8D%E5%8D%95\">首批骑手入会</a>"), "\(latest.html)")
        let href = try #require(LinkChecker.links(in: latest.html).first { $0.contains(firstFolder) })
        #expect(LinkChecker.resolve(href, from: latest.path) == firstFolder)
        #expect(latest.html.contains("<a href=\"../05/gone.md\">旧稿</a>"))
        let warnings = report.warnings.filter { $0.step == "link" }
        #expect(warnings.map(\.description) == [
            "2024/06/latest.md:10: warning: [link] “../05/gone.md” names 2024/05/gone.md, which is no story in the source folder: the link would lead nowhere",
        ])
    }

    @Test("a story retitled elsewhere moves its page, and a story that links to it follows in an update equal to a clean build")
    func retitledTargetIsFollowed() throws {
        let source = try Self.sources()
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        let site = Site(loader: testLoader)
        _ = try site.build(source: source, output: output)
        let before = try Self.page(titled: "骑手入会首批名单公布", in: try outputFiles(output))
        try Self.story("首批骑手入会名单出炉", day: 1, body: "首批一百名骑手在驿站扫码入会，区总工会为他们送上了夏日清凉包。")
            .write(to: source.appendingPathComponent("2024/05/first.md"), atomically: true, encoding: .utf8)
        let report = try site.build(source: source, output: output)
        #expect(report.written < report.files, "an update, not a whole build")
        let files = try outputFiles(output)
        let moved = try Self.page(titled: "首批骑手入会名单出炉", in: files)
        #expect(moved.path != before.path)
        let latest = try Self.page(titled: "骑手入会满月回访", in: files)
        #expect(latest.html.contains("<a href=\"../../\(moved.path.dropLast("index.html".count))#%E5%90%8D%E5%8D%95\">首批骑手入会</a>"))
        let clean = try IncrementalBuildTests.cleanBuild(source)
        #expect(files == clean, "\(differences(files, clean))")
    }
}
