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
        if bytes.contains(0x0D) { bytes = unixLineEnds(bytes) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let text = decodeGB18030(bytes) { return text }
        throw .unknownEncoding
    }

    /// Windows (CR LF) and old Mac (CR) line ends as LF, so every reader sees one kind of line and
    /// `file:line` counts lines as an editor does. Byte 0x0D is never inside a multi-byte character
    /// of UTF-8 or GB18030, so this is safe before decoding.
    private static func unixLineEnds(_ data: Data) -> Data {
        var result = Data()
        result.reserveCapacity(data.count)
        var previousWasCR = false
        for byte in data {
            if byte == 0x0D {
                result.append(0x0A)
                previousWasCR = true
            } else {
                if !(byte == 0x0A && previousWasCR) { result.append(byte) }
                previousWasCR = false
            }
        }
        return result
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
