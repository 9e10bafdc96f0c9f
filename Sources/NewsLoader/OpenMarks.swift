/// Quotation marks and brackets a column break leaves open. A paragraph cut inside a quotation or a
/// bracket (`…“端午`, `…北控(水`) goes on with the paragraph that begins by closing it
/// (`节”等开展…`, `务)劳模…`), wherever the page dump put that one.
enum OpenMarks {
    /// A kind of mark: the ways a paper sets it open and closed (full- and half-width brackets are
    /// one kind: a dump may set each half in either).
    enum Kind: Sendable, Hashable {
        case doubleQuote, singleQuote, bracket, bookTitle, cornerQuote, whiteCornerQuote
    }

    /// How far from a paragraph's end a mark left open, or from its start a mark closed first, is
    /// still the column break's: a longer quotation is the paper's own, left open on purpose.
    static let reach = 20

    private static let opening: [Character: Kind] = [
        "“": .doubleQuote, "‘": .singleQuote, "（": .bracket, "(": .bracket, "《": .bookTitle, "「": .cornerQuote, "『": .whiteCornerQuote,
    ]
    private static let closing: [Character: Kind] = [
        "”": .doubleQuote, "’": .singleQuote, "）": .bracket, ")": .bracket, "》": .bookTitle, "」": .cornerQuote, "』": .whiteCornerQuote,
    ]

    /// The kind of the last mark `text` leaves open, when it stands within `reach` characters of
    /// the end; `nil` when every mark near the end is closed.
    static func kindLeftOpen(atEndOf text: String) -> Kind? {
        let (open, count) = marksLeftOpen(in: text)
        guard let last = open.last, count - last.offset <= reach else { return nil }
        return last.kind
    }

    /// Whether `text` leaves a mark of `kind` open anywhere: a quotation a column break cut may
    /// have begun long before the break.
    static func leavesOpen(_ kind: Kind, in text: String) -> Bool {
        marksLeftOpen(in: text).open.contains { $0.kind == kind }
    }

    /// The kind of the last mark `text` leaves open, however far from its end.
    static func lastKindLeftOpen(in text: String) -> Kind? {
        marksLeftOpen(in: text).open.last?.kind
    }

    /// Whether `text` closes a mark of `kind` before it opens one, anywhere in it.
    static func closesBeforeOpening(_ kind: Kind, in text: String) -> Bool {
        var depth = 0
        for character in text {
            if opening[character] == kind {
                depth += 1
            } else if closing[character] == kind {
                if depth == 0 { return true }
                depth -= 1
            }
        }
        return false
    }

    /// The marks `text` leaves open, each with its offset in characters, and the text's length.
    private static func marksLeftOpen(in text: String) -> (open: [(kind: Kind, offset: Int)], count: Int) {
        var open: [(kind: Kind, offset: Int)] = []
        var count = 0
        for character in text {
            if let kind = opening[character] {
                open.append((kind, count))
            } else if let kind = closing[character], let index = open.lastIndex(where: { $0.kind == kind }) {
                open.removeSubrange(index...)
            }
            count += 1
        }
        return (open, count)
    }

    /// The kind of mark `text` closes before opening one of its kind, within its first `reach`
    /// characters: the sign of a paragraph that goes on with another left open.
    static func kindClosedFirst(in text: String) -> Kind? {
        var depth: [Kind: Int] = [:]
        for character in text.prefix(reach) {
            if let kind = opening[character] {
                depth[kind, default: 0] += 1
            } else if let kind = closing[character] {
                guard let open = depth[kind], open > 0 else { return kind }
                depth[kind] = open - 1
            }
        }
        return nil
    }
}
