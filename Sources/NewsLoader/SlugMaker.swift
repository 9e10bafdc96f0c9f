import NewsModel

/// Makes article slugs: readable pinyin of the title plus a short fingerprint of where the story
/// came from, so a slug never changes when other articles are added and two stories with one title
/// still get two URLs.
public struct SlugMaker: Sendable {
    /// Syllables kept from the title; more make URLs unwieldy.
    public static let maxWords = 12
    private let pinyin: Pinyin

    /// Creates a slug maker reading titles with `pinyin`.
    public init(pinyin: Pinyin) { self.pinyin = pinyin }

    /// The slug for a story titled `title` read from `file`. `occurrence` (1-based) tells apart
    /// stories with the same title in the same file.
    public func slug(title: String, file: String, occurrence: Int = 1) -> Slug {
        let words = pinyin.words(title).prefix(Self.maxWords)
        var fingerprint = String(Self.fnv1a("\(file)\n\(title)"), radix: 16)
        fingerprint = String(repeating: "0", count: max(0, 16 - fingerprint.count)) + fingerprint
        var text = (words + [String(fingerprint.prefix(6))]).joined(separator: "-")
        if occurrence > 1 { text += "-\(occurrence)" }
        return Slug(text) ?? Slug(String(fingerprint.prefix(6)))!
    }

    /// 64-bit FNV-1a: stable across runs and platforms, unlike `Hasher`.
    /// - Parameter text: the text to hash, as UTF-8.
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
