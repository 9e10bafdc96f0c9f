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
        /// UTF-8 text but for bytes that are not (a file cut or mixed by a tool), first on `line`.
        case invalidUTF8(line: Int)
        /// Neither UTF-8 nor GB18030; `line` is the first not UTF-8.
        case unknownEncoding(line: Int)
    }

    /// Decodes `data`, reporting the line of the first NUL byte if there is one.
    static func decode(_ data: Data) throws(DecodingFailure) -> String {
        if let nul = data.firstIndex(of: 0) { throw .containsNUL(line: line(of: nul - data.startIndex, in: data)) }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.contains(0x0D) { bytes = unixLineEnds(bytes) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let survey = UTF8Survey(bytes)
        // Text nearly all of whose non-ASCII bytes are UTF-8 is UTF-8 with a few bad bytes: read as
        // GB18030 it would decode whole, as nonsense (two bytes of GB18030 make a character).
        if survey.isMostlyUTF8 { throw .invalidUTF8(line: line(of: survey.firstInvalid, in: bytes)) }
        if let text = decodeGB18030(bytes) { return text }
        throw .unknownEncoding(line: line(of: survey.firstInvalid, in: bytes))
    }

    /// The line (from 1) of the byte at `offset` from the start of `bytes`.
    private static func line(of offset: Int, in bytes: Data) -> Int {
        bytes[bytes.startIndex..<(bytes.startIndex + offset)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// How much of a text's non-ASCII bytes form UTF-8 characters, and where the first that does not lies.
    struct UTF8Survey {
        /// Non-ASCII bytes that belong to well-formed UTF-8 characters.
        var inCharacters = 0
        /// All non-ASCII bytes.
        var nonASCII = 0
        /// The offset of the first byte that is not part of a UTF-8 character (from the start of the bytes).
        var firstInvalid = 0

        init(_ bytes: Data) {
            var found: Int?
            bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                var index = 0
                while index < buffer.count {
                    let lead = buffer[index]
                    guard lead >= 0x80 else { index += 1; continue }
                    let length = Self.characterLength(buffer, at: index)
                    if length > 0 {
                        inCharacters += length
                        nonASCII += length
                        index += length
                    } else {
                        if found == nil { found = index }
                        nonASCII += 1
                        index += 1
                    }
                }
            }
            firstInvalid = found ?? bytes.count
        }

        /// Whether at least nine in ten non-ASCII bytes are UTF-8, and at least 30 of them (ten
        /// Chinese characters): GBK text seldom forms even a few UTF-8 characters.
        var isMostlyUTF8: Bool { inCharacters >= 30 && inCharacters * 10 >= nonASCII * 9 }

        /// The length of the well-formed UTF-8 character starting at `index` (Unicode's table 3-7),
        /// 0 when none starts there.
        static func characterLength(_ buffer: UnsafeRawBufferPointer, at index: Int) -> Int {
            let lead = buffer[index]
            let (length, secondLow, secondHigh): (Int, UInt8, UInt8)
            switch lead {
            case 0xC2...0xDF: (length, secondLow, secondHigh) = (2, 0x80, 0xBF)
            case 0xE0: (length, secondLow, secondHigh) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, secondLow, secondHigh) = (3, 0x80, 0xBF)
            case 0xED: (length, secondLow, secondHigh) = (3, 0x80, 0x9F)
            case 0xF0: (length, secondLow, secondHigh) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, secondLow, secondHigh) = (4, 0x80, 0xBF)
            case 0xF4: (length, secondLow, secondHigh) = (4, 0x80, 0x8F)
            default: return 0
            }
            guard index + length <= buffer.count, (secondLow...secondHigh).contains(buffer[index + 1]) else { return 0 }
            for offset in 2..<max(2, length) where !(0x80...0xBF).contains(buffer[index + offset]) { return 0 }
            return length
        }
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
