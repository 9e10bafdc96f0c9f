import Foundation
import NewsLoader
import NewsModel
@testable import SiteBuilder
import Testing

/// Addresses that stay for the stories of page dumps: a page's sidecar fixes a story's slug or
/// names its former addresses, so that correcting the title the scan gave does not break links.
@Suite("Fixed slugs and former addresses in sidecars")
struct SidecarPermalinkTests {
    /// Eight days of pages, two stories each (see `IncrementalBuildTests.page(day:)`).
    static func pages() -> [String: String] {
        Dictionary(uniqueKeysWithValues: (1...8).map { ("pages/2023-06-0\($0).txt", IncrementalBuildTests.page(day: $0)) })
    }

    /// The sidecar of the first day's page, correcting its first story with `lines`.
    static func sidecar(_ lines: [String]) -> String {
        (["articles:", "  杭州市第1批户外劳动者驿站启用:"] + lines.map { "    " + $0 }).joined(separator: "\n") + "\n"
    }

    static let sidecarPath = "pages/2023-06-01.yml"

    /// What building the pages, then retitling the first story by a sidecar with the lines
    /// `corrections` gives for its old slug, and building again leaves: the story's old page, the
    /// second build's report, its output and a clean build's of the same sources.
    static func retitled(_ corrections: (_ oldSlug: String) -> [String]) throws
        -> (old: String, report: Site.Report, built: [String: Data], clean: [String: Data]) {
        var result: (old: String, report: Site.Report, built: [String: Data], clean: [String: Data])?
        try PermalinkTests.withSite(Self.pages()) { source, output in
            let site = Site(loader: testLoader)
            _ = try site.build(source: source, output: output)
            let old = try PermalinkTests.page(titled: "杭州市第1批户外劳动者驿站启用", in: try outputFiles(output))
            let lines = ["title: 杭州市首批户外劳动者驿站启用"] + corrections(PermalinkTests.slug(of: old))
            try PermalinkTests.write(Self.sidecar(lines), to: Self.sidecarPath, in: source)
            let report = try site.build(source: source, output: output)
            result = (old, report, try outputFiles(output), try IncrementalBuildTests.cleanBuild(source))
        }
        return try #require(result)
    }

    @Test("a sidecar that corrects a story's title and fixes its slug keeps the page where it was, in an update equal to a clean build")
    func retitledStoryStays() throws {
        let (old, report, built, clean) = try Self.retitled { ["slug: \($0)"] }
        #expect(report.written < report.files, "an update, not a whole build")
        #expect(try PermalinkTests.page(titled: "杭州市首批户外劳动者驿站启用", in: built) == old)
        #expect(built == clean, "\(differences(built, clean))")
    }

    @Test("a former address a sidecar names leads to the retitled story, in an update equal to a clean build")
    func aliasLeadsToStory() throws {
        let (old, _, built, clean) = try Self.retitled { ["aliases: [articles/\($0)/]"] }
        let moved = try PermalinkTests.page(titled: "杭州市首批户外劳动者驿站启用", in: built)
        #expect(moved != old)
        let redirect = String(decoding: try #require(built[old], "no page at the former address"), as: UTF8.self)
        #expect(redirect.contains("url=../../\(moved.dropLast("index.html".count))\""), "\(redirect)")
        #expect(built == clean, "\(differences(built, clean))")
    }

    @Test("a slug a sidecar fixes that a Markdown story fixes too stops the build, naming the sidecar's line")
    func clashNamesSidecar() throws {
        var files = Self.pages()
        files[Self.sidecarPath] = Self.sidecar(["kind: feature", "slug: yizhan-qiyong"])
        files["2023/06/yizhan.md"] = "---\ntitle: 驿站启用\ndate: 2023-06-09\nslug: yizhan-qiyong\n---\n\n驿站全天开放。\n"
        try PermalinkTests.withSite(files) { source, output in
            let errors = try PermalinkTests.loadErrors(building: source, into: output)
            #expect(errors == ["pages/2023-06-01.yml:4: error: [address] `slug` “yizhan-qiyong” is fixed by 2023/06/yizhan.md:4 too: two stories cannot share an address"],
                    "\(errors)")
            #expect(!FileManager.default.fileExists(atPath: output.path), "nothing written")
        }
    }
}
