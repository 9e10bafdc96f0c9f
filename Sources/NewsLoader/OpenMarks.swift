/// Quotation marks and brackets a column break leaves open. A paragraph cut inside a quotation or a
/// bracket (`…“端午`, `…北控(水`) goes on with the paragraph that begins by closing it
/// (`节”等开展…`, `务)劳模…`), wherever the page dump put that one.
///
/// The marks are single scalars: the text is read scalar by scalar, not character by character
/// (which would find the boundaries of every character of every paragraph a page leaves open).
enum OpenMarks {
    /// A kind of mark: the ways a paper sets it open and closed (full- and half-width brackets are
    /// one kind: a dump may set each half in either).
    enum Kind: Int, Sendable, Hashable, CaseIterable {
        case doubleQuote, singleQuote, bracket, bookTitle, cornerQuote, whiteCornerQuote
    }

    /// How far from a paragraph's end a mark left open, or from its start a mark closed first, is
    /// still the column break's: a longer quotation is the paper's own, left open on purpose.
    static let reach = 20

    /// The kind of mark `scalar` is, and whether it opens or closes one; `nil` for any other scalar.
    @inline(__always)
    private static func mark(_ scalar: Unicode.Scalar) -> (kind: Kind, opens: Bool)? {
        switch scalar {
        case "“": (.doubleQuote, true)
        case "”": (.doubleQuote, false)
        case "‘": (.singleQuote, true)
        case "’": (.singleQuote, false)
        case "（", "(": (.bracket, true)
        case "）", ")": (.bracket, false)
        case "《": (.bookTitle, true)
        case "》": (.bookTitle, false)
        case "「": (.cornerQuote, true)
        case "」": (.cornerQuote, false)
        case "『": (.whiteCornerQuote, true)
        case "』": (.whiteCornerQuote, false)
        default: nil
        }
    }

    /// For each kind, how many marks of it `text` opens less how many it closes (negative when it
    /// closes more), by the kind's raw value.
    static func balance(of text: String) -> [Int] {
        var balance = [Int](repeating: 0, count: Kind.allCases.count)
        for scalar in text.unicodeScalars {
            guard let found = mark(scalar) else { continue }
            balance[found.kind.rawValue] += found.opens ? 1 : -1
        }
        return balance
    }

    /// The kind of the last mark `text` leaves open, when it stands within `reach` characters of
    /// the end; `nil` when every mark near the end is closed.
    static func kindLeftOpen(atEndOf text: String) -> Kind? {
        let (open, count) = marksLeftOpen(in: text)
        guard let last = open.last, count - last.offset <= reach else { return nil }
        return last.kind
    }

    /// The kind of the last mark `text` leaves open, however far from its end.
    static func lastKindLeftOpen(in text: String) -> Kind? {
        marksLeftOpen(in: text).open.last?.kind
    }

    /// Whether `text` leaves a mark of `kind` open anywhere: a quotation a column break cut may
    /// have begun long before the break.
    static func leavesOpen(_ kind: Kind, in text: String) -> Bool {
        marksLeftOpen(in: text).open.contains { $0.kind == kind }
    }

    /// Whether `text` closes a mark of `kind` before it opens one, anywhere in it.
    static func closesBeforeOpening(_ kind: Kind, in text: String) -> Bool {
        var depth = 0
        for scalar in text.unicodeScalars {
            guard let found = mark(scalar), found.kind == kind else { continue }
            if found.opens {
                depth += 1
            } else {
                if depth == 0 { return true }
                depth -= 1
            }
        }
        return false
    }

    /// The kind of mark `text` closes before opening one of its kind, within its first `reach`
    /// characters: the sign of a paragraph that goes on with another left open.
    static func kindClosedFirst(in text: String) -> Kind? {
        var depth = [Int](repeating: 0, count: Kind.allCases.count)
        for scalar in text.unicodeScalars.prefix(reach) {
            guard let found = mark(scalar) else { continue }
            if found.opens {
                depth[found.kind.rawValue] += 1
            } else {
                guard depth[found.kind.rawValue] > 0 else { return found.kind }
                depth[found.kind.rawValue] -= 1
            }
        }
        return nil
    }

    /// The marks `text` leaves open, each with its offset in scalars, and the text's length in
    /// scalars (the marks and Chinese text are one scalar a character).
    private static func marksLeftOpen(in text: String) -> (open: [(kind: Kind, offset: Int)], count: Int) {
        var open: [(kind: Kind, offset: Int)] = []
        var count = 0
        for scalar in text.unicodeScalars {
            if let found = mark(scalar) {
                if found.opens {
                    open.append((found.kind, count))
                } else if let index = open.lastIndex(where: { $0.kind == found.kind }) {
                    open.removeSubrange(index...)
                }
            }
            count += 1
        }
        return (open, count)
    }
}
