import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import PreviewServer

/// The preview sends the media files a story names from the source folder, a piece at a time, with
/// byte ranges for films; it holds none of them in memory.
@Suite("Media files in the preview")
struct MediaServingTests {
    /// Bytes that are no text, longer than one of the file reader's chunks (128 KiB).
    static let film: Data = {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<300_001).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }()

    /// Runs `test` against a responder serving a story that names a film, with a draft no story names.
    func withFilm(_ test: @escaping @Sendable (any TestClientProtocol, SiteStore, SourceFolder) async throws -> Void) async throws {
        let folder = try SourceFolder([
            "news/rider.md": Compose.article(title: "快递小哥入会有了新通道", body: "区总工会在驿站设立服务点。\n\n[现场视频](现场.mp4)"),
            "news/draft.docx": "draft",
        ])
        defer { folder.remove() }
        try Self.film.write(to: folder.url.appendingPathComponent("news/现场.mp4"))
        let (store, hub) = try builtStore(folder)
        let app = Application(responder: PreviewResponder(store: store, hub: hub))
        try await app.test(.router) { client in try await test(client, store, folder) }
    }

    static let filmPath = "/media/news/%E7%8E%B0%E5%9C%BA.mp4"

    @Test("a film is sent whole from the source file, typed, with an ETag and ranges offered; the preview holds none of its bytes")
    func whole() async throws {
        try await withFilm { client, store, _ in
            let site = try #require(store.current.site)
            #expect(site.files["media/news/现场.mp4"] == nil)
            #expect(site.media["media/news/现场.mp4"] != nil)
            try await client.execute(uri: Self.filmPath, method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == Self.film)
                #expect(response.headers[.contentType] == "video/mp4")
                #expect(response.headers[.acceptRanges] == "bytes")
                #expect(response.headers[.cacheControl] == "no-cache")
                #expect(response.headers[.eTag]?.hasPrefix("\"m") == true)
            }
            try await client.execute(uri: "/media/news/draft.docx", method: .get) { response in
                #expect(response.status == .notFound, "a file no story names is not the site's")
            }
        }
    }

    @Test("a range is answered 206 with its bytes; a suffix range with the last bytes; one past the end 416")
    func ranges() async throws {
        try await withFilm { client, _, _ in
            let size = Self.film.count
            for (header, expected) in [("bytes=100-199", 100...199), ("bytes=-10", (size - 10)...(size - 1)),
                                       ("bytes=200000-", 200_000...(size - 1)), ("bytes=5-999999999", 5...(size - 1))] {
                try await client.execute(uri: Self.filmPath, method: .get, headers: [.range: header]) { response in
                    #expect(response.status == .partialContent, "\(header)")
                    #expect(Data(buffer: response.body) == Self.film[expected], "\(header)")
                    #expect(response.headers[.contentRange] == "bytes \(expected.lowerBound)-\(expected.upperBound)/\(size)", "\(header)")
                }
            }
            try await client.execute(uri: Self.filmPath, method: .get, headers: [.range: "bytes=\(size)-"]) { response in
                #expect(response.status == .rangeNotSatisfiable)
                #expect(response.headers[.contentRange] == "bytes */\(size)")
            }
        }
    }

    @Test("If-None-Match with the tag gets 304; a range on condition of another tag gets the whole film")
    func conditions() async throws {
        try await withFilm { client, _, _ in
            let etag = try await client.execute(uri: Self.filmPath, method: .head) { $0.headers[.eTag] }
            let tag = try #require(etag)
            try await client.execute(uri: Self.filmPath, method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: Self.filmPath, method: .get, headers: [.range: "bytes=0-9", .ifRange: "\"other\""]) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == Self.film.count)
            }
            try await client.execute(uri: Self.filmPath, method: .get, headers: [.range: "bytes=0-9", .ifRange: tag]) { response in
                #expect(response.status == .partialContent)
            }
        }
    }

    @Test("a film saved again before the rebuild is sent under a new tag: a range resumed with the old one gets the whole new film")
    func tagFollowsTheFile() async throws {
        try await withFilm { client, _, folder in
            let etag = try await client.execute(uri: Self.filmPath, method: .head) { $0.headers[.eTag] }
            let old = try #require(etag)
            let saved = Data("another cut of the film".utf8)
            try saved.write(to: folder.url.appendingPathComponent("news/现场.mp4"))
            try await client.execute(uri: Self.filmPath, method: .get, headers: [.range: "bytes=0-3", .ifRange: old]) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == saved)
                #expect(response.headers[.eTag] != old)
            }
        }
    }

    @Test("a film removed from the source folder since the build gets the site's 404 page")
    func removed() async throws {
        try await withFilm { client, _, folder in
            try FileManager.default.removeItem(at: folder.url.appendingPathComponent("news/现场.mp4"))
            try await client.execute(uri: Self.filmPath, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
        }
    }

    @Test("a Range header is read as RFC 9110 says, for one range", arguments: [
        ("bytes=0-0", ByteRange.part(0...0)), ("bytes=10-19", .part(10...19)), ("bytes=10-", .part(10...99)),
        ("bytes=-1", .part(99...99)), ("bytes=-500", .part(0...99)), ("bytes=90-200", .part(90...99)),
        ("bytes=100-", .unsatisfiable), ("bytes=-0", .unsatisfiable), ("bytes=99999999999999999999999-", .unsatisfiable),
        ("bytes=20-10", .whole), ("bytes=0-1,5-6", .whole), ("items=0-1", .whole), ("bytes=a-b", .whole), ("bytes=", .whole),
        ("bytes=-", .whole), ("BYTES=1-2", .part(1...2)),
    ])
    func byteRanges(header: String, expected: ByteRange) {
        #expect(ByteRange.read(header, size: 100) == expected)
        #expect(ByteRange.read(nil, size: 100) == .whole)
        #expect(ByteRange.read(header, size: 0) == .whole, "a file of no bytes is sent whole")
    }
}
