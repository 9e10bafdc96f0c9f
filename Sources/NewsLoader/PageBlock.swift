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

    /// Characters a headline never ends on: a line ending in one is a sentence cut by a column break,
    /// unless they end a word of their own (`wordsEndingOnDependentCharacters`) or count pairs (`结对200对`).
    static let dependentEndings: Set<Character> = ["和", "的", "与", "及", "或", "把", "被", "对", "从", "向", "让", "将", "由", "以", "于", "并"]
    /// Words that end on one of `dependentEndings` and can end a phrase (`人人参与`, `师徒结对`,
    /// `找准方向`): a headline may end on them. Words that need what follows (`可以`, `面向`, `即将`)
    /// are not among them.
    static let wordsEndingOnDependentCharacters: Set<String> = [
        "参与", "结对", "配对", "派对", "应对", "相对", "绝对", "共和", "温和", "平和", "缓和", "祥和", "暖和",
        "柔和", "目的", "老将", "名将", "小将", "健将", "闯将", "干将", "主将", "理由", "自由", "缘由", "方向",
        "导向", "动向", "去向", "志向", "意向", "双向", "纵向", "横向", "合并", "兼并", "普及", "可及", "不及", "莫及", "来得及", "转让",
        "礼让", "谦让", "出让",
    ]
    /// Characters that count before `对` as a measure word (`200对`, `百对`).
    private static let numerals: Set<Character> = ["一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "余", "多"]

    /// Whether the line ends on a character a headline never ends on, as a sentence a column break
    /// cut does, and not on a word ending in it or a count of pairs.
    var endsOnDependentCharacter: Bool { Self.endsOnDependentCharacter(text) }

    /// Whether `text` ends on a character a headline never ends on (see `endsOnDependentCharacter`).
    static func endsOnDependentCharacter(_ text: String) -> Bool {
        guard let last = text.last, dependentEndings.contains(last) else { return false }
        let before = text.dropLast()
        // The words are of two or three characters: looked up by the line's last two and three.
        if wordsEndingOnDependentCharacters.contains(String(text.suffix(2))) || wordsEndingOnDependentCharacters.contains(String(text.suffix(3))) {
            return false
        }
        if last == "对", let previous = before.last, previous.isASCII && previous.isNumber || numerals.contains(previous) { return false }
        return true
    }

    /// How an interview's turns open: a question or an answer, never a headline.
    static let interviewTurns = ["问：", "问:", "答：", "答:", "记者：", "记者:"]

    /// A line with a comma this long and no space in it is running text, not a headline.
    static let longestHeadlineWithComma = 20
    /// Headline lines longer than this are set in two parts with a space between them.
    static let longestHeadlineWithoutSpace = 32

    /// A line that could be part of a headline: short, no full stop inside, not ending on a pause
    /// or on a word that needs a continuation.
    var isHeadlineLike: Bool { isHeadlineLike(whateverItEndsOn: false) }

    /// `isHeadlineLike`, or with `whateverItEndsOn`, a line that would be one but for the
    /// character it ends on (`endsOnDependentCharacter`): a line above a byline is a headline
    /// whatever it ends on, since no story's first line goes on with a sentence cut before it.
    func isHeadlineLike(whateverItEndsOn: Bool) -> Bool {
        let length = self.length
        guard length <= 48, !ChineseText.contains(text, "。"), let last = text.last else { return false }
        if !whateverItEndsOn, endsOnDependentCharacter { return false }
        // A turn of an interview (`记者：下一步有什么打算？`, `问：…`) is running text.
        if Self.interviewTurns.contains(where: { text.hasPrefix($0) }) { return false }
        if !ChineseText.contains(text, " "), length > Self.longestHeadlineWithoutSpace
            || (length > Self.longestHeadlineWithComma && text.contains(where: { $0 == "，" || $0 == "," })) {
            return false
        }
        // A quotation or a bracket opened and not closed runs on into the next block
        // (`在浙江金泰动力能源有限公司（以下简称金`).
        let balance = OpenMarks.balance(of: text)
        // A closing bracket alone is a numbered head's (`1）征集时间`).
        if balance[OpenMarks.Kind.doubleQuote.rawValue] != 0 || balance[OpenMarks.Kind.bracket.rawValue] > 0 { return false }
        if ChineseText.pauses.contains(String(last)) || "，,、：:；;（(《“".contains(last) { return false }
        if "！!？?".contains(last) { return length <= 16 }
        if ChineseText.endsSentence(text) { return false }
        return true
    }
}
