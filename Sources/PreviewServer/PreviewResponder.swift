import Foundation
import Hummingbird

/// Answers every request of the preview: the site's files from memory, the copies of media files
/// from the source folder (`MediaResponse`), the live-reload event stream, and a small status
/// document.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// The site being served.
    let store: SiteStore
    /// The open event streams.
    let hub: ReloadHub

    /// A JSON summary of the preview's state, for tools and tests.
    static let statusPath = "/__unionpress/status"

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "405 method not allowed\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let path = request.uri.path
        let response: Response
        switch path {
        case ReloadScript.eventsPath:
            response = request.method == .head ? Self.eventStreamHead() : events()
        case Self.statusPath:
            response = status()
        default:
            if let (key, media) = media(at: path), let sent = try await MediaResponse.response(for: media, at: key, request: request, context: context) {
                response = sent
            } else {
                response = serve(path: path, query: request.uri.query, ifNoneMatch: request.headers[.ifNoneMatch])
            }
        }
        return request.method == .head ? response.createHeadResponse() : response
    }

    /// The copy of a media file that `path` names, and its site-relative path.
    func media(at path: String) -> (String, ServedMedia)? {
        guard let site = store.current.site, !site.media.isEmpty,
              case .file(let key) = SitePath.resolve(path, exists: { site.files[$0] != nil }), let media = site.media[key] else { return nil }
        return (key, media)
    }

    /// A file of the site, a redirect, or the site's 404 page.
    func serve(path: String, query: String?, ifNoneMatch: String?) -> Response {
        let state = store.current
        guard let site = state.site else {
            let page = ErrorBanner.page(state.failure ?? .render(reason: "the site has not been built yet"))
            let (body, _) = ReloadScript.inject(ReloadScript.tag(version: state.version, warnings: state.warningsVersion), into: Data(page.utf8))
            return Self.response(.internalServerError, body: ByteBuffer(bytes: body), type: ContentType.byExtension["html"] ?? "", etag: nil)
        }
        switch SitePath.resolve(path, query: query, exists: { site.files[$0] != nil }) {
        case .badRequest:
            return Self.text(.badRequest, "400 bad request\n")
        case .redirect(let location):
            var response = Self.text(.movedPermanently, "301 moved permanently: \(location)\n")
            response.headers[.location] = location
            return response
        case .file(let key):
            if let file = site.files[key] {
                return send(file, at: key, status: .ok, state: state, ifNoneMatch: ifNoneMatch)
            }
            // A story that moved while the preview ran (retitled, or its file renamed): sent on.
            if let page = state.moved[key] {
                let location = "/" + (page.hasSuffix("/index.html") ? String(page.dropLast("index.html".count)) : page)
                var response = Self.text(.found, "302 found: \(location)\n")
                response.headers[.location] = location
                return response
            }
            if let notFound = site.files["404.html"] {
                return send(notFound, at: "404.html", status: .notFound, state: state, ifNoneMatch: nil)
            }
            return Self.text(.notFound, "404 not found\n")
        }
    }

    /// `file`, the site's file at `path`, with its headers; HTML gets the live-reload script, and
    /// the error banner or the warning panel (`SiteState.body(of:at:)`).
    private func send(_ file: ServedFile, at path: String, status: HTTPResponse.Status, state: SiteState, ifNoneMatch: String?) -> Response {
        let etag = state.etag(of: file)
        if status == .ok, let ifNoneMatch, Self.matches(ifNoneMatch, etag: etag) {
            var headers = Self.commonHeaders
            headers[.eTag] = etag
            var response = Response(status: .notModified, headers: headers)
            response.headers[.contentLength] = nil  // a 304 has no body and must not claim a length of 0
            return response
        }
        return Self.response(status, body: state.body(of: file, at: path), type: file.contentType, etag: etag)
    }

    /// Whether an `If-None-Match` value names `etag` (weak comparison, as RFC 9110 asks for this header).
    static func matches(_ ifNoneMatch: String, etag: String) -> Bool {
        if ifNoneMatch == etag { return true }  // the usual case: a browser sends back the one tag it has
        let plain = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        for candidate in ifNoneMatch.split(separator: ",") {
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag == plain { return true }
        }
        return false
    }

    /// The live-reload stream: a `hello` with the current version, then `change` events.
    private func events() -> Response {
        // Subscribe before reading the version: a change in between is then queued, not lost.
        let stream = hub.subscribe()
        let hello = ReloadHub.hello(version: store.current.version)
        return Response(status: .ok, headers: Self.eventStreamHeaders, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: hello))
            for await message in stream {
                try await writer.write(ByteBuffer(string: message))
            }
            try await writer.finish(nil)
        })
    }

    private static func eventStreamHead() -> Response { Response(status: .ok, headers: eventStreamHeaders) }

    private static let eventStreamHeaders: HTTPFields = [
        .contentType: "text/event-stream; charset=utf-8",
        .cacheControl: "no-cache",
    ]

    /// `{"articles":N,"errors":[…],"ok":true|false,"version":"…","warnings":[…]}`.
    private func status() -> Response {
        struct Status: Encodable {
            var articles: Int
            var errors: [String]
            var ok: Bool
            var version: String
            var warnings: [String]
        }
        let state = store.current
        let value = Status(articles: state.site?.articles ?? 0, errors: state.failure?.problems.map(\.description) ?? [],
                           ok: state.site != nil && state.failure == nil, version: state.version,
                           warnings: (state.failure.map(\.warnings) ?? state.site?.warnings ?? []).map(\.description))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Self.response(.ok, body: ByteBuffer(bytes: data), type: ContentType.byExtension["json"] ?? "", etag: nil)
    }

    /// Headers on every response: browsers must revalidate, so an edit is never hidden by a cache.
    static let commonHeaders: HTTPFields = [
        .cacheControl: "no-cache",
        .xContentTypeOptions: "nosniff",
    ]

    static func response(_ status: HTTPResponse.Status, body: ByteBuffer, type: String, etag: String?) -> Response {
        var headers = commonHeaders
        headers[.contentType] = type
        if let etag { headers[.eTag] = etag }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        response(status, body: ByteBuffer(string: text), type: ContentType.byExtension["txt"] ?? "", etag: nil)
    }
}
