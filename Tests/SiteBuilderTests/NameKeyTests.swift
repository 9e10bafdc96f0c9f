import Foundation
@testable import SiteBuilder
import Testing

/// People are found by name through `NameKey`, which hashes a Chinese name by its bytes: names
/// equal as strings must still be one key, however they are written.
@Suite("Names as keys")
struct NameKeyTests {
    @Test("ASCII, the middle dot and unified Han ideographs are their own normal form; anything else is not assumed to be")
    func ownNormalForm() {
        for name in ["王芳", "阿依古丽·买买提", "Li Wei", "㐀丂", "鿿", ""] {
            #expect(NameKey.isOwnNormalForm(name), "\(name)")
        }
        // A compatibility ideograph (U+F91D), a Latin letter and its combining accent, a Hangul
        // syllable, a full-width letter: each may have another form.
        for name in ["\u{F91D}", "e\u{301}", "é", "김", "Ａ", "王\u{300}"] {
            #expect(!NameKey.isOwnNormalForm(name), "\(name)")
        }
    }

    @Test("names equal as strings are one key, whether written the same way or not; others are not")
    func equalNamesOneKey() {
        let pairs: [(String, String)] = [
            ("王芳", "王芳"),
            // U+F91D decomposes to U+6B04: the same character to a reader and to `String`.
            ("李\u{F91D}", "李\u{6B04}"),
            ("Ren\u{E9}", "Rene\u{301}"),
            // U+0387 (Greek ano teleia) is the middle dot; U+212A (Kelvin sign) is K.
            ("阿依古丽\u{B7}买买提", "阿依古丽\u{387}买买提"),
            ("K", "\u{212A}"),
        ]
        for (left, right) in pairs {
            #expect(left == right)
            #expect(NameKey(name: left) == NameKey(name: right))
            #expect(NameKey(name: left).hashValue == NameKey(name: right).hashValue, "\(left) and \(right)")
            var counts: [NameKey: Int] = [:]
            counts[NameKey(name: left), default: 0] += 1
            counts[NameKey(name: right), default: 0] += 1
            #expect(counts.count == 1 && counts.values.first == 2)
        }
        #expect(NameKey(name: "王芳") != NameKey(name: "王方"))
        #expect(NameKey(name: "王芳") != NameKey(name: "王芳·"))
        #expect(NameKey(name: "Rene") != NameKey(name: "Ren\u{E9}"))
    }
}
