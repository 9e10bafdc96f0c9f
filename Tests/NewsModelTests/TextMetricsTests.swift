import Foundation
@testable import NewsModel
import Testing

@Suite("Text measures and fingerprints")
struct TextMetricsTests {
    /// Texts mixing the scalars of news stories with ones that join into longer characters.
    static let samples: [String] = [
        "", "本报讯 记者王芳 通讯员李明报道 近日，绍兴市上虞区总工会……",
        "第一行\n\n第二行\r\n第三行\u{2028}第四行", "e\u{301}t\u{301}é 👍🏽 🇨🇳 가각 \u{0600}1",
        "全角　空格\u{3000}与\u{00A0}不换行", String(repeating: "职工服务站建成。", count: 40),
        "\n\n  前导换行", "末尾换行\n\n", " \u{301}空格加组合符", "丁伀倀鿿 边界", "ꀀ边界",
    ]

    @Test("character and scalar counts equal the Character and scalar views'")
    func counts() {
        for text in Self.samples {
            #expect(TextMetrics.characterCount(text) == text.count, "\(text.debugDescription)")
            #expect(TextMetrics.scalarCount(text) == text.unicodeScalars.count, "\(text.debugDescription)")
            #expect(TextMetrics.nonWhitespaceCount(text) == text.reduce(0) { $1.isWhitespace ? $0 : $0 + 1 }, "\(text.debugDescription)")
            for count in 0...text.count + 1 {
                #expect(TextMetrics.hasCharacters(text, atLeast: count) == (text.count >= count), "\(text.debugDescription) \(count)")
            }
        }
        // Every length, so that scalars of one to four bytes straddle each 8-byte word and the tail.
        let mixed = String(repeating: "a工é𠀀👷‍♀️ \u{301}职", count: 4)
        for length in 0...mixed.unicodeScalars.count {
            let prefix = String(String.UnicodeScalarView(mixed.unicodeScalars.prefix(length)))
            #expect(TextMetrics.scalarCount(prefix) == length)
        }
    }

    @Test("flattened prefixes equal splitting on newlines, joining and cutting characters")
    func prefixes() {
        for text in Self.samples {
            for separator in ["", " "] {
                for limit in [0, 1, 5, 90, 120, 1000] {
                    let flat = text.split(whereSeparator: \.isNewline).joined(separator: separator)
                    let expected = (String(flat.prefix(limit)), flat.count > limit)
                    let actual = TextMetrics.flattenedPrefix(text, separator: separator, limit: limit)
                    #expect(actual.text == expected.0 && actual.truncated == expected.1, "\(text.debugDescription) \(limit)")
                }
            }
        }
    }

    @Test("every simple scalar is a character of its own")
    func simpleScalars() {
        var scalars: [Unicode.Scalar] = []
        for value in 0...0x2FFFF {
            guard let scalar = Unicode.Scalar(value), TextMetrics.isSimple(scalar) else { continue }
            scalars.append(scalar)
        }
        // Any two simple scalars side by side stay two characters, and each reads as it does alone.
        for (index, scalar) in scalars.enumerated() where index % 7 == 0 {
            let next = scalars[(index * 31) % scalars.count]
            var pair = String.UnicodeScalarView()
            pair.append(scalar)
            pair.append(next)
            #expect(String(pair).count == 2, "U+\(String(scalar.value, radix: 16)) U+\(String(next.value, radix: 16))")
            #expect(Character(scalar).isWhitespace == scalar.properties.isWhitespace)
        }
        for scalar in scalars {
            #expect(TextMetrics.isSimpleWhitespace(scalar.value) == scalar.properties.isWhitespace, "U+\(String(scalar.value, radix: 16))")
            #expect(Character(scalar).isNewline == (scalar == "\n"), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("fingerprints are stable across processes and tell values apart")
    func fingerprints() {
        #expect(Fingerprint.of("") == Fingerprint.of(""))
        #expect(Fingerprint.of("职工") != Fingerprint.of("职工 "))
        var first = Fingerprint()
        first.combine("ab")
        first.combine("c")
        var second = Fingerprint()
        second.combine("a")
        second.combine("bc")
        #expect(first.value != second.value)
        #expect(Fingerprint.of("UnionPress") == Fingerprint.of("UnionPress", seed: 0))
        #expect(Fingerprint.of("UnionPress") != Fingerprint.of("UnionPress", seed: 1))
    }

    @Test("fingerprints of bytes tell apart every length and every changed bit, in the four-lane runs and after them")
    func fingerprintsOfBytes() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<200).map { _ in UInt8.random(in: 0...255, using: &generator) }
        func fingerprint(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { Fingerprint.of(bytes: $0) } }
        // Every prefix, so every split between runs of 32 bytes, words and the tail.
        let prefixes = (0...bytes.count).map { fingerprint(Array(bytes.prefix($0))) }
        #expect(Set(prefixes).count == prefixes.count)
        // One bit flipped anywhere: in a lane, in the words after the runs, in the tail.
        var flipped = Set<UInt64>()
        for position in [0, 7, 8, 15, 16, 24, 31, 32, 63, 64, 95, 96, 100, 103, 104, 150, 199] {
            for bit in [0, 3, 7] {
                var changed = bytes
                changed[position] ^= 1 << bit
                flipped.insert(fingerprint(changed))
            }
        }
        #expect(flipped.count == 17 * 3)
        #expect(!flipped.contains(fingerprint(bytes)))
        // Lanes swapped (the same words in another order) differ.
        let swapped = Array(bytes[8..<16] + bytes[0..<8] + bytes[16...])
        #expect(fingerprint(swapped) != fingerprint(bytes))
        // The same bytes give the same fingerprint, however they are held.
        #expect(fingerprint(bytes) == Data(bytes).withUnsafeBytes { Fingerprint.of(bytes: $0) })
        // Every byte of every short input counts: the tail of 1 to 7 bytes is read with loads that
        // overlap, which must neither drop nor double a byte.
        for length in 1..<40 {
            let input = Array(bytes.prefix(length))
            for position in 0..<length {
                var changed = input
                changed[position] ^= 0x80
                #expect(fingerprint(changed) != fingerprint(input), "length \(length), byte \(position)")
            }
        }
    }

    @Test("fingerprints keep their values: each tail length, the words and the four-lane runs, as first made")
    func fingerprintValues() {
        let bytes = Array("职工之家ab1-报道UnionPress工会新闻网".utf8)
        let expected: [Int: UInt64] = [
            0: 0x29D9_CF47_228E_4E37, 1: 0x0944_05EE_339A_E253, 2: 0x5189_D9F9_ADF9_3B4F, 3: 0x6DF2_EFBE_29CB_75D3,
            4: 0x8559_D36D_758B_03B8, 5: 0x49DE_1220_6942_CB1A, 6: 0x8E8E_CEFB_4AD7_E80B, 7: 0x9195_E127_8AD2_08A0,
            8: 0x91EC_087F_1D1B_D6E0, 9: 0xD53E_D7C0_2B4C_9E55, 12: 0x6A68_3E2D_755F_485D, 15: 0x442C_0CAF_C4A8_4D31,
            16: 0xA8AB_78EA_85ED_5DF9, 17: 0xED7A_D5FE_5CDF_C2C2, 23: 0xEAE3_4008_C324_F359, 31: 0x71C2_96A6_B529_E4C6,
            32: 0xD104_E156_9564_28F7, 33: 0xB8AC_10C4_A4FF_E693, 39: 0xE58D_7EBA_9351_6AAC, 40: 0xB7BD_3351_64B7_9E4E,
            47: 0x1613_D7AB_5B37_1629,
        ]
        for (length, value) in expected {
            #expect(bytes.prefix(length).withUnsafeBytes { Fingerprint.of(bytes: $0) } == value, "length \(length)")
        }
    }

    @Test("a fingerprint of bytes given in pieces equals the one of all of them at once, however they are cut")
    func streamedFingerprints() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        func whole(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.withUnsafeBytes { Fingerprint.of(bytes: $0, seed: 7) } }
        func streamed(_ bytes: ArraySlice<UInt8>, cuts: [Int]) -> UInt64? {
            var stream = StreamedFingerprint(count: bytes.count, seed: 7)
            var start = bytes.startIndex
            for end in cuts.map({ bytes.startIndex + $0 }) + [bytes.endIndex] where end >= start {
                bytes[start..<end].withUnsafeBytes { _ = stream.add($0) }
                start = end
            }
            return stream.value
        }
        // Every length up to 300 (runs of 32, words, a tail), cut at every place, in pieces of
        // one byte, and in random pieces.
        for length in 0...bytes.count {
            let input = bytes.prefix(length)
            #expect(streamed(input, cuts: []) == whole(input), "length \(length)")
            #expect(streamed(input, cuts: Array(0..<length)) == whole(input), "length \(length) byte by byte")
            for cut in stride(from: 0, through: length, by: max(1, length / 13)) {
                #expect(streamed(input, cuts: [cut]) == whole(input), "length \(length) cut at \(cut)")
            }
            let random = (0..<4).map { _ in Int.random(in: 0...length, using: &generator) }.sorted()
            #expect(streamed(input, cuts: random) == whole(input), "length \(length) cut at \(random)")
        }
        // Fewer or more bytes than announced give no value.
        var short = StreamedFingerprint(count: 10)
        bytes.prefix(9).withUnsafeBytes { _ = short.add($0) }
        #expect(short.value == nil)
        var long = StreamedFingerprint(count: 10)
        #expect(bytes.prefix(8).withUnsafeBytes { long.add($0) })
        #expect(!bytes.prefix(3).withUnsafeBytes { long.add($0) })
        #expect(long.value == nil)
    }

    @Test("Parallel.forEach runs every index once and rethrows a failure")
    func parallel() throws {
        let seen = IndexCounter(count: 10_000)
        try Parallel.forEach(10_000) { seen.add($0) }
        #expect(seen.all { $0 == 1 })
        struct Failure: Error {}
        #expect(throws: Failure.self) { try Parallel.forEach(1000) { if $0 == 500 { throw Failure() } } }
    }
}

/// Per-index counters, incremented from any thread.
final class IndexCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int]

    init(count: Int) { counts = Array(repeating: 0, count: count) }

    func add(_ index: Int) { lock.withLock { counts[index] += 1 } }

    func all(_ predicate: (Int) -> Bool) -> Bool { lock.withLock { counts.allSatisfy(predicate) } }
}
