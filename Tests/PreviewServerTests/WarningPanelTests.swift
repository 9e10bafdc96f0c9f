import Foundation
import Hummingbird
import HummingbirdTesting
import NewsLoader
import Testing
@testable import PreviewServer

/// The loader's warnings (a story too short, an undated page) shown on the preview's pages, the
/// warnings of the page's own source first.
@Suite("the preview shows the loader's warnings on its pages")
struct WarningPanelTests {
    static let short = "news/short.md"
    static let clean = "news/clean.md"

    /// A story with nothing to warn about, and one too short not to be warned about.
    static var site: [String: String] {
        let paragraph = "区总工会在驿站设立服务点，快递员、外卖骑手扫码即可入会，入会后可以享受法律援助、健康体检和子女托管等服务。"
        return [
            clean: Compose.article(title: "快递小哥入会有了新通道", body: Array(repeating: paragraph, count: 4).joined(separator: "\n\n")),
            short: Compose.article(title: "职工书屋开到了车间门口", body: "书屋每周开放三天。"),
        ]
    }

    static func warning(_ file: String, _ line: Int?, _ message: String) -> LoadDiagnostic {
        LoadDiagnostic(.warning, file: file, line: line, step: "byline", message: message)
    }

    @Test("no warnings, no panel")
    func noWarnings() {
        #expect(WarningPanel.panel([], pageSource: "a.md") == nil)
    }

    @Test("the page's own warnings come first and open the panel; elsewhere it is folded to its count")
    func ownFirst() throws {
        let warnings = [Self.warning("a.md", 1, "no byline"), Self.warning("b.md", 4, "no region"), Self.warning("b.md", 9, "short")]
        let onB = try #require(WarningPanel.panel(warnings, pageSource: "b.md"))
        #expect(onB.contains("<details id=\"unionpress-warnings\" open"))
        #expect(onB.contains("本文 2 条提示，全站 3 条"))
        let b4 = try #require(onB.range(of: "b.md:4: warning: [byline] no region"))
        let b9 = try #require(onB.range(of: "b.md:9: warning: [byline] short"))
        let a1 = try #require(onB.range(of: "a.md:1: warning: [byline] no byline"))
        #expect(b4.lowerBound < b9.lowerBound && b9.lowerBound < a1.lowerBound)
        #expect(onB.components(separatedBy: "data-this-page").count - 1 == 2)

        let home = try #require(WarningPanel.panel(warnings, pageSource: nil))
        #expect(home.contains("<details id=\"unionpress-warnings\" role"))
        #expect(home.contains("全站 3 条提示"))
        #expect(!home.contains("data-this-page"))
    }

    @Test("a page dump's own warnings include its sidecar's, listed by line")
    func sidecarIsOwn() throws {
        let warnings = [Self.warning("p/003.txt", 9, "late"), Self.warning("other.md", 1, "x"), Self.warning("p/003.yml", 2, "unknown key"),
                        Self.warning("p/003.txt", 4, "early"), Self.warning("p/0033.yml", 1, "another page's")]
        let panel = try #require(WarningPanel.panel(warnings, pageSource: "p/003.txt"))
        #expect(panel.contains("本文 3 条提示"))
        let order = ["p/003.txt:4:", "p/003.txt:9:", "p/003.yml:2:", "other.md:1:", "p/0033.yml:1:"].map { panel.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && zip(order, order.dropFirst()).allSatisfy { $0! < $1! }, "\(order)")
        #expect(WarningPanel.belongs("a.YAML", to: "a.txt") && !WarningPanel.belongs("a.yml", to: "a.md") && !WarningPanel.belongs("ab.yml", to: "a.txt"))
    }

    @Test("warning text and file names are escaped")
    func escapes() throws {
        let panel = try #require(WarningPanel.panel([Self.warning("a<b>.md", 2, "<script>alert(1)</script> & \"q\"")], pageSource: nil))
        #expect(!panel.contains("<script>alert"))
        #expect(panel.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(panel.contains("data-file=\"a&lt;b&gt;.md\" data-line=\"2\""))
    }

    @Test("a long list is cut, the rest counted and `unionpress check` named")
    func longList() throws {
        let warnings = (1...(WarningPanel.listed + 7)).map { Self.warning("many.md", $0, "no region") }
        let panel = try #require(WarningPanel.panel(warnings, pageSource: nil))
        #expect(panel.components(separatedBy: "<li ").count - 1 == WarningPanel.listed)
        #expect(panel.contains("另有 7 条"))
        #expect(panel.contains("unionpress check"))
    }

    @Test("a short story: its page opens the panel on that warning, other pages fold it, the status lists it")
    func servedPages() async throws {
        let folder = try SourceFolder(Self.site)
        defer { folder.remove() }
        let (store, hub) = try builtStore(folder)
        let site = try #require(store.current.site)
        let warning = try #require(site.warnings.first { $0.file == Self.short })
        let shortPage = try #require(site.sourceByPage.first { $0.value == Self.short }?.key)
        #expect(!site.warnings.contains { $0.file == Self.clean })
        let otherPage = try #require(site.sourceByPage.first { $0.value == Self.clean }?.key)
        let app = Application(responder: PreviewResponder(store: store, hub: hub))
        try await app.test(.router) { client in
            try await client.execute(uri: "/" + shortPage, method: .get) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("<details id=\"unionpress-warnings\" open"))
                #expect(body.contains(warning.description))
                #expect(body.contains(" data-this-page style"))
            }
            try await client.execute(uri: "/" + otherPage, method: .get) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("<details id=\"unionpress-warnings\" role"))
                #expect(!body.contains(" data-this-page style"))
            }
            try await client.execute(uri: "/assets/site.css", method: .get) { response in
                #expect(!String(buffer: response.body).contains("unionpress-warnings"))
            }
            try await client.execute(uri: PreviewResponder.statusPath, method: .get) { response in
                #expect(String(buffer: response.body).contains("news/short.md:"))
            }
            // Broken sources: the error banner takes the panel's place.
            store.fail(.sources([.init(.error, file: "news/bad.md", line: 3, step: "front matter", message: "malformed YAML")]))
            try await client.execute(uri: PreviewResponder.statusPath, method: .get) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("\"warnings\":[]"), "the failed load's warnings, not the last good build's: \(body)")
            }
            try await client.execute(uri: "/" + shortPage, method: .get) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("id=\"unionpress-error\""))
                #expect(!body.contains("<details id=\"unionpress-warnings\""))
            }
        }
    }

    @Test("when only the warnings change, no page reloads: the change names the new warnings, and tabs swap their panel")
    func warningsChangeSwapsPanels() throws {
        let files = ["index.html": Data("<html><body>首页</body></html>".utf8), "articles/a/index.html": Data("<html><body>甲</body></html>".utf8)]
        let store = SiteStore()
        store.publish(SiteSnapshot(output: files, articles: 1, warnings: []))
        let clean = store.current.warningsVersion
        let warned = try #require(store.publish(SiteSnapshot(output: files, articles: 1, warnings: [Self.warning("a.md", 1, "no byline")])))
        #expect(!warned.all && warned.changed.isEmpty)
        #expect(warned.warnings == store.current.warningsVersion && warned.warnings != clean)
        #expect(ReloadHub.message(warned).contains("\"warnings\":\"\(warned.warnings)\""))
        let page = try #require(store.current.site?.files["index.html"])
        #expect(String(buffer: store.current.body(of: page, at: "index.html")).contains("warnings=\"\(warned.warnings)\""))
        #expect(store.publish(SiteSnapshot(output: files, articles: 1, warnings: [Self.warning("a.md", 1, "no byline")])) == nil)
        let cleared = try #require(store.publish(SiteSnapshot(output: files, articles: 1, warnings: [])))
        #expect(!cleared.all && cleared.warnings == clean)
    }
}
