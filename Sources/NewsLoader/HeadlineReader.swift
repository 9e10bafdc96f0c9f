import NewsModel

/// Assigns the lines of a printed headline to column label, kicker, title and subtitle.
///
/// The printed page gives no type sizes, so the parts are told apart by position and shape:
/// a column label comes first and has a label's shape, banners are dropped, a short or slogan-like
/// line over the title is a kicker, and a line under a longer title is a subtitle. Words that a
/// narrow column wrapped onto one line with spaces (`龙游劳动关系 协调员首次比武`) are joined.
enum HeadlineReader {
    /// Fragments no longer than this, split by spaces, are one part wrapped by a narrow column.
    static let wrappedFragmentMaxLength = 10

    /// Reads the headline from its lines, top to bottom. Returns `nil` when no line is left for a title.
    static func read(_ lines: [String], conventions: PageConventions) -> Headline? {
        var remaining = withoutRepeats(lines)
        // A line in quotation marks over a `——` subtitle is the title the subtitle goes with
        // (`“机器会说话，你得听得懂”` / `——记…`), no banner.
        let withoutBanners = remaining.indices.filter { index in
            let overSubtitle = index + 1 < remaining.count && remaining[index + 1].hasPrefix("——")
            return !conventions.isBanner(remaining[index], lastOfHeadline: index == remaining.count - 1 || overSubtitle)
        }.map { remaining[$0] }
        if !withoutBanners.isEmpty { remaining = withoutBanners }
        var column: String?
        if remaining.count >= 2, conventions.isColumnLabel(remaining[0]) {
            column = remaining.removeFirst()
        }
        remaining = joinedAfterDependentEndings(remaining)

        switch remaining.count {
        case 0:
            return nil
        case 1:
            let parts = parts(ofLine: remaining[0], conventions: conventions)
            if parts.count == 1 { return Headline(column: column, title: parts[0]) }
            var headline = twoParts(parts[0], parts[1], column: column, conventions: conventions)
            if parts.count > 2 {
                headline.subtitle = ([headline.subtitle].compactMap { $0 } + parts[2...]).joined()
            }
            return headline
        case 2:
            return twoParts(joinWrapped(remaining[0], conventions: conventions), joinWrapped(remaining[1], conventions: conventions), column: column, conventions: conventions)
        default:
            return Headline(
                column: column,
                kicker: joinWrapped(remaining[0], conventions: conventions),
                title: joinWrapped(remaining[1], conventions: conventions),
                subtitle: remaining[2...].map { joinWrapped($0, conventions: conventions) }.joined(separator: " ")
            )
        }
    }

    /// Two headline parts, upper and lower: kicker and title, or title and subtitle.
    ///
    /// The line that reports who did what (it names a place or an organisation) is the secondary
    /// one when the other states a theme: over the title it is a kicker, under it a subtitle. A
    /// slogan of three or more short phrases over the title is a kicker.
    static func twoParts(_ upper: String, _ lower: String, column: String?, conventions: PageConventions) -> Headline {
        let upperIsKicker = isSlogan(upper) || (conventions.isFactual(upper) && !conventions.isFactual(lower))
        return upperIsKicker
            ? Headline(column: column, kicker: upper, title: lower)
            : Headline(column: column, title: upper, subtitle: lower)
    }

    /// Three or more short phrases set apart by spaces (`抓重点 强服务 解难题`).
    static func isSlogan(_ line: String) -> Bool {
        let fragments = line.split(separator: " ")
        return fragments.count >= 3 && fragments.allSatisfy { $0.count <= 4 }
    }

    /// A headline part is never shorter than this: a shorter fragment (`嘉善县`) was wrapped.
    static let shortestPart = 5

    /// Verbs that need an object: a fragment ending in one continues on the next (`…举办 首届…大赛`).
    static let objectTakingEndings = ["举办", "举行", "开展", "发布", "启动", "推出", "打造", "召开", "组织", "实施", "建立", "成立了", "开设", "设立"]

    /// Words that cannot open a headline part: a fragment starting with one continues the previous.
    static let continuationOpenings: [Character] = ["就", "并", "又", "还", "也", "却", "才", "便", "而"]

    /// Splits one printed line into headline parts: fragments a narrow column wrapped are joined
    /// back; long fragments, or a fragment after a long one, start a new part.
    static func parts(ofLine line: String, conventions: PageConventions? = nil) -> [String] {
        let fragments = line.split(separator: " ").map(String.init)
        guard fragments.count >= 2, fragments.contains(where: { $0.count > wrappedFragmentMaxLength }) else {
            return [joinWrapped(line, conventions: conventions)]
        }
        var parts: [[String]] = []
        for fragment in fragments {
            if let lastPart = parts.last, let last = lastPart.last,
               continuationOpenings.contains(fragment.first ?? " ")
                || lastPart.joined().count < shortestPart
                || objectTakingEndings.contains(where: { last.hasSuffix($0) })
                || (last.count <= wrappedFragmentMaxLength && fragment.count <= wrappedFragmentMaxLength) {
                parts[parts.count - 1].append(fragment)
            } else {
                parts.append([fragment])
            }
        }
        return parts.map { joinWrapped($0.joined(separator: " "), conventions: conventions) }
    }

    /// The lines with each one that ends as no headline part does (`平湖快递小哥工会与`, see
    /// `PageBlock.endsOnDependentCharacter`) joined to the line under it: one part, wrapped.
    static func joinedAfterDependentEndings(_ lines: [String]) -> [String] {
        var joined: [String] = []
        var carried: String?
        for line in lines {
            let whole = (carried ?? "") + line
            carried = nil
            if PageBlock.endsOnDependentCharacter(whole) { carried = whole } else { joined.append(whole) }
        }
        if let carried { joined.append(carried) }
        return joined
    }

    /// Drops lines the scan repeated: a line contained in an earlier one.
    static func withoutRepeats(_ lines: [String]) -> [String] {
        var kept: [String] = []
        var keptKeys: [String] = []
        for line in lines {
            let key = ChineseText.comparable(line)
            if keptKeys.contains(where: { ChineseText.contains($0, key) }) { continue }
            kept.append(line)
            keptKeys.append(key)
        }
        return kept
    }

    /// Joins fragments a narrow column wrapped (`60位骑手 现场接受专家辅导`), keeping a space only
    /// between two Latin words, or between parallel phrases (`精准定位 按需施策`).
    static func joinWrapped(_ line: String, conventions: PageConventions? = nil) -> String {
        let fragments = line.split(separator: " ")
        if isParallel(fragments, conventions: conventions) { return fragments.joined(separator: " ") }
        var result = ""
        for fragment in fragments {
            if let last = result.last, let first = fragment.first, last.isASCII, first.isASCII,
               last.isLetter || last.isNumber, first.isLetter || first.isNumber {
                result.append(" ")
            }
            result += fragment
        }
        return result
    }

    /// Short phrases of nearly equal length, none ending in punctuation: a parallel title
    /// (`快乐休养 助力发展`, `安全生产月 工会在行动`, `“五一”不停工 坚守保供一线`), whose space is
    /// part of the title; phrases of seven characters are one only when both are
    /// (`技能提升看得见 待遇跟着往上走`). Quotation marks are not counted. Fragments that name a
    /// place (`绍兴上虞 骑手驿站 温暖启用`), or one ending on a verb that takes an object
    /// (`区总工会举办 职工运动会`), are a wrapped news line instead.
    static func isParallel(_ fragments: [Substring], conventions: PageConventions?) -> Bool {
        let lengths = fragments.map { $0.reduce(0) { $1.isPunctuation ? $0 : $0 + 1 } }
        guard fragments.count >= 2, let shortest = lengths.min(), let longest = lengths.max() else { return false }
        guard (longest <= 6 && longest - shortest <= 2) || (longest == 7 && shortest == 7),
              fragments.allSatisfy({ !($0.last.map { $0.isPunctuation && !"”’」".contains($0) } ?? true) }),
              // A verb left without its object goes on on the next fragment (`区总工会举办 职工运动会`).
              !fragments.dropLast().contains(where: { fragment in objectTakingEndings.contains { fragment.hasSuffix($0) } })
        else { return false }
        if let conventions, fragments.contains(where: { !conventions.places(namedIn: String($0), firstOnly: true).isEmpty }) { return false }
        return true
    }
}
