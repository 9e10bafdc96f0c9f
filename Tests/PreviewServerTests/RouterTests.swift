import Foundation
import Hummingbird
import HummingbirdTesting
import SiteBuilder
import Testing
@testable import PreviewServer

/// The responder in-process: every request answered from the in-memory build, no socket.
@Suite("the preview router serves exactly what the build produced")
struct RouterTests {
    /// Runs `test` against a responder serving the composed site.
    func withRouter(_ test: @escaping @Sendable (any TestClientProtocol, SiteStore) async throws -> Void) async throws {
        let folder = try SourceFolder(Compose.site)
        defer { folder.remove() }
        let (store, hub) = try builtStore(folder)
        let app = Application(responder: PreviewResponder(store: store, hub: hub))
        try await app.test(.router) { client in try await test(client, store) }
    }

    /// The URL of the first article the home page links to.
    static func firstArticle(_ store: SiteStore) throws -> String {
        guard let path = store.current.site?.files.keys.filter({ $0.hasPrefix("articles/") }).sorted().first else {
            throw TestFailure("no article page in the build")
        }
        return "/" + path.replacingOccurrences(of: "index.html", with: "")
    }

    @Test("each kind of file gets its Content-Type, text types with charset=utf-8")
    func contentTypes() async throws {
        try await withRouter { client, store in
            let files = store.current.site?.files.keys.sorted() ?? []
            let json = try #require(files.first { $0.hasSuffix(".json") })
            let js = try #require(files.first { $0.hasSuffix(".js") })
            let expectations: [(String, String)] = [
                ("/", "text/html; charset=utf-8"),
                ("/assets/site.css", "text/css; charset=utf-8"),
                ("/" + js, "text/javascript; charset=utf-8"),
                ("/" + json, "application/json; charset=utf-8"),
            ]
            for (uri, type) in expectations {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.contentType] == type, "\(uri)")
                    #expect(response.headers[.cacheControl] == "no-cache")
                }
            }
        }
    }

    @Test("the type table covers images, feeds and the rest", arguments: [
        ("a/b.xml", "application/xml; charset=utf-8"), ("logo.svg", "image/svg+xml; charset=utf-8"),
        ("p.png", "image/png"), ("p.JPG", "image/jpeg"), ("p.jpeg", "image/jpeg"), ("p.webp", "image/webp"),
        ("favicon.ico", "image/x-icon"), ("feed.rss", "application/rss+xml; charset=utf-8"),
        ("x/index.html", "text/html; charset=utf-8"), ("noext", "application/octet-stream"), (".hidden", "application/octet-stream"),
    ])
    func typeTable(path: String, type: String) {
        #expect(ContentType.of(path) == type)
    }

    @Test("a folder URL serves its index.html; without the slash it redirects")
    func directoryIndex() async throws {
        try await withRouter { client, store in
            let article = try Self.firstArticle(store)
            try await client.execute(uri: article, method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<html"))
            }
            try await client.execute(uri: String(article.dropLast()), method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == article)
            }
            try await client.execute(uri: String(article.dropLast()) + "?q=1", method: .get) { response in
                #expect(response.headers[.location] == article + "?q=1")
            }
            try await client.execute(uri: "/index.html", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("a miss gets the site's 404 page with status 404")
    func notFound() async throws {
        try await withRouter { client, store in
            let page = try #require(store.current.site?.files["404.html"])
            let expected = String(buffer: store.current.body(of: page, at: "404.html"))
            for uri in ["/no-such-page", "/articles/no-such-story/", "/assets/missing.css"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(String(buffer: response.body) == expected)
                }
            }
        }
    }

    @Test("ETag on every file; If-None-Match gets 304 with no body; a changed tag gets 200")
    func etags() async throws {
        try await withRouter { client, _ in
            for uri in ["/", "/assets/site.css"] {
                let etag = try await client.execute(uri: uri, method: .get) { response in
                    try #require(response.headers[.eTag])
                }
                #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
                try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag]) { response in
                    #expect(response.status == .notModified)
                    #expect(response.body.readableBytes == 0)
                    #expect(response.headers[.eTag] == etag)
                }
                try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"x\", W/\(etag)"]) { response in
                    #expect(response.status == .notModified)
                }
                try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"0000000000000000\""]) { response in
                    #expect(response.status == .ok)
                    #expect(response.body.readableBytes > 0)
                }
            }
        }
    }

    @Test("HEAD has the headers and no body; other methods get 405")
    func methods() async throws {
        try await withRouter { client, _ in
            let length = try await client.execute(uri: "/", method: .get) { $0.body.readableBytes }
            try await client.execute(uri: "/", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.contentLength] == String(length))
            }
            try await client.execute(uri: "/", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }

    /// Paths that try to leave the site, raw and encoded.
    static let traversals = [
        "/../../../../etc/passwd", "/..", "/articles/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/..%2f..%2fetc%2fpasswd", "/.%2e/.%2e/etc/passwd",
        "/assets%2f..%2f404.html", "/..%5c..%5cetc%5cpasswd", "/..\\..\\etc\\passwd", "/assets\\site.css",
        "/index.html%00.css", "/a%00", "//etc/passwd", "/./index.html", "/%2e/index.html",
        "/etc/passwd", "/Package.swift", "/../Package.swift", "/%252e%252e/etc/passwd",
    ]

    @Test("traversal attempts, raw and encoded, get 400 or 404 and never a file's contents")
    func traversal() async throws {
        try await withRouter { client, store in
            let notFoundPage = String(buffer: store.current.body(of: try #require(store.current.site?.files["404.html"]), at: "404.html"))
            for uri in Self.traversals {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest || response.status == .notFound, "\(uri) → \(response.status)")
                    let body = String(buffer: response.body)
                    #expect(!body.contains("root:"), "\(uri)")
                    #expect(!body.contains("PackageDescription"), "\(uri)")
                    if response.status == .notFound { #expect(body == notFoundPage, "\(uri)") }
                    if response.status == .badRequest { #expect(body == "400 bad request\n", "\(uri)") }
                }
            }
        }
    }

    @Test("the live-reload script is in served HTML pages only, once, before </body>")
    func scriptOnlyInHTML() async throws {
        try await withRouter { client, store in
            let site = try #require(store.current.site)
            for (path, file) in site.files {
                let served = try await client.execute(uri: "/" + path, method: .get) { String(buffer: $0.body) }
                let count = served.components(separatedBy: ReloadScript.marker).count - 1
                if path.hasSuffix(".html") {
                    #expect(count == 1, "\(path)")
                    let script = try #require(served.range(of: ReloadScript.marker))
                    let body = try #require(served.range(of: "</body>", options: .backwards))
                    #expect(script.upperBound <= body.lowerBound, "\(path)")
                } else {
                    #expect(count == 0, "\(path)")
                    #expect(file.scriptOffset == nil)
                }
            }
        }
    }

    @Test("`build` output never gets the script: only what the preview serves does")
    func buildOutputUntouched() throws {
        let folder = try SourceFolder(Compose.site)
        defer { folder.remove() }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-public-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try Site(loader: try SharedLoader.get()).build(source: folder.url, output: output)
        let files = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        #expect(files.contains { $0.lastPathComponent == "index.html" })
        for file in files where !file.hasDirectoryPath {
            let text = String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
            #expect(!text.contains("unionpress-live-reload"), "\(file.path)")
            #expect(!text.contains("__unionpress"), "\(file.path)")
        }
    }

    @Test("while the sources are broken, pages carry a banner naming file:line and the old content")
    func bannerInFailureState() async throws {
        try await withRouter { client, store in
            let before = try await client.execute(uri: "/", method: .get) { $0 }
            store.fail(.sources([.init(.error, file: "news/bad.md", line: 3, step: "front matter", message: "invalid date `2023-13-45`")]))
            try await client.execute(uri: "/", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(body.contains("news/bad.md:3: error: [front matter] invalid date `2023-13-45`"))
                #expect(body.contains("data-file=\"news/bad.md\" data-line=\"3\""))
                #expect(response.headers[.eTag] != before.headers[.eTag])
                #expect(body.contains("快递小哥入会有了新通道"))
            }
            try await client.execute(uri: "/assets/site.css", method: .get) { response in
                #expect(!String(buffer: response.body).contains("unionpress-error"))
            }
            try await client.execute(uri: PreviewResponder.statusPath, method: .get) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("\"ok\":false"))
                #expect(body.contains("news/bad.md:3"))
            }
        }
    }

    @Test("banner text is escaped")
    func bannerEscapes() {
        let banner = ErrorBanner.banner(.sources([.init(.error, file: "a<b>.md", line: 1, step: "x", message: "<script>alert(1)</script> & \"q\"")]))
        #expect(!banner.contains("<script>alert"))
        #expect(banner.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(banner.contains("data-file=\"a&lt;b&gt;.md\""))
    }

    @Test("with no good build yet, every page is the error page, with the script so it recovers")
    func noSiteYet() async throws {
        let store = SiteStore()
        store.fail(.sources([.init(.error, file: "x.md", line: 2, step: "front matter", message: "malformed YAML")]))
        let app = Application(responder: PreviewResponder(store: store, hub: ReloadHub()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/articles/anything/", method: .get) { response in
                #expect(response.status == .internalServerError)
                let body = String(buffer: response.body)
                #expect(body.contains("x.md:2: error: [front matter] malformed YAML"))
                #expect(body.contains(ReloadScript.marker))
            }
        }
    }
}
