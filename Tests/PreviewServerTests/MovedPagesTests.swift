import Foundation
@testable import PreviewServer
import Testing

/// A tab on a story follows it when the story's address changes: retitled, or its file renamed.
@Suite("Pages that moved")
struct MovedPagesTests {
    static func snapshot(_ pages: [String: String]) -> SiteSnapshot {
        var output: [String: Data] = ["index.html": Data("<html><body></body></html>".utf8)]
        for page in pages.values { output[page] = Data("<html><body>\(page)</body></html>".utf8) }
        return SiteSnapshot(output: output, articles: pages.count, pagesBySource: pages)
    }

    @Test("a retitled story's page moves to its new address")
    func retitled() {
        let old = Self.snapshot(["a.md#1": "articles/jiu-biao-ti-1a2b3c/index.html"])
        let new = Self.snapshot(["a.md#1": "articles/xin-biao-ti-4d5e6f/index.html"])
        #expect(new.movedPages(since: old) == ["articles/jiu-biao-ti-1a2b3c/index.html": "articles/xin-biao-ti-4d5e6f/index.html"])
    }

    @Test("the stories of a renamed file move to their new addresses, each the same n-th of its file")
    func renamed() {
        let old = Self.snapshot(["pages/003.txt#1": "articles/a-111111/index.html", "pages/003.txt#2": "articles/b-222222/index.html",
                                 "c.md#1": "articles/c-333333/index.html"])
        let new = Self.snapshot(["pages/003-renamed.txt#1": "articles/a-444444/index.html", "pages/003-renamed.txt#2": "articles/b-555555/index.html",
                                 "c.md#1": "articles/c-333333/index.html"])
        #expect(new.movedPages(since: old, renamed: ["pages/003.txt": "pages/003-renamed.txt"]) == [
            "articles/a-111111/index.html": "articles/a-444444/index.html",
            "articles/b-222222/index.html": "articles/b-555555/index.html",
        ])
        // Not told of the rename, nothing is known to have moved (the old pages are gone).
        #expect(new.movedPages(since: old) == [:])
    }

    @Test("a tab that missed a move (out of sight, or on an old link) is sent on to the story, however often it moved")
    func oldAddressSentOn() {
        let store = SiteStore()
        store.publish(Self.snapshot(["a.md#1": "articles/a-111111/index.html"]))
        store.publish(Self.snapshot(["b.md#1": "articles/a-222222/index.html"]), renamed: ["a.md": "b.md"])
        store.publish(Self.snapshot(["b.md#1": "articles/b-333333/index.html"]))
        let responder = PreviewResponder(store: store, hub: ReloadHub())
        for old in ["/articles/a-111111/", "/articles/a-222222/"] {
            let response = responder.serve(path: old, query: nil, ifNoneMatch: nil)
            #expect(response.status == .found, "\(old)")
            #expect(response.headers[.location] == "/articles/b-333333/", "\(old)")
        }
        #expect(responder.serve(path: "/articles/b-333333/", query: nil, ifNoneMatch: nil).status == .ok)
        #expect(responder.serve(path: "/articles/never-was/", query: nil, ifNoneMatch: nil).status == .notFound)
        // A page that is back at an address that once moved is served, not sent on.
        store.publish(Self.snapshot(["b.md#1": "articles/b-333333/index.html", "c.md#1": "articles/a-111111/index.html"]))
        #expect(responder.serve(path: "/articles/a-111111/", query: nil, ifNoneMatch: nil).status == .ok)
    }
}
