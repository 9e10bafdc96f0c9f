import NewsModel

/// Finds the masthead on a page — newspaper name, dates, issue number, addresses, hotline — and
/// reads the edition from it. Masthead lines are edition metadata, never article text.
enum MastheadReader {
    // Regex values are immutable once built; they are built once here, not on every call
    // (a regex literal inside a function is compiled again each time it is evaluated).
    nonisolated(unsafe) private static let datePattern = #/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/#
    nonisolated(unsafe) private static let issueNumberPattern = #/总第\s*(\d+)\s*[号期]/#
    nonisolated(unsafe) private static let pagePattern = #/第?\s*(\d{1,2})\s*版.{0,12}/#
    nonisolated(unsafe) private static let dateLinePattern = #/\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(\s*星期[一二三四五六日天])?/#
    /// A page's folio line: its date with the page number and the page's name (`2024年6月18日 星期二
    /// 第3版 综合新闻`, `第3版 综合新闻 2024年6月18日`), or the page number and name alone (`第4版 职工天地`).
    nonisolated(unsafe) private static let folioLinePattern = #/(?:第\s*\d{1,2}\s*版\s*(?:\p{Han}{2,8}\s*)?)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*星期[一二三四五六日天])?(?:\s*第\s*\d{1,2}\s*版(?:\s*\p{Han}{2,8})?)?/#
    nonisolated(unsafe) private static let folioPagePattern = #/第\s*\d{1,2}\s*版(?:\s+\p{Han}{2,8})?/#
    /// A page's number as a folio prints it on its own: `A3`, `B2版`, `A3 综合新闻`, `— 3 —`. (A
    /// bare number is not one: a column break leaves a sentence's figure alone on a line, `共有` /
    /// `16` / `对师徒…`, and a table its cells.)
    nonisolated(unsafe) private static let letteredPagePattern = #/[A-H]\s*\d{1,2}\s*版?(?:\s+\p{Han}{2,8})?/#
    nonisolated(unsafe) private static let dashedPagePattern = #/[—\-－]+\s*\d{1,2}\s*[—\-－]+/#
    /// The page's staff, printed at its foot: `责任编辑 王立新  版式设计 周 敏`, `编辑：李可`.
    nonisolated(unsafe) private static let staffLinePattern = #/(?:(?:责任编辑|责编|编辑|美术编辑|美编|版式设计|版式|校对|组版|图片编辑|视觉设计|审校|值班编辑)\s*(?:[:：]\s*|\s+)[\p{Han}·]{1,4}(?:[\s、]+[\p{Han}·]{1,4})*\s*)+/#
    nonisolated(unsafe) private static let pageNumberPattern = #/第\s*(\d{1,2})\s*版/#
    /// A front page's table of contents: its head (`今日导读`) and its lines (`▶2版 湖州：…`).
    nonisolated(unsafe) private static let contentsHeadPattern = #/(?:今日|本期|本版)?导读/#
    nonisolated(unsafe) private static let contentsLinePattern = #/[▶►▷]\s*(?:第\s*)?\d{1,2}\s*版.{0,30}/#
    /// A lunar date (`农历壬寅年二月初六`, `丙午年闰四月二十三`): its day is 初一 to 初十, 十一 to 十九,
    /// 二十 to 二十九 (or 廿一 to 廿九) and 三十.
    nonisolated(unsafe) private static let lunarDatePattern = #/(农历)?\s*[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年\s*闰?[正一二三四五六七八九十冬腊]{1,2}月\s*(?:初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|三十|卅)?/#
    nonisolated(unsafe) private static let weekdayPattern = #/星期[一二三四五六日天]/#
    nonisolated(unsafe) private static let addressLinePattern = #/^(电子版|电子信箱|电子邮箱|社址|邮编|国内统一刊号|国际标准连续出版物号|邮发代号|新闻热线|广告热线|发行热线|新闻服务热线|网址|本报地址)\s*[:：]?/#
    nonisolated(unsafe) private static let issueLinePattern = #/总第\s*\d+\s*[号期]/#
    nonisolated(unsafe) private static let serialNumberPattern = #/CN\s*\d{2}\s*-\s*\d{4}/#
    nonisolated(unsafe) private static let phoneNumberPattern = #/[\d\-— ]{7,15}/#
    nonisolated(unsafe) private static let hotlinePattern = #/.{0,6}(服务)?热线/#
    nonisolated(unsafe) private static let newspaperNamePattern = #/[\p{Han}]{1,8}(日报|工人报|晚报|工报|劳动报)/#

    /// What a page's masthead says, and which of the page's blocks it occupies.
    struct Result: Equatable {
        var newspaper: String?
        var date: (year: Int, month: Int, day: Int)?
        var number: Int?
        var page: Int?
        /// Indices into the page's blocks that belong to a masthead.
        var blockIndices: Set<Int>
        /// Line of the first masthead block, for diagnostics.
        var firstLine: Int?
        /// A date other than `date` that a masthead line of the page prints, and its line.
        var otherDate: (year: Int, month: Int, day: Int, line: Int)?

        static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.newspaper == rhs.newspaper && lhs.date?.year == rhs.date?.year && lhs.date?.month == rhs.date?.month
                && lhs.date?.day == rhs.date?.day && lhs.number == rhs.number && lhs.page == rhs.page
                && lhs.blockIndices == rhs.blockIndices
        }
    }

    /// Blocks between two masthead lines that are this close together belong to the masthead too
    /// (slogans, QR-code captions printed beside the name plate), unless one of them is a story's
    /// text (`mayBeStoryText`): a short story between two mastheads is a story.
    private static let clusterGap = 4

    /// Whether `text` could be a line of a story rather than of a masthead: it ends a sentence, runs
    /// longer than a slogan, opens with a byline or is one in parentheses (`（柯 岚）`, which a
    /// page's number may stand above).
    static func mayBeStoryText(_ text: String) -> Bool {
        ChineseText.contains(text, "。") || ChineseText.endsSentence(text) || TextMetrics.hasCharacters(text, atLeast: 41)
            || BylineReader.read(text) != nil || CreditLine.closingByline(text) != nil
    }

    /// Reads the masthead among `blocks` (one tidy line each).
    static func read(_ blocks: [String], lines: [Int]) -> Result {
        var strong = blocks.indices.filter { isMastheadLine(blocks[$0]) }
        // A table of contents: `▶2版 …` lines right under its head (`今日导读`) or the masthead, one
        // after another (elsewhere such a line points a story's reader to another page, and is its text).
        var contents: [Int] = []
        var next = 0
        for index in strong {
            var line = index + 1
            guard line >= next else { continue }
            while line < blocks.count, isContentsLine(blocks[line]) {
                contents.append(line)
                line += 1
            }
            next = line
        }
        // (A line may be both: a contents line a masthead pattern matches too, `▶3版 …CN33-0010…`.)
        if !contents.isEmpty { strong = Array(Set(strong + contents)).sorted() }
        // Masthead lines close together are one masthead, with what lies between them.
        var clusters: [ClosedRange<Int>] = []
        for index in strong {
            if let last = clusters.last, index - last.upperBound <= clusterGap,
               !blocks[(last.upperBound + 1)..<index].contains(where: mayBeStoryText) {
                clusters[clusters.count - 1] = last.lowerBound...index
            } else {
                clusters.append(index...index)
            }
        }
        // Below a story's text, a lone date is that story's (a notice's date under its signature:
        // `2024年4月20日`; an essay's, `丙午年正月二十三`), and lines of figures alone are rows of a
        // table (`156 134 98`), not a masthead: a masthead prints more than a date or numbers.
        let storyTextBegins = blocks.firstIndex(where: mayBeStoryText) ?? blocks.count
        clusters.removeAll { cluster in
            cluster.lowerBound > storyTextBegins
                && (cluster.count == 1 && (isDateOnly(blocks[cluster.lowerBound]) || blocks[cluster.lowerBound].wholeMatch(of: Self.lunarDatePattern) != nil)
                    || cluster.allSatisfy { blocks[$0].wholeMatch(of: Self.phoneNumberPattern) != nil })
        }
        let indices = Set(clusters.flatMap { $0 })
        var result = Result(blockIndices: indices, firstLine: indices.min().map { lines[$0] })
        for index in indices.sorted() {
            let text = blocks[index]
            if let match = text.firstMatch(of: Self.datePattern), let y = Int(match.1), let m = Int(match.2), let d = Int(match.3) {
                if let date = result.date {
                    if result.otherDate == nil, (date.year, date.month, date.day) != (y, m, d) { result.otherDate = (y, m, d, lines[index]) }
                } else {
                    result.date = (y, m, d)
                }
            }
            if result.number == nil, let match = text.firstMatch(of: Self.issueNumberPattern) { result.number = Int(match.1) }
            if result.page == nil, let match = text.wholeMatch(of: Self.pagePattern) ?? text.firstMatch(of: Self.pageNumberPattern) { result.page = Int(match.1) }
            if result.newspaper == nil, isNewspaperName(text) { result.newspaper = text }
        }
        return result
    }

    /// Whether `text` is a date and nothing else (`2024年4月20日`).
    static func isDateOnly(_ text: String) -> Bool {
        text.wholeMatch(of: Self.dateLinePattern) != nil
    }

    /// Masthead lines are short; longer lines are not even tried against the patterns.
    static let longestMastheadLine = 60

    /// A line that only a masthead prints.
    static func isMastheadLine(_ text: String) -> Bool {
        guard !TextMetrics.hasCharacters(text, atLeast: longestMastheadLine + 1), mayBeMastheadLine(text) else { return false }
        return matchesMastheadPattern(text)
    }

    /// Whether `text` holds a character that one of the masthead patterns needs: a `年` (the
    /// dates), `总` (the issue), `C` (the serial number); or begins with `星` (the weekday), `第` (the folio),
    /// `今` or `导` (a table of contents' head), the first character of an address line's word or
    /// of a staff line's role (`责任编辑`), a letter from A to H (a page, `A3`), or a digit, dash or
    /// space (a phone number, a page's number); or ends with `线` (a hotline), `报` (a newspaper's
    /// name) or `版` (a folio). A line with none of these matches no
    /// pattern, and the patterns — a tenth of a page's reading — are not tried.
    static func mayBeMastheadLine(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if "星电社邮国新广发网本第今导-— 责编美版校组图视审值－".contains(first) || last == "线" || last == "报" || last == "版" { return true }
        if ("A"..."H").contains(first) { return true }
        if first.unicodeScalars.contains(where: { $0.properties.numericType != nil }) { return true }
        return text.contains { $0 == "年" || $0 == "总" || $0 == "C" }
    }

    /// Whether `text` matches one of the masthead patterns (see `isMastheadLine`), or is a folio that
    /// a newspaper's name begins or ends (`浙江工人日报 2026年2月27日`, `浙江工人日报 第3版`).
    static func matchesMastheadPattern(_ text: String) -> Bool {
        if matchesOwnPattern(text) { return true }
        guard text.contains("报"), let space = text.firstIndex(where: \.isWhitespace),
              let lastSpace = text.lastIndex(where: \.isWhitespace) else { return false }
        let (head, tail) = (String(text[..<space]), String(text[text.index(after: lastSpace)...]))
        func isFolio(_ rest: Substring) -> Bool {
            let rest = String(rest).trimmingSpaces()
            return !rest.isEmpty && (rest.wholeMatch(of: Self.dateLinePattern) != nil || rest.wholeMatch(of: Self.folioLinePattern) != nil
                || rest.wholeMatch(of: Self.folioPagePattern) != nil || rest.wholeMatch(of: Self.letteredPagePattern) != nil)
        }
        return isNewspaperName(head) && isFolio(text[space...]) || isNewspaperName(tail) && isFolio(text[..<lastSpace])
    }

    /// Whether `text` matches one of the masthead patterns, whole.
    private static func matchesOwnPattern(_ text: String) -> Bool {
        if text.wholeMatch(of: Self.dateLinePattern) != nil { return true }
        if text.contains("版"), text.wholeMatch(of: Self.folioLinePattern) != nil || text.wholeMatch(of: Self.folioPagePattern) != nil { return true }
        if text.wholeMatch(of: Self.lunarDatePattern) != nil { return true }
        if text.contains("导读"), text.wholeMatch(of: Self.contentsHeadPattern) != nil { return true }
        if text.wholeMatch(of: Self.weekdayPattern) != nil { return true }
        if text.firstMatch(of: Self.addressLinePattern) != nil { return true }
        if text.firstMatch(of: Self.issueLinePattern) != nil { return true }
        if text.firstMatch(of: Self.serialNumberPattern) != nil { return true }
        if text.wholeMatch(of: Self.phoneNumberPattern) != nil { return true }
        if text.wholeMatch(of: Self.hotlinePattern) != nil { return true }
        if isNewspaperName(text) { return true }
        if isFolioPageNumber(text) { return true }
        if text.wholeMatch(of: Self.staffLinePattern) != nil { return true }
        return false
    }

    /// Whether `text` is a page's number alone, as a folio prints it (see `letteredPagePattern`).
    static func isFolioPageNumber(_ text: String) -> Bool {
        text.wholeMatch(of: Self.letteredPagePattern) != nil || text.wholeMatch(of: Self.dashedPagePattern) != nil
    }

    /// A line of a table of contents: `▶2版 湖州：五年培养万名高级工`.
    static func isContentsLine(_ text: String) -> Bool {
        guard let first = text.first, "▶►▷".contains(first), text.contains("版"),
              !TextMetrics.hasCharacters(text, atLeast: longestMastheadLine + 1) else { return false }
        return text.wholeMatch(of: Self.contentsLinePattern) != nil
    }

    /// A bare newspaper name plate: `浙江工人日报`, `劳动报`.
    static func isNewspaperName(_ text: String) -> Bool {
        text.wholeMatch(of: Self.newspaperNamePattern) != nil
    }
}
