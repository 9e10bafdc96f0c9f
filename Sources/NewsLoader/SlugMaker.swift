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

    /// Hex digits of the fingerprint a slug carries: short enough to read, and in an archive of a
    /// million stories rarely shared by two whose titles read alike (see `makeUnique`).
    public static let fingerprintDigits = 6

    /// The slug for a story titled `title` read from `file`. `occurrence` (1-based) tells apart
    /// stories with the same title in the same file; `digits` is how much of the fingerprint of
    /// file and title it carries (at most 16).
    public func slug(title: String, file: String, occurrence: Int = 1, digits: Int = fingerprintDigits) -> Slug {
        let words = pinyin.words(title).prefix(Self.maxWords)
        var fingerprint = String(Self.fnv1a("\(file)\n\(title)"), radix: 16)
        fingerprint = String(repeating: "0", count: max(0, 16 - fingerprint.count)) + fingerprint
        // Put together as bytes: a string appended to word by word is copied as it outgrows its room.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.reduce(digits + 8) { $0 + $1.utf8.count + 1 })
        for word in words {
            bytes += word.utf8
            bytes.append(UInt8(ascii: "-"))
        }
        bytes += fingerprint.utf8.prefix(digits)
        if occurrence > 1 { bytes += "-\(occurrence)".utf8 }
        return Slug(String(decoding: bytes, as: UTF8.self)) ?? Slug(String(fingerprint.prefix(digits)))!
    }

    /// Gives each story a slug no other story has, so that no page is written over another's.
    ///
    /// Two stories from different files whose titles read alike draw the same slug when their
    /// fingerprints share the first `fingerprintDigits` digits (in one build of 100,000 generated
    /// stories a pair did). A story whose source fixed its slug keeps it; of the others, the first
    /// in the order given keeps it; each later one carries its whole
    /// fingerprint instead, and a counter if even that is taken. A story's slug so depends only on
    /// its own file and title unless it collides.
    /// - Parameter articles: the stories of a whole load, in file order.
    /// - Returns: a warning for each story whose slug made from its title a story's fixed slug
    ///   took: its page moves, and the links to its old address lead to the other story.
    @discardableResult
    public func makeUnique(_ articles: inout [Article]) -> [LoadDiagnostic] {
        // Slugs of distinct fingerprints are distinct, so the slugs are compared as text only when
        // two fingerprints are the same (a set of 100,000 slugs as text hashed each one with
        // SipHash and retained it, on memory not touched since it was decoded).
        var fingerprints = Set<UInt64>(minimumCapacity: articles.count)
        guard articles.contains(where: { !fingerprints.insert(Fingerprint.of($0.slug.value)).inserted }) else { return [] }
        // A slug the source fixed is the story's whatever comes before it (two stories fixing one
        // are an error of the load, see `PermalinkCheck`): the first story fixing each.
        var fixers: [String: Int] = [:]
        for index in articles.indices where articles[index].permalink.isFixed { fixers[articles[index].slug.value] = fixers[articles[index].slug.value] ?? index }
        var taken = Set<String>(minimumCapacity: articles.count)
        taken.formUnion(fixers.keys)
        var repeated: [Int] = []
        for index in articles.indices where !articles[index].permalink.isFixed && !taken.insert(articles[index].slug.value).inserted {
            repeated.append(index)
        }
        var notes: [LoadDiagnostic] = []
        for index in repeated {
            let article = articles[index]
            // Earlier stories of the same title in the same file, as the page reader counted them.
            let sameFile = articles[..<index].reversed().prefix { $0.source.file == article.source.file }
            let occurrence = 1 + sameFile.count { $0.headline.title == article.headline.title && !$0.permalink.isFixed }
            let long = slug(title: article.headline.title, file: article.source.file, occurrence: occurrence, digits: 16)
            articles[index].slug = Slug(Self.claim(long.value, in: &taken)) ?? long
            if let fixer = fixers[article.slug.value] {
                let fixing = articles[fixer]
                notes.append(LoadDiagnostic(.warning, file: fixing.permalink.file ?? fixing.source.file,
                                            line: fixing.permalink.fixedSlugLine, step: "address",
                                            message: "`slug` “\(article.slug)” is the address “\(article.headline.title)” (\(article.source.file)) has by its title: that story moves to \(articles[index].url), and links to its old address lead here"))
            }
        }
        return notes
    }

    /// Puts `text` into `taken` and returns it, or, when it is taken already, the first of
    /// `text-2`, `text-3`, … that is not.
    public static func claim(_ text: String, in taken: inout Set<String>) -> String {
        var candidate = text
        var counter = 2
        while !taken.insert(candidate).inserted {
            candidate = "\(text)-\(counter)"
            counter += 1
        }
        return candidate
    }

    /// 64-bit FNV-1a: stable across runs and platforms, unlike `Hasher`.
    /// - Parameter text: the text to hash, as UTF-8.
    public static func fnv1a(_ text: String) -> UInt64 { fnv1a(bytes: text.utf8) }

    /// 64-bit FNV-1a of `bytes`.
    static func fnv1a(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
