import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import NewsLoader
import Testing

/// A file is read as UTF-8 or as GB18030, never as nonsense: UTF-8 with a few bad bytes is an error
/// on their line, not a GB18030 text.
@Suite("Source encodings")
struct SourceEncodingTests {
    static let story = "杭州市总工会把职工书屋开进了建筑工地，工友们下班后可以在这里读书看报、上网学习。\n"

    /// `text` in GB18030, by the C library's converter.
    static func gb18030(_ text: String) throws -> Data {
        let converter = iconv_open("GB18030", "UTF-8")
        try #require(converter != iconv_t(bitPattern: -1))
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2)
        let produced = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var (inPointer, inLeft) = (inBuffer.baseAddress, inBuffer.count)
                var (outPointer, outLeft) = (outBuffer.baseAddress, outBuffer.count)
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 ? -1 : outBuffer.count - outLeft
            }
        }
        try #require(produced > 0)
        return Data(output[..<produced].map { UInt8(bitPattern: $0) })
    }

    @Test("UTF-8 text with bad bytes on one line is an error on that line, not read as GB18030")
    func badBytesInUTF8() {
        var bytes = Array(("第一行\n" + Self.story + Self.story).utf8)
        bytes += Array("第四行".utf8) + [0x81, 0x81] + Array("内容\n".utf8) + Array(Self.story.utf8)
        #expect(throws: SourceText.DecodingFailure.invalidUTF8(line: 4)) { try SourceText.decode(Data(bytes)) }
        // With CR LF line ends and a byte-order mark, the same line.
        let windows: [UInt8] = [0xEF, 0xBB, 0xBF] + bytes.flatMap { $0 == 0x0A ? [UInt8(0x0D), 0x0A] : [$0] }
        #expect(throws: SourceText.DecodingFailure.invalidUTF8(line: 4)) { try SourceText.decode(Data(windows)) }
    }

    @Test("GB18030 text is read as such, however many of its byte pairs happen to look like UTF-8")
    func gb18030Text() throws {
        let text = "全市工会开展送清凉\n本报记者 王芳\n" + String(repeating: Self.story, count: 20) + "浙江省宁波市鄞州区钟公庙街道\n"
        #expect(try SourceText.decode(try Self.gb18030(text)) == text)
    }

    @Test("bytes in neither encoding are an error naming the first line that is not UTF-8")
    func neither() {
        let bytes = Array("标题\n正文\n".utf8) + [0xFF, 0xFE, 0x80, 0x0A]
        #expect(throws: SourceText.DecodingFailure.unknownEncoding(line: 3)) { try SourceText.decode(Data(bytes)) }
    }
}
