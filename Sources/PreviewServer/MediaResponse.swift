import Foundation
import Hummingbird

/// The copy of a media file (`ServedMedia`), sent from the source file a piece at a time by
/// Hummingbird's `FileIO`: a film or a scanned edition is never read into memory. A byte range is
/// honoured (`ByteRange`), so a browser can seek in a video; the `ETag` is made from the bytes the
/// build read.
enum MediaResponse {
    private static let fileIO = FileIO()

    /// The response to `request` for `media`, the copy at site-relative `path`; `nil` when the
    /// source file is gone (or is no longer a regular file) since the build.
    static func response(for media: ServedMedia, at path: String, request: Request, context: some RequestContext) async throws -> Response? {
        var status = stat()
        guard stat(media.file, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        var headers = PreviewResponder.commonHeaders
        headers[.contentType] = ContentType.of(path)
        headers[.eTag] = media.etag
        headers[.acceptRanges] = "bytes"
        if let ifNoneMatch = request.headers[.ifNoneMatch], PreviewResponder.matches(ifNoneMatch, etag: media.etag) {
            return Response(status: .notModified, headers: headers)
        }
        // A range asked for on condition that the file is still the one named: else the whole file.
        let ifRange = request.headers[.ifRange]
        let range = ifRange == nil || ifRange == media.etag ? ByteRange.read(request.headers[.range], size: size) : .whole
        do {
            switch range {
            case .whole:
                return Response(status: .ok, headers: headers, body: try await fileIO.loadFile(path: media.file, context: context))
            case .part(let bytes):
                headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(size)"
                return Response(status: .partialContent, headers: headers,
                                body: try await fileIO.loadFile(path: media.file, range: bytes, context: context))
            case .unsatisfiable:
                headers[.contentRange] = "bytes */\(size)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
        } catch let error as HTTPError where error.status == .notFound {
            return nil  // removed between the look and the read
        }
    }
}
