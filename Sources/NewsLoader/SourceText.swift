import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of a source file into text.
///
/// Chinese text files arrive as UTF-8 (with or without a byte-order mark) or as GB18030/GBK from older
/// Windows tools. Anything else, and any file holding NUL bytes, is refused rather than guessed at.
enum SourceText {
    /// Why bytes could not be read as text.
    enum DecodingFailure: Error, Equatable {
        case containsNUL(line: Int)
        case unknownEncoding
    }

    /// Decodes `data`, reporting the line of the first NUL byte if there is one.
    static func decode(_ data: Data) throws(DecodingFailure) -> String {
        if let nul = data.firstIndex(of: 0) {
            let line = data[data.startIndex..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw .containsNUL(line: line)
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let text = decodeGB18030(bytes) { return text }
        throw .unknownEncoding
    }

    /// Decodes GB18030 (a superset of GBK and GB2312) with the C library's iconv.
    private static func decodeGB18030(_ data: Data) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = [CChar](repeating: 0, count: data.count)
        input.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
        var output = [CChar](repeating: 0, count: data.count * 2 + 4)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(validating: output[..<produced].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
