import NewsModel

/// Who wrote or photographed a story, as read from a byline or a credit line.
struct Credits: Sendable, Hashable {
    var reporters: [String] = []
    var correspondents: [String] = []
    var photographers: [String] = []
    /// The newspaper named in a reprint note or a borrowed photo credit.
    var attribution: String?
}

/// Reads the credit lines a printed page puts at the end of a story or a photo.
enum CreditLine {
    // Regex values are immutable once built; they are built once here, not on every call
    // (a regex literal inside a function is compiled again each time it is evaluated).
    nonisolated(unsafe) private static let photoCreditPattern = #/^[（(]?\s*(?:《(?<paper>[^》]{2,12})》)?\s*(?<role>记者|通讯员|摄影|摄影记者)?\s*(?<names>[\p{Han}·]{2,7}(?:(?:\s*[、，,]\s*|\s+)[\p{Han}·]{2,7})*)\s*[/／]?\s*摄(?:影)?\s*[)）]?$/#
    nonisolated(unsafe) private static let authorUnitPattern = #/^[（(]\s*作者(?:单位\s*[:：].{2,30}|[系为][^，。！？,!?；;]{2,30})[)）]$/#
    nonisolated(unsafe) private static let serialEndPattern = #/^[（(]\s*(?:未完待续|待续|完|全文完|续完|本篇完)\s*[)）]$/#
    nonisolated(unsafe) private static let serialGoesOnPattern = #/^[（(]\s*(?:接上期|续上期|续前|上接前期)\s*[)）]$/#
    nonisolated(unsafe) private static let wordsThenPicturesPattern = #/^[■□●◆]?\s*(?:文|撰文|文字)\s*[/／:：]\s*(?:本报)?(?<textRole>记者|通讯员|实习生)?\s*(?<textNames>[\p{Han}·]{2,4}(?:\s*[、，,]\s*[\p{Han}·]{2,4})*)(?:\s+(?:图|摄影|图片)\s*[/／:：]\s*(?:本报)?(?:记者|通讯员)?\s*(?<pictureNames>[\p{Han}·]{2,4}(?:\s*[、，,]\s*[\p{Han}·]{2,4})*))?$/#
    nonisolated(unsafe) private static let sourceNotePattern = #/^[（(]\s*(?:本报综合(?:整理)?|综合.{2,24}|据[^《》]{2,20}|[^（()）]{2,24}(?:供稿|提供))\s*[)）]$/#
    nonisolated(unsafe) private static let compiledByPattern = #/^[（(]\s*(?<names>[\p{Han}·]{2,4}(?:[\s、，,]+[\p{Han}·]{2,4})*)\s*整理\s*[)）]$/#
    nonisolated(unsafe) private static let wordsAndPicturesPattern = #/^[（(]\s*(?:文\s*[/／]\s*图|图\s*[/／]\s*文|图文)\s*[:：]?\s*(?<names>[\p{Han}·]{2,4}(?:[\s、，,]+[\p{Han}·]{2,4})*)\s*[)）]$/#
    nonisolated(unsafe) private static let jumpNotePattern = #/^[（(]\s*(?<way>下转|转至|转|上接|紧接|接|续)\s*(?:第\s*)?(?<page>[0-9０-９一二三四五六七八九十]{1,3})\s*版\s*(?:[^）)]{0,12})?[)）]$/#
    /// A role after the first in a photo credit (`记者X 通讯员Y 摄`): all of them took the pictures.
    nonisolated(unsafe) private static let laterRolePattern = #/\s+(?:摄影记者|记者|通讯员)\s*/#
    nonisolated(unsafe) private static let reprintNotePattern = #/^[（(]\s*据\s*《(?<paper>[^》]{2,16})》\s*(?:报道|消息)?\s*[)）]$/#
    nonisolated(unsafe) private static let trailingReprintPattern = #/[（(]\s*据\s*《(?<paper>[^》]{2,16})》\s*(?:报道|消息)?\s*[)）]$/#
    nonisolated(unsafe) private static let endCreditPattern = #/^[■□●◆]?\s*本版\s*(?<roles>(?:撰文|文字|采写|图文|文|摄影|图片|图)(?:\s*[/／、]\s*(?:撰文|文字|采写|摄影|图片|图|文))*)\s*[:：]?\s*(?<names>[\p{Han}·]{2,7}(?:\s*[、，, ]\s*[\p{Han}·]{2,7})*)$/#

    /// Credit lines are short; longer lines are not even tried against the patterns.
    static let longestCreditLine = 40

    /// `通讯员陈卫星 摄`, `(《劳动报》记者 贡俊祺/摄)`, `记者X 摄`, `通讯员王军 李娜 摄`,
    /// `记者X 通讯员Y 摄`, alone on a line.
    static func photoCredit(_ text: String) -> Credits? {
        guard !TextMetrics.hasCharacters(text, atLeast: longestCreditLine + 1), text.contains("摄") || text.contains("攝") else { return nil }
        let folded = ChineseText.simplifiedMarkers(text).replacing(Self.laterRolePattern, with: "、")
        let pattern = Self.photoCreditPattern
        guard let match = folded.wholeMatch(of: pattern) else { return nil }
        let written = String(match.output.names)
        let names = splitNames(written)
        guard !names.isEmpty, names.allSatisfy({ $0.count <= 4 || $0.contains("·") }) else { return nil }
        // Names apart by spaces alone are names of two or three characters, not a caption's phrase
        // (`喜迎国庆 李明 摄`).
        if !written.contains(where: { "、，,".contains($0) }), names.count > 1, !names.allSatisfy({ (2...3).contains($0.count) }) { return nil }
        var credits = Credits(photographers: names)
        credits.attribution = match.output.paper.map(String.init)
        return credits
    }

    /// Splits a paragraph that ends in a photo credit (`…连竖大拇指。通讯员张鲜红 摄`).
    static func trailingPhotoCredit(_ text: String) -> (text: String, credits: Credits)? {
        // Folding keeps `)` and `）` and gives `摄` only for itself and `攝`: a text whose last scalar
        // is none of these cannot end so once folded (most paragraphs), and is not folded.
        guard let lastScalar = text.unicodeScalars.last, "摄攝)）".unicodeScalars.contains(lastScalar) else { return nil }
        let folded = ChineseText.simplifiedMarkers(text)
        guard folded.hasSuffix("摄") || folded.hasSuffix("摄)") || folded.hasSuffix("摄）") else { return nil }
        // The credit follows the caption's last sentence, in parentheses (`…比赛。(通讯员 王军 摄)`) or not.
        let tailStart: String.Index
        if !folded.hasSuffix("摄"), let open = parenthesisAfterLastSentence(folded) {
            tailStart = open
        } else {
            guard let sentenceEnd = folded.lastIndex(where: { ChineseText.sentenceFinal.contains($0) || ChineseText.closers.contains($0) }) else { return nil }
            tailStart = folded.index(after: sentenceEnd)
        }
        let tail = String(folded[tailStart...]).trimmingSpaces()
        guard let credits = photoCredit(tail) else { return nil }
        let offset = folded.distance(from: folded.startIndex, to: tailStart)
        let caption = String(text.prefix(offset)).trimmingSpaces()
        return caption.isEmpty ? nil : (caption, credits)
    }

    /// Where a story printed on two pages goes on or comes from: `（下转第3版）` under the part
    /// on this page, `（上接第1版）` over the rest on another.
    struct JumpNote: Sendable, Hashable {
        /// Whether the story goes on on the page named (下转), rather than coming from it (上接).
        var goesOn: Bool
        /// The page named, as printed (`3`, `三`).
        var page: String
    }

    /// `（下转第3版）`, `（转第2版）`, `（上接第1版）`, `（接第1版）` alone on a line.
    static func jumpNote(_ text: String) -> JumpNote? {
        // Most lines do not end in a parenthesis, known before any counting.
        guard let last = text.last, last == "）" || last == ")", !TextMetrics.hasCharacters(text, atLeast: longestCreditLine + 1),
              text.contains("版") else { return nil }
        let folded = ChineseText.simplifiedMarkers(text)
        guard let match = folded.wholeMatch(of: Self.jumpNotePattern) else { return nil }
        let way = match.output.way
        return JumpNote(goesOn: way == "下转" || way == "转" || way == "转至", page: String(match.output.page))
    }

    /// Splits a paragraph that ends in `（下转第4版）` (the text before it and the note) or begins with
    /// `（上接第2版）` (the note and the text after it), as a page sets a jump inside a paragraph's
    /// last or first line.
    static func jumpNoteInside(_ text: String) -> (text: String, jump: JumpNote, atEnd: Bool)? {
        guard text.contains("版") else { return nil }
        if let last = text.last, last == "）" || last == ")", let open = text.lastIndex(where: { $0 == "（" || $0 == "(" }), open > text.startIndex,
           let jump = jumpNote(String(text[open...])), jump.goesOn {
            let before = String(text[..<open]).trimmingSpaces()
            return before.isEmpty ? nil : (before, jump, true)
        }
        if let first = text.first, first == "（" || first == "(", let close = text.firstIndex(where: { $0 == "）" || $0 == ")" }),
           close < text.index(before: text.endIndex), let jump = jumpNote(String(text[...close])), !jump.goesOn {
            let after = String(text[text.index(after: close)...]).trimmingSpaces()
            return after.isEmpty ? nil : (after, jump, false)
        }
        return nil
    }

    /// Whether `text` closes a serial's part (`（未完待续）`, `（完）`): a line of the story, its last.
    static func isSerialEnd(_ text: String) -> Bool {
        guard let last = text.last, last == "）" || last == ")", text.count <= 8 else { return false }
        return text.wholeMatch(of: Self.serialEndPattern) != nil
    }

    /// Whether `text` opens a serial's part by saying it goes on from the last (`（接上期）`): a line
    /// of the story, not a subtitle.
    static func isSerialGoingOn(_ text: String) -> Bool {
        guard let last = text.last, last == "）" || last == ")", text.count <= 8 else { return false }
        return text.wholeMatch(of: Self.serialGoesOnPattern) != nil
    }

    /// A credit line alone under a story naming its writer and its photographer by what each did,
    /// with their roles or without: `文/记者 吕佳 图/通讯员 叶青`, `文/吕佳`. `nil` for any other line.
    static func wordsThenPictures(_ text: String) -> Credits? {
        guard let first = text.first(where: { !"■□●◆ ".contains($0) }), "文撰".contains(first),
              !TextMetrics.hasCharacters(text, atLeast: longestCreditLine + 1) else { return nil }
        guard let match = ChineseText.simplifiedMarkers(text).wholeMatch(of: Self.wordsThenPicturesPattern) else { return nil }
        var credits = Credits(photographers: match.output.pictureNames.map { splitNames(String($0)) } ?? [])
        let writers = splitNames(String(match.output.textNames))
        if match.output.textRole == "通讯员" || match.output.textRole == "实习生" { credits.correspondents = writers } else { credits.reporters = writers }
        return writers.isEmpty ? nil : credits
    }

    /// Whether `text` is the author's organisation closing a commentary: `（作者单位：宁波市北仑区总工会）`,
    /// `（作者系浙江工业大学研究员）`.
    static func isAuthorUnit(_ text: String) -> Bool {
        guard let last = text.last, last == "）" || last == ")", !TextMetrics.hasCharacters(text, atLeast: longestCreditLine + 1),
              text.contains("作者") else { return false }
        return text.wholeMatch(of: Self.authorUnitPattern) != nil
    }

    /// Whether `text` says, alone on a line under a story, where its text came from:
    /// `（省总工会法律工作部供稿）`, `（本报综合）`, `（据新华社）` (a paper's name in `《》` is a
    /// reprint note instead, see `reprintNote`).
    static func isSourceNote(_ text: String) -> Bool {
        guard let last = text.last, last == "）" || last == ")", !TextMetrics.hasCharacters(text, atLeast: longestCreditLine + 1) else { return false }
        return ChineseText.simplifiedMarkers(text).wholeMatch(of: Self.sourceNotePattern) != nil
    }

    /// `（摄影 周立新）`, `（图/X）`: who took a brief's picture.
    nonisolated(unsafe) private static let photographedByPattern = #/[（(]\s*(?:摄影|图片|图|摄)\s*[:：/／]?\s*(?<names>[\p{Han}·]{2,4}(?:[\s、，,]+[\p{Han}·]{2,4})*)\s*[)）]/#

    /// A byline in parentheses alone on a line, as a paper sets it under a brief (`（记者 徐敏）`,
    /// `（通讯员 周婷 王磊）`, `（记者 王晓宁 整理）`, `（记者 沈佳怡 文/图）`), or naming no role
    /// (`（沈佳怡 整理）`: its reporter; `（文/图 沈佳怡）`: its reporter and photographer; `（周立新
    /// 林小燕）`: its reporters; `（摄影 周立新）`: its photographer): the names, or `nil` for any
    /// other line. A name set with spaces (`（晓 岚）`, `（通讯员 葛 青 记者 邵 俊）`) is one name
    /// (see `joiningSpacedNames`).
    static func closingByline(_ written: String) -> Credits? {
        guard let first = written.first, first == "(" || first == "（", let last = written.last, last == ")" || last == "）",
              !TextMetrics.hasCharacters(written, atLeast: longestCreditLine + 1) else { return nil }
        let text = joiningSpacedNames(written)
        if let byline = BylineReader.read(text) {
            guard !byline.hasNewsMarker, byline.rest.isEmpty,
                  !byline.credits.reporters.isEmpty || !byline.credits.correspondents.isEmpty else { return nil }
            // `（记者手记）`, `（记者观察）`: a label of the piece, not a name.
            guard !(byline.credits.reporters + byline.credits.correspondents).contains(where: pieceLabels.contains) else { return nil }
            return byline.credits
        }
        if let names = namesAlone(text) { return Credits(reporters: names) }
        if let match = text.wholeMatch(of: Self.photographedByPattern) {
            return Credits(photographers: splitNames(String(match.output.names)))
        }
        // No role named: names before `整理`, or after `文/图` (`（综合整理）` names the sources, not a person).
        if isSourceNote(text) { return nil }
        let folded = ChineseText.simplifiedMarkers(text)
        // The names as printed (the folding keeps every character where it was).
        func printed(_ names: Substring) -> [String] {
            let start = folded.distance(from: folded.startIndex, to: names.startIndex)
            return splitNames(String(text.dropFirst(start).prefix(names.count)))
        }
        if let match = folded.wholeMatch(of: Self.compiledByPattern) {
            return Credits(reporters: printed(match.output.names))
        }
        if let match = folded.wholeMatch(of: Self.wordsAndPicturesPattern) {
            let names = printed(match.output.names)
            return Credits(reporters: names, photographers: names)
        }
        return nil
    }

    /// `text` with each two-character name set with a space inside it (`葛 青`, as a column lines
    /// it up with three-character names) written as one: single Han characters in a row between
    /// spaces or the parentheses, taken two by two when there is an even number of them (`李 明 王 芳`
    /// is 李明 and 王芳), three as one name (`王 一 凡`, a name spaced out to the width of a column);
    /// five or more are left as they are.
    static func joiningSpacedNames(_ text: String) -> String {
        guard text.contains(where: \.isWhitespace) else { return text }
        let opening = text.prefix(1), closing = text.suffix(1)
        let words = text.dropFirst().dropLast().split(whereSeparator: \.isWhitespace).map(String.init)
        func isSingle(_ word: String) -> Bool { word.count == 1 && word.first.map(ChineseText.isHan) == true }
        var joinedWords: [String] = []
        var index = 0
        while index < words.count {
            var end = index
            while end < words.count, isSingle(words[end]) { end += 1 }
            if end - index == 3 {
                // A three-character name set with a space between each character (`王 一 凡`).
                joinedWords.append(words[index..<end].joined())
                index = end
            } else if end - index >= 2, (end - index).isMultiple(of: 2) {
                joinedWords += stride(from: index, to: end, by: 2).map { words[$0] + words[$0 + 1] }
                index = end
            } else {
                joinedWords += words[index..<max(end, index + 1)]
                index = max(end, index + 1)
            }
        }
        return joinedWords.count == words.count ? text : opening + joinedWords.joined(separator: " ") + closing
    }

    /// An author's line whose two-character name is set with a space (`文/林 溪`, `□ 林 溪`,
    /// `文/本报记者 林 溪`), the name written as one; any other text as it is.
    static func joiningSpacedAuthorName(_ text: String) -> String {
        guard let first = text.first, "□■文".contains(first), let match = text.wholeMatch(of: Self.spacedAuthorPattern) else { return text }
        return String(match.output.mark) + String(match.output.first) + String(match.output.second)
    }
    nonisolated(unsafe) private static let spacedAuthorPattern = #/(?<mark>(?:[□■]\s*|文\s*[/／]\s*)(?:(?:本报)?(?:特约)?(?:记者|通讯员|评论员)\s*)?)(?<first>\p{Han})\s+(?<second>\p{Han})/#

    /// The names of `（周立新 林小燕）`: one to four names of two or three Han characters in
    /// parentheses, and nothing else; `nil` for a word a paper puts in parentheses (`（节选）`,
    /// `（之二）`, `（下篇）`, `（笑）`).
    static func namesAlone(_ text: String) -> [String]? {
        let words = text.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
        guard (1...4).contains(words.count) else { return nil }
        for written in words {
            // Words in traditional characters (`記者`, `節選`) are known by their simplified forms.
            let word = Substring(ChineseText.simplifiedMarkers(String(written)))
            guard (2...3).contains(word.count), word.allSatisfy({ ChineseText.isHan($0) || $0 == "·" }),
                  !notNames.contains(String(word)), let first = word.first, let last = word.last,
                  !"之续續第本".contains(first), !"篇章期版图圖稿讯訊声聲语語摄攝".contains(last),
                  !BylineReader.startsWithRole(word), !BylineReader.roleWords.contains(where: { $0.hasSuffix(word) }) else { return nil }
        }
        return words.map(String.init)
    }

    /// Words of two or three characters a paper sets alone in parentheses that are not names.
    private static let notNames: Set<String> = [
        "节选", "摘编", "摘录", "摘要", "删节", "有删节", "待续", "未完", "全文完", "续完", "广告", "附件", "注释", "原文",
        "译文", "连载", "评论", "综述", "特稿", "专稿", "来稿", "来论", "短评", "时评", "社论", "编者", "编后", "鼓掌", "笑",
        "下同", "同上", "上同", "略", "完", "图表", "图片", "资料", "示意", "配图", "题图", "插图", "署名", "化名", "匿名",
        "整理", "报道", "摄影", "图文", "供稿", "提供", "综合", "撰文", "文字", "采写", "编辑", "校对", "审核", "美编", "责编",
        // The same in traditional characters, as a reprint sets them.
        "節選", "摘編", "摘錄", "刪節", "有刪節", "待續", "續完", "廣告", "註釋", "譯文", "連載", "評論", "綜述", "專稿", "來稿",
        "來論", "短評", "時評", "社論", "編者", "編後", "圖表", "圖片", "資料", "配圖", "題圖", "插圖", "報道", "攝影", "圖文",
        "綜合", "採寫", "編輯", "校對", "審核", "美編", "責編",
    ]

    /// Splits a paragraph that ends, after its last sentence, in a byline in parentheses, as a brief
    /// set in one paragraph does (`…现场解答咨询46人次。（通讯员 沈悦）`): the text before it and
    /// the names.
    static func trailingClosingByline(_ text: String) -> (text: String, credits: Credits)? {
        guard let open = parenthesisAfterLastSentence(text), let credits = closingByline(String(text[open...])) else { return nil }
        return (String(text[..<open]).trimmingSpaces(), credits)
    }

    /// Where the parenthesised part that ends `text` opens, when a finished sentence stands before
    /// it (`…46人次。（通讯员 沈悦）`); `nil` when `text` ends otherwise.
    static func parenthesisAfterLastSentence(_ text: String) -> String.Index? {
        guard let last = text.last, last == ")" || last == "）",
              let open = text.lastIndex(where: { $0 == "(" || $0 == "（" }), open > text.startIndex,
              ChineseText.endsSentence(String(text[..<open]).trimmingSpaces()) else { return nil }
        return open
    }

    /// Words that follow `记者` in a piece's label (`记者手记`), which a byline would read as a name.
    static let pieceLabels: Set<String> = ["手记", "观察", "调查", "札记", "随笔", "视点", "来信", "连线", "笔记", "日记", "感言", "见闻", "走基层", "探访", "体验"]

    /// `(据《江苏工人报》)` alone on a line: the name of the paper.
    static func reprintNote(_ text: String) -> String? {
        guard !TextMetrics.hasCharacters(text, atLeast: longestCreditLine + 1), text.contains("《") else { return nil }
        let folded = ChineseText.simplifiedMarkers(text)
        let pattern = Self.reprintNotePattern
        return folded.wholeMatch(of: pattern).map { String($0.output.paper) }
    }

    /// Splits a paragraph that ends in a reprint note (`…仪式。(据《劳动报》)`).
    static func trailingReprintNote(_ text: String) -> (text: String, paper: String)? {
        guard text.hasSuffix(")") || text.hasSuffix("）") else { return nil }
        let folded = ChineseText.simplifiedMarkers(text)
        let pattern = Self.trailingReprintPattern
        let tail = folded.suffix(longestCreditLine)
        guard let match = tail.firstMatch(of: pattern), match.range.upperBound == tail.endIndex else { return nil }
        let offset = folded.distance(from: folded.startIndex, to: match.range.lowerBound)
        let body = String(text.prefix(offset)).trimmingSpaces()
        return body.isEmpty ? nil : (body, String(match.output.paper))
    }

    /// A page-level credit for a feature: `■本版撰文/摄影 X`, `■本版撰文 X`, or one credit for each
    /// role on one line (`■本版撰文 X ■本版摄影 Y`); every part of the line must be a credit.
    static func endCredit(_ text: String) -> Credits? {
        guard !TextMetrics.hasCharacters(text, atLeast: longestCreditLine + 1), text.contains("本版") else { return nil }
        let folded = ChineseText.simplifiedMarkers(text)
        let pattern = Self.endCreditPattern
        var credits = Credits()
        for part in endCreditParts(folded) {
            guard let match = part.wholeMatch(of: pattern) else { return nil }
            let roles = String(match.output.roles)
            let names = splitNames(String(match.output.names))
            guard !names.isEmpty else { return nil }
            if roles.contains("文") || roles.contains("采写") { credits.reporters += names }
            if roles.contains("摄") || roles.contains("图") { credits.photographers += names }
        }
        return credits.reporters.isEmpty && credits.photographers.isEmpty ? nil : credits
    }

    /// The credits of an end credit line, each beginning at a `本版` (with the mark before it).
    private static func endCreditParts(_ folded: String) -> [Substring] {
        let marks: Set<Character> = ["■", "□", "●", "◆"]
        var parts: [Substring] = []
        var start = folded.startIndex
        var index = folded.startIndex
        while let found = folded[index...].range(of: "本版") {
            // The part before this `本版` ends at its mark and the spaces before that.
            var end = found.lowerBound
            while end > start {
                let previous = folded.index(before: end)
                guard marks.contains(folded[previous]) || folded[previous].isWhitespace else { break }
                end = previous
            }
            if end > start { parts.append(folded[start..<end]) }
            start = end
            index = found.upperBound
        }
        parts.append(folded[start...])
        return parts.map { $0.drop { $0.isWhitespace } }.filter { !$0.isEmpty }
    }

    /// Splits `陈瑞瑶、曹思怡` into names.
    static func splitNames(_ text: String) -> [String] {
        text.split(whereSeparator: { "、，, ".contains($0) }).map(String.init).filter { $0.count >= 2 }
    }
}

extension String {
    /// The string without leading and trailing white space (including U+3000).
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
