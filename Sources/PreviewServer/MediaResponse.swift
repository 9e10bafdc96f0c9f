import Foundation
import Hummingbird
import NewsLoader

/// The copy of a media file (`ServedMedia`), sent from the source file a piece at a time by
/// Hummingbird's `FileIO`: a film or a scanned edition is never read into memory. A byte range is
/// honoured (`ByteRange`), so a browser can seek in a video.
///
/// The file is read as it is when asked for, which may be before the rebuild that its change
/// starts: the `ETag` is made from the file's stamp then (size, time, inode), so that a tag never
/// names other bytes than those sent with it, and a range resumed with `If-Range` never mixes old
/// bytes with new.
enum MediaResponse {
    private static let fileIO = FileIO()

    /// The response to `request` for `media`, the copy at site-relative `path`; `nil` when the
    /// source file is gone (or is no longer a regular file) since the build.
    static func response(for media: ServedMedia, at path: String, request: Request, context: some RequestContext) async throws -> Response? {
        var status = stat()
        guard stat(media.file, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        let etag = Self.etag(status)
        var headers = PreviewResponder.commonHeaders
        headers[.contentType] = ContentType.of(path)
        headers[.eTag] = etag
        headers[.acceptRanges] = "bytes"
        if let ifNoneMatch = request.headers[.ifNoneMatch], PreviewResponder.matches(ifNoneMatch, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        // A range asked for on condition that the file is still the one named: else the whole file.
        let ifRange = request.headers[.ifRange]
        let range = ifRange == nil || ifRange == etag ? ByteRange.read(request.headers[.range], size: size) : .whole
        do {
            switch range {
            case .whole:
                return Response(status: .ok, headers: headers, body: promised(try await fileIO.loadFile(path: media.file, context: context)))
            case .part(let bytes):
                headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(size)"
                return Response(status: .partialContent, headers: headers,
                                body: promised(try await fileIO.loadFile(path: media.file, range: bytes, context: context)))
            case .unsatisfiable:
                headers[.contentRange] = "bytes */\(size)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
        } catch let error as HTTPError where error.status == .notFound {
            return nil  // removed between the look and the read
        }
    }

    /// The quoted `ETag` of the file whose status is `status`: its size, time and inode.
    static func etag(_ status: stat) -> String {
        let stamp = FileStamp(status)
        return "\"m\(String(stamp.size, radix: 16))-\(String(stamp.modified, radix: 16))-\(String(stamp.inode, radix: 16))\""
    }

    /// `body`, which ends with an error rather than short of the length it announced: a file cut
    /// short while it is sent (an editor saving a film again) then closes the connection, where
    /// finishing would leave the browser waiting for bytes that never come.
    private static func promised(_ body: ResponseBody) -> ResponseBody {
        guard let length = body.contentLength else { return body }
        return ResponseBody(contentLength: length) { writer in
            try await body.write(LengthKeepingWriter(writer: writer, promised: length))
        }
    }
}

/// Passes a body on, and refuses to finish it short of `promised` bytes (see
/// `MediaResponse.promised`).
private struct LengthKeepingWriter: ResponseBodyWriter {
    /// A body that ended before its announced length.
    struct CutShort: Error {}

    var writer: any ResponseBodyWriter
    let promised: Int
    var sent = 0

    mutating func write(_ buffer: ByteBuffer) async throws {
        sent += buffer.readableBytes
        try await writer.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        guard sent == promised else { throw CutShort() }
        try await writer.finish(trailingHeaders)
    }
}
