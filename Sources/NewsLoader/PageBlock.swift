import NewsModel

/// One non-empty line of a page dump, with where it stood.
struct PageBlock: Sendable, Hashable {
    /// The line's text, trimmed and with inner white space folded.
    var text: String
    /// 1-based line number in the file.
    var line: Int
    /// How many blank lines came before it: a wide gap marks a picture or a column jump.
    var gapBefore: Int

    /// Splits page text into blocks, one per non-empty line.
    static func blocks(of text: String) -> [PageBlock] {
        var blocks: [PageBlock] = []
        var gap = 0
        var lineNumber = 0
        for rawLine in lines(of: text) {
            lineNumber += 1
            let tidy = ChineseText.tidy(rawLine)
            if tidy.isEmpty { gap += 1; continue }
            blocks.append(PageBlock(text: tidy, line: lineNumber, gapBefore: gap))
            gap = 0
        }
        return blocks
    }

    /// The lines of `text`: split at line-feed bytes, unless a carriage return could make one
    /// character of CR LF (then a line feed is no character of its own, and the text is split by
    /// characters as before).
    static func lines(of text: String) -> [Substring] {
        guard !text.utf8.contains(UInt8(ascii: "\r")) else { return text.split(separator: "\n", omittingEmptySubsequences: false) }
        return text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
    }

    /// Number of characters, the measure used for "short" lines.
    var length: Int { TextMetrics.characterCount(text) }

    /// Characters a headline never ends on: a line ending in one is a sentence cut by a column break.
    static let dependentEndings: Set<Character> = ["和", "的", "与", "及", "或", "把", "被", "对", "从", "向", "让", "将", "由", "以", "于", "并"]
    /// A line with a comma this long and no space in it is running text, not a headline.
    static let longestHeadlineWithComma = 20
    /// Headline lines longer than this are set in two parts with a space between them.
    static let longestHeadlineWithoutSpace = 32

    /// A line that could be part of a headline: short, no full stop inside, not ending on a pause
    /// or on a word that needs a continuation.
    var isHeadlineLike: Bool {
        let length = self.length
        guard length <= 48, !ChineseText.contains(text, "。") else { return false }
        guard let last = text.last, !Self.dependentEndings.contains(last) else { return false }
        if !ChineseText.contains(text, " "), length > Self.longestHeadlineWithoutSpace
            || (length > Self.longestHeadlineWithComma && text.contains(where: { $0 == "，" || $0 == "," })) {
            return false
        }
        // A quotation opened and not closed runs on into the next block.
        if text.filter({ $0 == "“" }).count != text.filter({ $0 == "”" }).count { return false }
        if ChineseText.pauses.contains(String(last)) || "，,、：:；;（(《“".contains(last) { return false }
        if "！!？?".contains(last) { return length <= 16 }
        if ChineseText.endsSentence(text) { return false }
        return true
    }
}
