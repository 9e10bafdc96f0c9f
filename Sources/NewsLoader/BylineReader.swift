/// Reads the byline that opens the first paragraph of a printed story.
///
/// Forms handled: `本报讯`, `记者X报道`, `通讯员Y`, `记者X 通讯员Y 报道`, `记者X摄影报道`,
/// several names sharing one role (`通讯员陈瑞瑶、曹思怡`, `记者邵雨晴 李明报道`), a parenthesised form
/// (`本报讯（记者X 通讯员Y）`), traditional characters (`本報訊 記者X`), the paper's own staff
/// (`本报记者 X`), a commentator (`□ 本报评论员 X`), a mark before the roles (`□记者 X 通讯员 Y`) or
/// before a signed commentary's author alone (`□ 陈立新`), and a byline alone on its line
/// with no `报道` after it (the story's text then begins in the next paragraph).
enum BylineReader {
    /// The byline and the paragraph text after it.
    struct Result: Equatable {
        var credits: Credits
        /// True when the paragraph opened with the `本报讯` marker.
        var hasNewsMarker: Bool
        /// The paragraph with the byline removed.
        var rest: String
    }

    private static let markers = ["本报讯", "本报消息"]
    /// Marks a paper sets before a byline on its own line.
    private static let bylineMarks: Set<Character> = ["□", "■"]
    private static let roles: [(prefix: String, role: Role)] = [
        ("记者", .reporter), ("通讯员", .correspondent), ("实习生", .correspondent), ("特约记者", .reporter),
        ("本报记者", .reporter), ("本报通讯员", .correspondent), ("本报特约记者", .reporter),
        ("评论员", .reporter), ("本报评论员", .reporter), ("特约评论员", .reporter), ("本报特约评论员", .reporter),
    ]
    /// Whether `word` begins with a role's word (`记者`, `通讯员`).
    static func startsWithRole(_ word: Substring) -> Bool {
        roles.contains { word.hasPrefix($0.prefix) }
    }
    private static let terminators = ["摄影报道", "报道", "摄", "整理", "文/图", "文／图", "图/文", "图／文", "图文"]
    /// The terminators that end a byline only where the line ends, a space or a closing parenthesis
    /// follows: `整理` begins running text too (`记者近日整理全市…`).
    private static let terminatorsAtABreak: Set<String> = ["整理", "图文"]

    /// The terminator at `index` of `folded`, if one stands there.
    private static func terminator(in folded: [Character], at index: Int) -> String? {
        terminators.first { word in
            let end = index + word.count
            guard end <= folded.count, Array(folded[index..<end]) == Array(word) else { return false }
            return !terminatorsAtABreak.contains(word) || end == folded.count || folded[end].isWhitespace || ")）".contains(folded[end])
        }
    }
    /// The terminators that make the byline's people its photographers too (`记者X摄影报道`, `记者X 文/图`).
    private static let photographingTerminators: Set<String> = ["摄影报道", "摄", "文/图", "文／图", "图/文", "图／文", "图文"]
    /// The words of the roles a byline names people by (`记者`, `本报通讯员`…).
    static var roleWords: [String] { roles.map(\.prefix) }
    private enum Role { case reporter, correspondent }

    /// Reads a byline at the start of `paragraph`, or returns `nil` if it has none.
    static func read(_ paragraph: String) -> Result? {
        mayOpen(paragraph) ? readOpening(paragraph) : nil
    }

    /// Whether a byline can open `paragraph`: its first character but white space, with the
    /// traditional forms folded, begins a marker or a role, or is a parenthesis. Most paragraphs'
    /// is not, and reading one makes two arrays of its characters first.
    static func mayOpen(_ paragraph: String) -> Bool {
        guard let first = paragraph.first(where: { !$0.isWhitespace }),
              let folded = ChineseText.simplifiedMarkers(String(first)).first else { return false }
        return openings.contains(folded)
    }

    /// The first characters of the markers and the roles, and the parentheses.
    private static let openings: Set<Character> = {
        let words = markers + roles.map(\.prefix)
        // An empty one would open every paragraph (`readOpening` finds it everywhere).
        precondition(!words.contains(where: \.isEmpty), "a byline marker or role is empty")
        return Set(words.compactMap(\.first) + ["(", "（"]).union(bylineMarks)
    }()

    /// `read`, whatever the paragraph's first character.
    static func readOpening(_ paragraph: String) -> Result? {
        let folded = Array(ChineseText.simplifiedMarkers(paragraph))
        let original = Array(paragraph)
        guard folded.count == original.count else { return nil }
        var index = 0
        var credits = Credits()
        var hasMarker = false

        func skipSpaces() { while index < folded.count, folded[index].isWhitespace { index += 1 } }
        func has(_ word: String) -> Bool {
            let chars = Array(word)
            return index + chars.count <= folded.count && Array(folded[index..<index + chars.count]) == chars
        }

        skipSpaces()
        let marked = index < folded.count && bylineMarks.contains(folded[index])
        if marked {
            // A box's label after a mark (`■链接`) is no byline of someone called 链接.
            guard !PageDumpReader.isBoxLabel(paragraph) else { return nil }
            index += 1
            skipSpaces()
        }
        if !marked, let marker = markers.first(where: has) { index += marker.count; hasMarker = true }
        skipSpaces()
        let parenthesised = index < folded.count && (folded[index] == "(" || folded[index] == "（")
        if parenthesised { index += 1 }
        var sawName = false
        var terminated = false
        // What tells a byline alone on its line from a headline such as `记者走基层` or `本报记者调查`:
        // a mark, a space after the role, or more than one role.
        var setApart = marked
        var roleCount = 0
        roleLoop: while true {
            skipSpaces()
            guard let role = roles.sorted(by: { $0.prefix.count > $1.prefix.count }).first(where: { has($0.prefix) }) else { break }
            index += role.prefix.count
            roleCount += 1
            if index < folded.count && folded[index].isWhitespace { setApart = true }
            skipSpaces()
            var names: [String] = []
            var name = readName(folded, original, &index)
            while let found = name {
                names.append(found)
                name = nil
                if index < folded.count, "、,，".contains(folded[index]) {
                    index += 1
                    name = readName(folded, original, &index)
                    continue
                }
                // Names set apart by a space (`记者邵雨晴 李明报道`): another name of the same role when
                // what follows it ends the byline or names a role, not the story's first words.
                let beforeSpace = index
                skipSpaces()
                if index > beforeSpace, let next = nameClosingByline(folded, original, at: index) {
                    name = next.name
                    index = next.end
                } else {
                    index = beforeSpace
                }
            }
            guard !names.isEmpty else { return nil }
            sawName = true
            switch role.role {
            case .reporter: credits.reporters += names
            case .correspondent: credits.correspondents += names
            }
            skipSpaces()
            if let end = terminator(in: folded, at: index) {
                index += end.count
                if photographingTerminators.contains(end) { credits.photographers += credits.reporters + credits.correspondents }
                terminated = true
                break roleLoop
            }
        }
        // A signed commentary's author under its mark alone (`□ 陈立新`): a name of two or three
        // characters and nothing else on the line.
        if marked, !sawName, !parenthesised {
            var end = index
            if let name = readName(folded, original, &end), name.count <= 3, end == folded.count {
                credits.reporters = [name]
                index = end
                sawName = true
                terminated = true
            }
        }
        skipSpaces()
        // Names that end the paragraph: a byline alone on its line.
        if sawName, !parenthesised, index == folded.count, setApart || roleCount > 1 { terminated = true }
        if parenthesised {
            guard index < folded.count, folded[index] == ")" || folded[index] == "）" else { return nil }
            index += 1
            terminated = true
        }
        guard (sawName && terminated) || hasMarker else { return nil }
        skipSpaces()
        var seen = Set<String>()
        credits.photographers = credits.photographers.filter { seen.insert($0).inserted }
        return Result(credits: credits, hasNewsMarker: hasMarker, rest: String(original[index...]))
    }

    /// A name at `start` that a terminator (`报道`, `摄`) or a closing parenthesis follows, after
    /// spaces if any, or another role with its names and a terminator (`李明 沈悦 记者王芳报道`),
    /// with where the name ends; `nil` for any other text (`近日记者从…获悉`, `省总工会、省人社厅…`:
    /// the story's first words).
    private static func nameClosingByline(_ folded: [Character], _ original: [Character], at start: Int) -> (name: String, end: Int)? {
        let text = folded[start...]
        // The next role's word (`记者王芳`) or a terminator is no name.
        guard !roles.contains(where: { text.starts(with: $0.prefix) }), terminator(in: folded, at: start) == nil else { return nil }
        var index = start
        guard let name = readName(folded, original, &index) else { return nil }
        var after = index
        func skipSpaces() { while after < folded.count, folded[after].isWhitespace { after += 1 } }
        skipSpaces()
        guard after < folded.count else { return nil }
        if terminator(in: folded, at: after) != nil || ")）".contains(folded[after]) { return (name, index) }
        // Another role: it must name someone and end the byline, as the whole byline must.
        guard let role = roles.sorted(by: { $0.prefix.count > $1.prefix.count }).first(where: { folded[after...].starts(with: $0.prefix) }) else { return nil }
        after += role.prefix.count
        skipSpaces()
        var probe = after
        guard readName(folded, original, &probe) != nil else { return nil }
        after = probe
        skipSpaces()
        guard after < folded.count, terminator(in: folded, at: after) != nil || ")）".contains(folded[after]) else { return nil }
        return (name, index)
    }

    /// Reads one name of two to four Han characters, stopping before a role word, a terminator or a separator.
    private static func readName(_ folded: [Character], _ original: [Character], _ index: inout Int) -> String? {
        let roleWords = roles.map(\.prefix)
        func stopsAt(_ position: Int) -> Bool {
            terminator(in: folded, at: position) != nil || roleWords.contains { word in
                let chars = Array(word)
                return position + chars.count <= folded.count && Array(folded[position..<position + chars.count]) == chars
            }
        }
        var end = index
        while end < folded.count, end - index < 5 {
            let character = folded[end]
            guard ChineseText.isHan(character) || character == "·" else { break }
            if end - index >= 2, stopsAt(end) { break }
            end += 1
        }
        let length = end - index
        guard (2...4).contains(length) else { return nil }
        // A fifth Han character that is not a stop word means this was running text, not a name.
        if end < folded.count, ChineseText.isHan(folded[end]), !stopsAt(end) { return nil }
        let name = String(original[index..<end])
        index = end
        return name
    }
}
