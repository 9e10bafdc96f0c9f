import Foundation
import Testing
@testable import PreviewServer

/// The server on a real loopback port: edits on disk show up in responses and as reload events.
@Suite("serve on a real port", .serialized, .timeLimit(.minutes(2)))
struct LiveServerTests {
    @Test("an edited source is served within seconds and open tabs get a reload event")
    func editIsServed() async throws {
        let folder = try SourceFolder(Compose.site)
        defer { folder.remove() }
        let server = try await LiveServer.start(folder)
        do {
            let home = try await server.get("/")
            #expect(home.status == 200)
            #expect(home.body.contains("快递小哥入会有了新通道"))
            let riderPath = try await Self.articleURL(of: "快递小哥入会有了新通道", in: server)
            #expect(try await server.get(riderPath).body.contains("首批有一百二十名快递员入会"))

            let events = try await server.events()
            #expect(events.contentType == "text/event-stream; charset=utf-8")
            let hello = try await events.next(named: "hello", within: 30)
            #expect(!hello.data.isEmpty)

            let edited = ContinuousClock.now
            let text = try folder.read("news/rider.md")
            try folder.write("news/rider.md", text.replacingOccurrences(of: "首批有一百二十名快递员入会。", with: "首批有三百名快递员入会，另有二十家驿站加入。"))
            let change = try await events.next(named: "change", within: 30)
            let latency = ContinuousClock.now - edited
            #expect(change.data.contains("\"" + riderPath.dropFirst() + "index.html\""), "the article is among the changed pages")
            #expect(!change.data.contains(hello.data), "the version changed")
            // The new site is published before the event is sent.
            let page = try await server.get(riderPath)
            #expect(page.body.contains("首批有三百名快递员入会，另有二十家驿站加入。"))
            #expect(!page.body.contains("首批有一百二十名快递员入会"))
            print("preview: reload event \(latency) after the edit")

            // A new file and a rename are seen too.
            try folder.write("news/new.md", Compose.article(title: "园区职工书屋开放", body: "书屋藏书三千册，夜间也开放。"))
            _ = try await events.next(named: "change", within: 30)
            #expect(await eventually(within: 30) { (try? await server.get("/"))?.body.contains("园区职工书屋开放") ?? false })
            try FileManager.default.moveItem(at: folder.url.appendingPathComponent("news/new.md"),
                                             to: folder.url.appendingPathComponent("news/renamed.md"))
            try FileManager.default.removeItem(at: folder.url.appendingPathComponent("news/skills.md"))
            _ = try await events.next(named: "change", within: 30)
            #expect(await eventually(within: 30) {
                guard let home = try? await server.get("/") else { return false }
                return home.body.contains("园区职工书屋开放") && !home.body.contains("电工技能比武在滨江举行")
            })
            let renamed = server.events.contains { event in
                if case .built(let report) = event { return report.trigger?.renamed.contains { $0.to == "news/renamed.md" } ?? false }
                return false
            }
            #expect(renamed, "the rename is reported as a rename")
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }

    /// The site-relative URL of the article titled `title`, read from the home page.
    static func articleURL(of title: String, in server: LiveServer) async throws -> String {
        let home = try await server.get("/")
        guard let range = home.body.range(of: title) else { throw TestFailure("no \(title) on the home page") }
        let before = home.body[..<range.lowerBound]
        guard let match = before.matches(of: /href="(articles\/[^"]+\/)"/).last else { throw TestFailure("no link to \(title)") }
        return "/" + match.1
    }

    @Test("a broken front matter keeps the last good site with a banner naming file:line; fixing it recovers")
    func errorAndRecovery() async throws {
        let folder = try SourceFolder(Compose.site)
        defer { folder.remove() }
        let server = try await LiveServer.start(folder)
        do {
            let good = try await server.get("/")
            #expect(good.status == 200)
            #expect(!good.body.contains("unionpress-error"))
            let events = try await server.events()
            _ = try await events.next(named: "hello", within: 30)

            let original = try folder.read("news/rider.md")
            try folder.write("news/rider.md", original.replacingOccurrences(of: "date: 2023-05-08", with: "date: 2023-13-45"))
            let failed = try await events.next(named: "change", within: 30)
            #expect(failed.data.contains("\"all\":true"))

            let broken = try await server.get("/")
            #expect(broken.status == 200, "the last good site is still served")
            #expect(broken.body.contains("快递小哥入会有了新通道"))
            #expect(broken.body.contains("id=\"unionpress-error\""))
            #expect(broken.body.contains("news/rider.md:3: error:"), "the banner names file:line")
            let status = try await server.get(PreviewResponder.statusPath)
            #expect(status.body.contains("\"ok\":false"))
            #expect(status.body.contains("news/rider.md:3"))
            let css = try await server.get("/assets/site.css")
            #expect(css.status == 200)
            #expect(!css.body.contains("unionpress-error"))

            // Malformed YAML is reported with its line too.
            try folder.write("news/rider.md", original.replacingOccurrences(of: "regions: [杭州市, 萧山区]", with: "regions: [杭州市, 萧山区"))
            _ = try await events.next(named: "change", within: 30)
            let yaml = try await server.get("/")
            #expect(yaml.body.contains("快递小哥入会有了新通道"))
            #expect(yaml.body.firstMatch(of: /news\/rider\.md:\d+: error:/) != nil, "YAML errors name file:line")

            try folder.write("news/rider.md", original)
            let recovered = try await events.next(named: "change", within: 30)
            #expect(recovered.data.contains("\"all\":true"))
            let fixed = try await server.get("/")
            #expect(!fixed.body.contains("unionpress-error"))
            #expect(fixed.body.contains("快递小哥入会有了新通道"))
            #expect(try await server.get(PreviewResponder.statusPath).body.contains("\"ok\":true"))
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }

    @Test("over a socket too: traversal gets 400/404, ETag revalidates with 304")
    func socketChecks() async throws {
        let folder = try SourceFolder(Compose.site)
        defer { folder.remove() }
        let server = try await LiveServer.start(folder)
        do {
            for path in ["/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/..%5c..%5cetc%5cpasswd", "/a%00b"] {
                let response = try await server.get(path)
                #expect(response.status == 400 || response.status == 404, "\(path)")
                #expect(!response.body.contains("root:"))
            }
            let first = try await server.get("/assets/site.css")
            let etag = first.headers.first(name: "etag") ?? "missing"
            let again = try await server.get("/assets/site.css", headers: [("If-None-Match", etag)])
            #expect(etag != "missing")
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }

    @Test("a cancelled server stops promptly, even with an event stream open")
    func stopsQuickly() async throws {
        let folder = try SourceFolder(Compose.site)
        defer { folder.remove() }
        let server = try await LiveServer.start(folder)
        let events = try await server.events()
        _ = try await events.next(named: "hello", within: 30)
        let started = ContinuousClock.now
        try await server.stop(within: 5)
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
