import Foundation
import NewsLoader
import NewsModel
@testable import SiteBuilder
import Testing

/// Addresses that stay: an editor fixes a story's slug so that retitling it does not move its
/// page, or names the addresses it had, each of which then leads to it.
@Suite("Fixed slugs and former addresses")
struct PermalinkTests {
    /// A story dated `day` of May 2024, with `extra` front-matter lines.
    static func story(_ title: String, day: Int, extra: [String] = [], region: String = "杭州市") -> String {
        let head = ["title: \(title)", "date: 2024-05-\(String(format: "%02d", day))", "regions: [\(region)]", "reporters: [王芳]"] + extra
        return "---\n" + head.joined(separator: "\n") + "\n---\n\n区总工会在驿站为快递员、外卖骑手送上清凉包，还现场办理入会手续，不少骑手扫码入会。\n"
    }

    /// Twenty stories of another city, so that a change to one story is an update, not a whole build.
    static func others() -> [String: String] {
        var files: [String: String] = [:]
        for day in 2...21 { files["2024/05/port-\(day).md"] = story("港口技能比武第\(day)场", day: day, region: "宁波市") }
        return files
    }

    /// The path of the article page titled `title` (not a page at a former address, titled alike).
    static func page(titled title: String, in files: [String: Data]) throws -> String {
        let pages = files.filter {
            let html = String(decoding: $0.value, as: UTF8.self)
            return $0.key.hasPrefix("articles/") && html.contains("<title>\(title) ·") && !html.contains("http-equiv=\"refresh\"")
        }
        #expect(pages.count <= 1, "\(pages.keys.sorted())")
        return try #require(pages.keys.first, "no page titled \(title)")
    }

    /// Builds `files` into a new output, hands both folders to `body`, and removes them.
    static func withSite(_ files: [String: String], _ body: (_ source: URL, _ output: URL) throws -> Void) throws {
        let source = try makeTree(files)
        let parent = try makeTree([:])
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        try body(source, parent.appendingPathComponent("public"))
    }

    static func write(_ text: String, to path: String, in source: URL) throws {
        try Data(text.utf8).write(to: source.appendingPathComponent(path))
    }

    /// The slug of an article page's path (`articles/<slug>/index.html`).
    static func slug(of page: String) -> String {
        String(page.dropFirst("articles/".count).dropLast("/index.html".count))
    }

    /// The errors of a build of `source` into `output` that must fail as it loads the sources; an
    /// issue is recorded when it builds or fails otherwise.
    static func loadErrors(building source: URL, into output: URL) throws -> [String] {
        let failure: BuildError
        do {
            _ = try Site(loader: testLoader).build(source: source, output: output)
            Issue.record("built despite the errors")
            return []
        } catch {
            failure = error
        }
        guard case .load(let error) = failure else {
            Issue.record("\(failure)")
            return []
        }
        return error.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test("a fixed slug is the page's address, and retitling the story leaves it there, in an update equal to a clean build")
    func fixedSlugStays() throws {
        var files = Self.others()
        files["2024/05/rider.md"] = Self.story("骑手入会一键办", day: 1, extra: ["slug: qishou-ruhui"])
        try Self.withSite(files) { source, output in
            let site = Site(loader: testLoader)
            _ = try site.build(source: source, output: output)
            #expect(try Self.page(titled: "骑手入会一键办", in: try outputFiles(output)) == "articles/qishou-ruhui/index.html")
            try Self.write(Self.story("骑手入会实现一键办理", day: 1, extra: ["slug: qishou-ruhui"]), to: "2024/05/rider.md", in: source)
            let report = try site.build(source: source, output: output)
            #expect(report.written < report.files, "an update, not a whole build")
            let built = try outputFiles(output)
            #expect(try Self.page(titled: "骑手入会实现一键办理", in: built) == "articles/qishou-ruhui/index.html")
            #expect(!built.keys.contains { $0.hasPrefix("articles/qi-shou") }, "no page at an address made from a title")
            let clean = try IncrementalBuildTests.cleanBuild(source)
            #expect(built == clean, "\(differences(built, clean))")
        }
    }

    @Test("a build that moves a story's page (retitled, or its file renamed) warns once, naming the old address and the line that keeps it; not when an alias or a fixed slug keeps it")
    func movedPageIsTold() throws {
        var files = Self.others()
        files["2024/05/rider.md"] = Self.story("骑手入会一键办", day: 1)
        try Self.withSite(files) { source, output in
            let site = Site(loader: testLoader)
            var report = try site.build(source: source, output: output)
            #expect(report.moved.isEmpty)
            let oldSlug = Self.slug(of: try Self.page(titled: "骑手入会一键办", in: try outputFiles(output)))
            // Retitled.
            try Self.write(Self.story("骑手入会实现一键办理", day: 1), to: "2024/05/rider.md", in: source)
            report = try site.build(source: source, output: output)
            let newSlug = Self.slug(of: try Self.page(titled: "骑手入会实现一键办理", in: try outputFiles(output)))
            #expect(report.moved.map(\.description) == [
                "2024/05/rider.md:1: warning: [address] the story's page moves from articles/\(oldSlug)/ to articles/\(newSlug)/ (its title changed): links to the old address will fail; keep them working with `aliases: [articles/\(oldSlug)/]`, or keep the page where it was with `slug: \(oldSlug)`",
            ])
            #expect(!report.warnings.contains { $0.step == "address" }, "a warning of this build only")
            #expect(try site.build(source: source, output: output).moved.isEmpty, "told once")
            // Renamed: the story of the same title in a file gone.
            try FileManager.default.moveItem(at: source.appendingPathComponent("2024/05/rider.md"), to: source.appendingPathComponent("2024/05/riders.md"))
            report = try site.build(source: source, output: output)
            #expect(report.moved.count == 1)
            #expect(report.moved.first?.message.contains("from articles/\(newSlug)/") == true)
            #expect(report.moved.first?.message.contains("its file was renamed from 2024/05/rider.md") == true)
            // Retitled again with the old address kept as an alias, then with a fixed slug: nothing to tell.
            let renamedSlug = Self.slug(of: try Self.page(titled: "骑手入会实现一键办理", in: try outputFiles(output)))
            try Self.write(Self.story("骑手入会一键办理", day: 1, extra: ["aliases: [articles/\(renamedSlug)/]"]), to: "2024/05/riders.md", in: source)
            #expect(try site.build(source: source, output: output).moved.isEmpty)
            try Self.write(Self.story("骑手入会一键办理：萧山", day: 1, extra: ["slug: qishou"]), to: "2024/05/riders.md", in: source)
            _ = try site.build(source: source, output: output)
            try Self.write(Self.story("骑手入会一键办理：滨江", day: 1, extra: ["slug: qishou"]), to: "2024/05/riders.md", in: source)
            #expect(try site.build(source: source, output: output).moved.isEmpty)
            // A fixed slug changed on purpose: told as that, with the alias alone to keep old links.
            try Self.write(Self.story("骑手入会一键办理：滨江", day: 1, extra: ["slug: qishou-binjiang"]), to: "2024/05/riders.md", in: source)
            let changedSlug = try site.build(source: source, output: output).moved
            #expect(changedSlug.map(\.message) == [
                "the story's page moves from articles/qishou/ to articles/qishou-binjiang/ (its `slug:` changed): links to the old address will fail; keep them working with `aliases: [articles/qishou/]`",
            ])
            // A file removed and another of the same title but another day added: no rename.
            try FileManager.default.removeItem(at: source.appendingPathComponent("2024/05/riders.md"))
            try Self.write(Self.story("骑手入会一键办理：滨江", day: 9), to: "2024/05/other.md", in: source)
            #expect(try site.build(source: source, output: output).moved.isEmpty)
        }
    }

    @Test("a former address named by the story leads to it; naming it no more takes the page away; updates equal clean builds")
    func aliasLeadsToStory() throws {
        var files = Self.others()
        files["2024/05/rider.md"] = Self.story("骑手入会一键办", day: 1)
        try Self.withSite(files) { source, output in
            let site = Site(loader: testLoader)
            _ = try site.build(source: source, output: output)
            let old = try Self.page(titled: "骑手入会一键办", in: try outputFiles(output))
            let oldSlug = String(old.dropFirst("articles/".count).dropLast("/index.html".count))
            // Retitled, the story moves; the editor names where it was.
            try Self.write(Self.story("骑手入会实现一键办理", day: 1, extra: ["aliases: [articles/\(oldSlug)/]"]), to: "2024/05/rider.md", in: source)
            let report = try site.build(source: source, output: output)
            #expect(report.written < report.files, "an update, not a whole build")
            var built = try outputFiles(output)
            let moved = try Self.page(titled: "骑手入会实现一键办理", in: built)
            #expect(moved != old)
            let redirect = String(decoding: try #require(built[old], "no page at the former address"), as: UTF8.self)
            let target = String(moved.dropLast("index.html".count))
            #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../\(target)\">"), "\(redirect)")
            #expect(redirect.contains("<meta name=\"robots\" content=\"noindex\">"))
            let links = LinkChecker.links(in: redirect)
            #expect(!links.isEmpty && links.allSatisfy { LinkChecker.resolve($0, from: old) == target }, "\(links)")
            // The former address is no page of its own: no sitemap lists it.
            let sitemap = String(decoding: try #require(built["sitemap.xml"]), as: UTF8.self)
            #expect(!sitemap.contains(oldSlug) && sitemap.contains(String(target.dropFirst("articles/".count))))
            var clean = try IncrementalBuildTests.cleanBuild(source)
            #expect(built == clean, "\(differences(built, clean))")

            try Self.write(Self.story("骑手入会实现一键办理", day: 1), to: "2024/05/rider.md", in: source)
            _ = try site.build(source: source, output: output)
            built = try outputFiles(output)
            #expect(built[old] == nil)
            clean = try IncrementalBuildTests.cleanBuild(source)
            #expect(built == clean, "\(differences(built, clean))")
        }
    }

    @Test("two stories fixing one slug, or an alias taking a story's address or named twice, stop the build with file:line")
    func clashesAreErrors() throws {
        let cases: [(files: [String: String], error: String)] = [
            (["2024/05/a.md": Self.story("骑手入会一键办", day: 1, extra: ["slug: qishou"]),
              "2024/05/b.md": Self.story("骑手驿站开张", day: 2, extra: ["slug: qishou"])],
             "2024/05/b.md:6: error: [address] `slug` “qishou” is fixed by 2024/05/a.md:6 too: two stories cannot share an address"),
            (["2024/05/a.md": Self.story("骑手入会一键办", day: 1, extra: ["slug: qishou"]),
              "2024/05/b.md": Self.story("骑手驿站开张", day: 2, extra: ["aliases: [articles/qishou/]"])],
             "2024/05/b.md:6: error: [address] `aliases`: articles/qishou/ is the address of “骑手入会一键办” (2024/05/a.md:6): an alias cannot take a story's address"),
            (["2024/05/a.md": Self.story("骑手入会一键办", day: 1, extra: ["aliases: [old-story]"]),
              "2024/05/b.md": Self.story("骑手驿站开张", day: 2, extra: ["kicker: 引题", "aliases: [/articles/old-story/index.html]"])],
             "2024/05/b.md:7: error: [address] `aliases`: articles/old-story/ is named by 2024/05/a.md:6 too: one old address cannot lead to two stories"),
        ]
        for (files, error) in cases {
            try Self.withSite(files) { source, output in
                do {
                    _ = try Site(loader: testLoader).build(source: source, output: output)
                    Issue.record("built despite \(error)")
                } catch let failure as BuildError {
                    #expect("\(failure)".contains(error), "\(failure)")
                }
                #expect(!FileManager.default.fileExists(atPath: output.path), "nothing written")
            }
        }
    }

    @Test("every clash of addresses is told at once, beside other errors, each naming the line that causes it")
    func clashesTogether() throws {
        let files = [
            "2024/05/a.md": Self.story("骑手入会一键办", day: 1, extra: ["slug: qishou", "aliases: [old-story]"]),
            "2024/05/b.md": Self.story("骑手驿站开张", day: 2, extra: ["slug: qishou", "aliases: [old-story]"]),
            "2024/05/c.md": Self.story("技能比武开赛", day: 3, extra: ["aliases: [articles/qishou/]"]),
            "2024/05/d.md": Self.story("职工书屋开放", day: 4, extra: ["slug: Bad"]),
        ]
        try Self.withSite(files) { source, output in
            let errors = try Self.loadErrors(building: source, into: output)
            #expect(errors.count == 4, "\(errors)")
            #expect(errors.contains { $0.hasPrefix("2024/05/d.md:6: error: [front matter] `slug` “Bad”") })
            #expect(errors.contains("2024/05/b.md:6: error: [address] `slug` “qishou” is fixed by 2024/05/a.md:6 too: two stories cannot share an address"))
            #expect(errors.contains("2024/05/b.md:7: error: [address] `aliases`: articles/old-story/ is named by 2024/05/a.md:7 too: one old address cannot lead to two stories"))
            #expect(errors.contains("2024/05/c.md:6: error: [address] `aliases`: articles/qishou/ is the address of “骑手入会一键办” (2024/05/a.md:6): an alias cannot take a story's address"))
        }
    }

    @Test("a story's slug made from its title gives way to a slug another story fixed")
    func fixedSlugWins() throws {
        let sources = ["2024/05/a.md": Self.story("骑手入会一键办", day: 1), "2024/05/b.md": Self.story("骑手驿站开张", day: 2)]
        try Self.withSite(sources) { source, output in
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let taken = try Self.page(titled: "骑手入会一键办", in: try outputFiles(output))
            let slug = Self.slug(of: taken)
            try Self.write(Self.story("骑手驿站开张", day: 2, extra: ["slug: \(slug)"]), to: "2024/05/b.md", in: source)
            _ = try Site(loader: testLoader).build(source: source, output: output)
            let built = try outputFiles(output)
            #expect(try Self.page(titled: "骑手驿站开张", in: built) == taken)
            #expect(try Self.page(titled: "骑手入会一键办", in: built) != taken)
        }
    }
}
