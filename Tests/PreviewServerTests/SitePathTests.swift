import Testing
@testable import PreviewServer

@Suite("request paths map to the files the build produced, and nothing else")
struct SitePathTests {
    static let files: Set<String> = ["index.html", "articles/a/index.html", "assets/site.css", "404.html"]
    func resolve(_ path: String, query: String? = nil) -> SitePath.Resolution {
        SitePath.resolve(path, query: query, exists: { Self.files.contains($0) })
    }

    @Test("the root and folder URLs serve index.html")
    func folders() {
        #expect(resolve("/") == .file("index.html"))
        #expect(resolve("/articles/a/") == .file("articles/a/index.html"))
        #expect(resolve("/assets/site.css") == .file("assets/site.css"))
    }

    @Test("a folder without its slash redirects, keeping the query")
    func redirect() {
        #expect(resolve("/articles/a") == .redirect("/articles/a/"))
        #expect(resolve("/articles/a", query: "x=1") == .redirect("/articles/a/?x=1"))
        #expect(resolve("/articles/b") == .file("articles/b"))
    }

    @Test("percent-encoding is decoded once", arguments: [
        ("/assets/site%2ecss", SitePath.Resolution.file("assets/site.css")),
        ("/%E4%B8%AD/", .file("中/index.html")),
    ])
    func decoding(path: String, expected: SitePath.Resolution) {
        #expect(resolve(path) == expected)
    }

    @Test("traversal and malformed paths are refused", arguments: [
        "/..", "/../", "/../etc/passwd", "/articles/../index.html", "/./index.html", "/articles/a/..",
        "/%2e%2e/etc/passwd", "/%2E%2E/", "/.%2e/", "/%2e./x", "/articles%2f..%2f404.html", "/a%2Fb",
        "/..%5c..%5cwindows", "/a%5cb", "/a\\b", "/..\\..\\", "/a%00.html", "/a\u{0}b", "/a%0ab", "//etc/passwd",
        "/a//b", "relative", "", "/%zz", "/%e4%b8", "/%", "/%2",
    ])
    func refused(path: String) {
        #expect(resolve(path) == .badRequest)
    }

    @Test("an absurdly long path is refused")
    func tooLong() {
        #expect(resolve("/" + String(repeating: "a", count: SitePath.maximumLength + 1)) == .badRequest)
    }
}
