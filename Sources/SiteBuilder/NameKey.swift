import Foundation

/// A person's name as a dictionary key: equal as strings are (canonically equivalent), hashed by
/// the bytes of its normalised form.
///
/// Hashing a `String` that is not ASCII normalises it on the way, and comparing two such strings
/// normalises both: about a thousand instructions for a lookup by a Chinese name of three
/// characters. A name made only of ASCII, the middle dot and the scalars U+3400–U+9FFF (the unified
/// Han ideographs, and the hexagram symbols between their blocks) is its own normal form (none of
/// them decomposes, combines or composes with a neighbour), so its bytes are hashed and compared as
/// they are; any other name (U+0387, which is the middle dot; the Kelvin sign, which is K; a
/// compatibility ideograph) is normalised for hashing and compared as a string, so that equal names
/// always hash alike.
struct NameKey: Hashable {
    /// The name.
    let name: String
    /// Whether `name` is its own normal form (see `isOwnNormalForm`).
    private let isNormal: Bool

    /// The key of `name`.
    init(name: String) {
        self.name = name
        isNormal = Self.isOwnNormalForm(name)
    }

    /// Equal when the names are equal as strings.
    static func == (left: NameKey, right: NameKey) -> Bool {
        // Two normal forms are equivalent only when they are the same bytes.
        left.isNormal && right.isNormal ? sameBytes(left.name, right.name) : left.name == right.name
    }

    /// Whether `left` and `right` are the same UTF-8 bytes, compared at once (the views' generic
    /// `elementsEqual` stepped through them byte by byte, about 450 instructions a name).
    private static func sameBytes(_ left: String, _ right: String) -> Bool {
        var (left, right) = (left, right)
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                leftBytes.count == rightBytes.count
                    && (leftBytes.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0)
            }
        }
    }

    /// Hashes the bytes of the name's normal form.
    func hash(into hasher: inout Hasher) {
        var normal = isNormal ? name : name.precomposedStringWithCanonicalMapping
        normal.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Whether every scalar of `text` is ASCII, the middle dot (U+00B7) or a Han ideograph of the
    /// unified blocks U+3400–U+9FFF, read from the lead bytes of its UTF-8.
    static func isOwnNormalForm(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                } else if lead == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xB7 {
                    index += 2
                } else if (lead == 0xE3 && index + 1 < bytes.count && bytes[index + 1] >= 0x90) || (0xE4...0xE9).contains(lead) {
                    index += 3
                } else {
                    return false
                }
            }
            return true
        }
    }
}
