import NewsModel

/// A story as read from a page or a Markdown file, before regions, topics and a slug are added.
struct RawArticle: Sendable {
    var headline: Headline
    var credits: Credits
    var kind: ArticleKind
    var blocks: [BodyBlock]
    var markdown: String?
    var date: EditionDate?
    var edition: Edition?
    /// Region and topic names an editor gave explicitly (front matter, sidecar); `nil` means "find them".
    var regionNames: [String]?
    var topicNames: [String]?
    /// Where the names were given (the front matter's or the sidecar's line), for diagnostics.
    var regionNamesGiven: SourcePlace?
    var topicNamesGiven: SourcePlace?
    var span: SourceSpan
    /// Line of the byline or first body paragraph, for diagnostics.
    var bodyLine: Int
    /// The slug the source fixed (a Markdown article's `slug:`), if it did.
    var fixedSlug: Slug?
    /// Whether the slug was fixed, and the page's former addresses.
    var permalink = Permalink()
}

/// A line of a source file, named in a diagnostic.
struct SourcePlace: Sendable, Hashable {
    var file: String
    var line: Int
}

/// What one page dump holds: its edition and its stories.
struct PageDump: Sendable {
    var newspaper: String?
    var date: EditionDate?
    var number: Int?
    var page: Int?
    var articles: [RawArticle]
    var diagnostics: [LoadDiagnostic]
}

/// Splits the text of one printed page into its stories.
///
/// A page is read as a sequence of blocks (one per line, blank lines between them). The masthead is
/// taken out first; then headline runs — short lines with no full stop — open stories, body paragraphs
/// fill them, and credit lines (photo credits, reprint notes, `■本版撰文` credits) close them.
struct PageDumpReader: Sendable {
    /// The paper's column labels and banners.
    var conventions: PageConventions

    /// A caption is a short complete sentence set off by a wide gap in the middle of a broken sentence.
    static let captionLengths = 6...40
    /// A photo story's caption runs at most this many blocks after its headline.
    static let photoStoryMaxBlocks = 3

    fileprivate enum Entry {
        case paragraph(PageBlock)
        case subheading(PageBlock)
        case caption(PageBlock)
        /// A line of a table the dump set as text: a paragraph of its own, never joined to another.
        case tableRow(PageBlock)

        var block: PageBlock {
            switch self { case .paragraph(let b), .subheading(let b), .caption(let b), .tableRow(let b): return b }
        }

        var isParagraph: Bool {
            if case .paragraph = self { true } else { false }
        }

        var isCaption: Bool {
            if case .caption = self { true } else { false }
        }
    }

    fileprivate struct Draft {
        var headlineLines: [PageBlock]
        var credits = Credits()
        var hasByline = false
        var kind: ArticleKind = .news
        var entries: [Entry] = []
        var lastLine: Int
        /// The page the story goes on on (`（下转第3版）`) and the note's line.
        var goesOnPage: (page: String, line: Int)?
        /// The page the story comes from (`（上接第1版）`) and the note's line.
        var comesFromPage: (page: String, line: Int)?

        init(headlineLines: [PageBlock]) {
            self.headlineLines = headlineLines
            self.lastLine = headlineLines.last?.line ?? 0
        }
    }

    private enum Token {
        var isParagraph: Bool {
            if case .paragraph = self { true } else { false }
        }

        case headlineLike(PageBlock)
        case paragraph(PageBlock)
        case photoCredit(PageBlock, Credits)
        case endCredit(PageBlock, Credits)
        case reprintNote(PageBlock, String)
        case jumpNote(PageBlock, CreditLine.JumpNote)
        case closingByline(PageBlock, Credits)
        /// A line of the story that closes it: `（作者单位：…）`.
        case closingLine(PageBlock)
    }

    /// Reads a page. `file` is only used to name the page in diagnostics.
    func read(_ text: String, file: String) -> PageDump {
        let allBlocks = PageBlock.blocks(of: text)
        // A masthead set in traditional characters (`農曆`, `總第…號`, `…日報`) is read as one in simplified.
        // Only a line short enough to be one is folded (`MastheadReader.longestMastheadLine`
        // characters take at most four bytes each).
        let masthead = MastheadReader.read(allBlocks.map { $0.text.utf8.count > 4 * MastheadReader.longestMastheadLine ? $0.text : ChineseText.simplifiedMarkers($0.text) },
                                           lines: allBlocks.map(\.line))
        var diagnostics: [LoadDiagnostic] = []
        var date: EditionDate?
        if let found = masthead.date {
            date = EditionDate(year: found.year, month: found.month, day: found.day)
            if date == nil {
                diagnostics.append(LoadDiagnostic(.warning, file: file, line: masthead.firstLine, step: "masthead",
                                                  message: "masthead date \(found.year)-\(found.month)-\(found.day) does not exist"))
            }
            if let other = masthead.otherDate {
                diagnostics.append(LoadDiagnostic(.warning, file: file, line: other.line, step: "masthead", message:
                    "a second date on the page (\(other.year)-\(other.month)-\(other.day)): every story of the page is dated \(found.year)-\(found.month)-\(found.day), the first; split the page, or give the date in a sidecar"))
            }
        }
        let blocks = allBlocks.enumerated().filter { !masthead.blockIndices.contains($0.offset) }.map(\.element)
        let tokens = Self.headlinesAboveBylines(blocks.flatMap(tokenize))
        // A masthead in the middle of the page (a second edition's) ends the story above it.
        let afterMasthead = Set(masthead.blockIndices.compactMap { index in
            index + 1 < allBlocks.count && !masthead.blockIndices.contains(index + 1) ? allBlocks[index + 1].line : nil
        })
        var (drafts, orphanDiagnostics) = segment(tokens, file: file, storiesBeginAt: afterMasthead)
        diagnostics += orphanDiagnostics

        var articles: [RawArticle] = []
        for index in drafts.indices {
            guard let article = finish(&drafts[index], file: file, date: date, masthead: masthead, diagnostics: &diagnostics) else {
                diagnostics.append(LoadDiagnostic(.warning, file: file, line: drafts[index].headlineLines.first?.line,
                                                  step: "page", message: "headline lines with no story under them"))
                continue
            }
            articles.append(article)
        }
        return PageDump(newspaper: masthead.newspaper, date: date, number: masthead.number, page: masthead.page,
                        articles: articles, diagnostics: diagnostics)
    }

    // MARK: - Tokens

    private func tokenize(_ written: PageBlock) -> [Token] {
        var block = written
        // An author's line (`□ 林 溪`) is short; a paragraph's length is not counted to know it.
        if block.text.utf8.count <= 14 * 4 { block.text = CreditLine.joiningSpacedAuthorName(block.text) }
        if let credits = CreditLine.endCredit(block.text) { return [.endCredit(block, credits)] }
        if let credits = CreditLine.photoCredit(block.text) { return [.photoCredit(block, credits)] }
        if let paper = CreditLine.reprintNote(block.text) { return [.reprintNote(block, paper)] }
        if let jump = CreditLine.jumpNote(block.text) { return [.jumpNote(block, jump)] }
        if let credits = CreditLine.closingByline(block.text) ?? CreditLine.wordsThenPictures(block.text) { return [.closingByline(block, credits)] }
        if CreditLine.isAuthorUnit(block.text) || CreditLine.isSourceNote(block.text) || CreditLine.isSerialEnd(block.text) { return [.closingLine(block)] }
        if CreditLine.isSerialGoingOn(block.text) { return [.paragraph(block)] }
        if let split = CreditLine.jumpNoteInside(block.text) {
            var body = block
            body.text = split.text
            return split.atEnd ? tokenize(body) + [.jumpNote(block, split.jump)] : [.jumpNote(block, split.jump)] + tokenize(body)
        }
        if let split = CreditLine.trailingReprintNote(block.text) {
            var body = block
            body.text = split.text
            return tokenize(body) + [.reprintNote(block, split.paper)]
        }
        if let split = CreditLine.trailingPhotoCredit(block.text) {
            var body = block
            body.text = split.text
            return [.paragraph(body), .photoCredit(block, split.credits)]
        }
        if let split = CreditLine.trailingClosingByline(block.text) {
            var body = block
            body.text = split.text
            return tokenize(body) + [.closingByline(block, split.credits)]
        }
        // A line that opens with a byline is the story's first paragraph, however short (a byline
        // alone on its line, or an opening cut by a column break), never a headline.
        return [block.isHeadlineLike && BylineReader.read(block.text) == nil ? .headlineLike(block) : .paragraph(block)]
    }

    /// `tokens` with each line that would be headline-like but for the character it ends on
    /// (`PageBlock.endsOnDependentCharacter`: `…与`, `…的`) made one when only headline lines stand
    /// between it and a line opening with a byline or a `（上接第N版）` note: no story's first line
    /// goes on with a sentence cut before it, so the line heads that story (a title wrapped after
    /// `与`) rather than ending the story above.
    private static func headlinesAboveBylines(_ tokens: [Token]) -> [Token] {
        var tokens = tokens
        // What comes after the headline lines below: a paragraph (read for a byline only when a
        // line above might head it), or a note that a story comes from another page.
        var following: PageBlock?
        var jumpHeadFollows = false
        for index in tokens.indices.reversed() {
            switch tokens[index] {
            case .headlineLike:
                continue
            case .paragraph(let block):
                if block.endsOnDependentCharacter, block.isHeadlineLike(whateverItEndsOn: true), BylineReader.read(block.text) == nil,
                   jumpHeadFollows || following.map({ BylineReader.read($0.text) != nil }) == true {
                    tokens[index] = .headlineLike(block)
                    continue
                }
                (following, jumpHeadFollows) = (block, false)
            case .jumpNote(_, let jump):
                (following, jumpHeadFollows) = (nil, !jump.goesOn)
            default:
                (following, jumpHeadFollows) = (nil, false)
            }
        }
        return tokens
    }

    // MARK: - Segmentation

    /// The stories of `tokens`; a headline at one of the lines `storiesBeginAt` opens a story
    /// whatever came before it.
    private func segment(_ tokens: [Token], file: String, storiesBeginAt: Set<Int> = []) -> ([Draft], [LoadDiagnostic]) {
        var drafts: [Draft] = []
        var diagnostics: [LoadDiagnostic] = []
        var current: Draft?
        var closed = true
        var index = 0
        /// An editor's note printed over a headline, held for the story that headline opens.
        var noteOverHeadline: PageBlock?
        /// A column's label printed over that note, held for the same story's headline.
        var labelOverNote: [PageBlock] = []

        func close() {
            if let draft = current { drafts.append(draft) }
            current = nil
        }
        /// Adds `lines` to the story being read, each as `entry` makes it from its place among them.
        func keep(_ lines: ArraySlice<PageBlock>, as entry: (Int, PageBlock) -> Entry) {
            for (position, block) in lines.enumerated() { current?.entries.append(entry(position, block)) }
            if let last = lines.last { current?.lastLine = last.line }
        }

        while index < tokens.count {
            switch tokens[index] {
            case .headlineLike:
                var run: [PageBlock] = []
                var end = index
                while end < tokens.count, case .headlineLike(let block) = tokens[end] { run.append(block); end += 1 }
                // What stands at the top of a story under its headline: a byline (`（记者 X）` too),
                // an editor's note (`编者按：…`), or the note that it comes from another page.
                let opensWithByline: Bool
                switch end < tokens.count ? tokens[end] : nil {
                case .paragraph(let next)?: opensWithByline = BylineReader.read(next.text) != nil || Self.opensWithEditorsNote(next.text)
                    || CreditLine.isSerialGoingOn(next.text)
                case .closingByline?: opensWithByline = true
                case .jumpNote(_, let jump)?: opensWithByline = !jump.goesOn
                default: opensWithByline = false
                }
                let distinctLines = HeadlineReader.withoutRepeats(run.map(\.text)).count
                let next: PageBlock? = if end < tokens.count, case .paragraph(let block) = tokens[end] { block } else { nil }
                // A column's label over an editor's note over a headline (`一线评说` / `编者按：…` /
                // the title): the label and the note are the next story's, not a story of their own.
                if run.count == 1, conventions.isColumnLabel(run[0].text)
                    || run[0].text.count <= Self.longestUnknownLabel && current?.endsMidSentence != true,
                   let next, Self.opensWithEditorsNote(next.text), end + 1 < tokens.count, case .headlineLike = tokens[end + 1] {
                    close()
                    closed = true
                    (labelOverNote, noteOverHeadline) = (run, next)
                    index = end + 1
                    continue
                }
                // A notice's signature, its issuer over a date (`浙江省总工会` / `2024年4月20日`),
                // closes the notice: no headline ends on a date alone.
                if current != nil, !closed, let dateLine = run.lastIndex(where: { MastheadReader.isDateOnly($0.text) }), dateLine > 0,
                   !run[..<dateLine].contains(where: { MastheadReader.isDateOnly($0.text) }) {
                    // One paragraph, its lines apart: they end no sentence, and would run together.
                    var signature = run[dateLine]
                    signature.line = run[0].line
                    signature.text = run[...dateLine].map(\.text).joined(separator: " ")
                    current?.entries.append(.paragraph(signature))
                    current?.lastLine = run[dateLine].line
                    closed = true
                    index += dateLine + 1   // the lines after the date head the next story
                    continue
                }
                // Numbered sections of a notice (`一、推荐范围`, `（一）推荐对象`) are its subheadings.
                if current != nil, !closed, run.allSatisfy({ Self.isNumberedSection($0.text) }) {
                    keep(run[...]) { .subheading($1) }
                    index = end
                    continue
                }
                // The rows of a table under the sentence that brings it in (`…情况如下：`), or two
                // rows of three cells or more in a row, are lines of the story.
                if let draft = current, !closed, case let rows = Self.tableRows(run, after: draft), rows > 0 {
                    keep(run[..<rows]) { .tableRow($1) }
                    diagnostics.append(LoadDiagnostic(.warning, file: file, line: run[0].line, step: "body",
                                                      message: "a table of \(rows) lines is kept as lines of text: check its rows and columns against the printed page"))
                    index += rows
                    continue
                }
                let beginsStory = storiesBeginAt.contains(run[0].line)
                let headsBrief = opensBrief(run, next: next, after: current)
                // The lines of a list under the sentence that brings it in (`名单如下：`, `获此称号的
                // 是：`) — its heading, a note, names with their units, numbered items — are lines of
                // the story as printed, unless a byline or a brief's lead under them shows they head
                // the next story. (A story a column break cut after `他说：` goes on elsewhere: the
                // headline under it is the next story's.)
                if case .paragraph(let last)? = current?.entries.last, !closed, Self.introducesList(last.text), Self.isList(run),
                   !beginsStory, !opensWithByline, !headsBrief {
                    keep(run[...]) { .tableRow($1) }
                    index = end
                    continue
                }
                if !closed, !beginsStory, run.count == 1, !opensWithByline, current?.endsMidSentence == true,
                   run[0].gapBefore <= 1, !run[0].text.contains(" "), !headsBrief {
                    // A short line right after a sentence a column break cut is the rest of that
                    // sentence; a subheading is set apart by a wider gap or in two phrases.
                    current?.entries.append(.paragraph(run[0]))
                    current?.lastLine = run[0].line
                    index = end
                    continue
                }
                // Verse under a poem's title and its author's line (`□ X`, `文/X`): three lines or
                // more too short for sentences, set one under another where the story's text begins,
                // are that text, each a line. (A story's sections have one line of head each; the
                // next story's headline, when the story's text is in another column, a byline or a
                // lead under it.)
                if let draft = current, !closed, !draft.hasText, draft.hasBylineCandidate || draft.credits != Credits(),
                   run.count >= 3, !opensWithByline, !headsBrief, run.allSatisfy({ $0.length <= Self.longestVerseLine }) {
                    keep(run[...]) { .tableRow($1) }
                    index = end
                    continue
                }
                // A box set inside a story (`【相关链接】`, `小贴士`), its head and its items, is the story's.
                if current != nil, !closed, !beginsStory, !opensWithByline, Self.isBoxLabel(run[0].text) {
                    // Its label, and the line under it unless that is an item, are its heads.
                    keep(run[...]) { position, block in position == 0 || position == 1 && !Self.isListItem(block.text) ? .subheading(block) : .tableRow(block) }
                    index = end
                    continue
                }
                if current == nil || closed || beginsStory || opensWithByline || distinctLines >= 2 || headsBrief {
                    let (tail, head) = splitRunAtColumnLabel(run, hasCurrent: current != nil && !closed)
                    for block in tail { current?.entries.append(.subheading(block)) }
                    close()
                    current = Draft(headlineLines: labelOverNote + head)
                    if let note = noteOverHeadline { current?.entries.append(.paragraph(note)) }
                    (noteOverHeadline, labelOverNote) = (nil, [])
                } else {
                    for block in run { current?.entries.append(.subheading(block)) }
                    current?.lastLine = run.last?.line ?? 0
                }
                closed = false
                index = end
                continue
            case .paragraph(let block):
                if Self.opensWithEditorsNote(block.text), index + 1 < tokens.count, case .headlineLike = tokens[index + 1],
                   current.map({ closed || $0.hasText }) ?? true {
                    // An editor's note over a headline opens the story under it (`编者按：…本报记者专访了…`),
                    // unless the story above has no text yet (its byline only): then the note is that
                    // story's, and the line under it a section's head.
                    close()
                    closed = true
                    noteOverHeadline = block
                } else if current == nil {
                    diagnostics.append(LoadDiagnostic(.warning, file: file, line: block.line, step: "page",
                                                      message: "text before the first headline (a story continued from another page?) is not an article: “\(block.text.prefix(20))…”"))
                } else if let opening = current!.entries.first(where: \.isParagraph), BylineReader.read(opening.block.text) == nil,
                          !current!.hasByline, current!.credits.reporters.isEmpty, current!.credits.correspondents.isEmpty,
                          let credits = Self.bylineAlone(block.text), index + 1 == tokens.count || !tokens[index + 1].isParagraph {
                    // A byline alone on a line after the story's text began (`本报记者 X 通讯员 Y`),
                    // of a story with none yet, is its byline, not a paragraph. It closes nothing: a
                    // feature's section may follow, or a round-up's next part.
                    current!.credits.reporters += credits.reporters
                    current!.credits.correspondents += credits.correspondents
                    current!.lastLine = block.line
                } else {
                    current?.entries.append(.paragraph(block))
                    current?.lastLine = block.line
                }
            case .photoCredit(let block, let credits):
                if current != nil { attachPhotoCredit(credits, line: block.line, to: &current!, drafts: &drafts) }
                else { diagnostics.append(LoadDiagnostic(.warning, file: file, line: block.line, step: "page", message: "photo credit with no story: “\(block.text)”")) }
                closed = true
            case .endCredit(let block, let credits):
                if current != nil {
                    current!.kind = .feature
                    current!.credits.reporters += credits.reporters
                    current!.credits.photographers += credits.photographers
                    current!.lastLine = block.line
                } else {
                    diagnostics.append(LoadDiagnostic(.warning, file: file, line: block.line, step: "page", message: "credit line with no story: “\(block.text)”"))
                }
                closed = true
            case .jumpNote(let block, let jump):
                // The part of a story this page holds ends at `（下转…）`; `（上接…）` under a jump
                // head is no text of the story it heads.
                if current == nil {
                    diagnostics.append(LoadDiagnostic(.warning, file: file, line: block.line, step: "page", message: "a jump note with no story: “\(block.text)”"))
                } else if jump.goesOn {
                    current!.goesOnPage = (jump.page, block.line)
                    current!.lastLine = block.line
                    closed = true
                } else {
                    current!.comesFromPage = (jump.page, block.line)
                    current!.lastLine = block.line
                }
            case .closingLine(let block):
                if current != nil {
                    current!.entries.append(.paragraph(block))
                    current!.lastLine = block.line
                } else {
                    diagnostics.append(LoadDiagnostic(.warning, file: file, line: block.line, step: "page", message: "text before the first headline is not an article: “\(block.text)”"))
                }
                closed = true
            case .closingByline(let block, let credits):
                // `（记者 X）` closes the brief it follows; over a story's first paragraph it is
                // the story's byline as any other.
                if current != nil {
                    current!.credits.reporters += credits.reporters
                    current!.credits.correspondents += credits.correspondents
                    current!.credits.photographers += credits.photographers
                    current!.lastLine = block.line
                    if current!.entries.contains(where: \.isParagraph) { closed = true }
                } else {
                    diagnostics.append(LoadDiagnostic(.warning, file: file, line: block.line, step: "page", message: "a byline with no story: “\(block.text)”"))
                }
            case .reprintNote(let block, let paper):
                if current != nil {
                    current!.credits.attribution = paper
                    current!.lastLine = block.line
                } else {
                    diagnostics.append(LoadDiagnostic(.warning, file: file, line: block.line, step: "page", message: "reprint note with no story: “\(block.text)”"))
                }
                closed = true
            }
            index += 1
        }
        close()
        return (drafts, diagnostics)
    }

    /// The names of a line that is a byline and nothing else (`本报记者 叶晓东 通讯员 朱丽萍`); `nil`
    /// for any other line, a news lead's opening (`本报讯 记者X`) among them.
    static func bylineAlone(_ text: String) -> Credits? {
        guard let byline = BylineReader.read(text), !byline.hasNewsMarker, byline.rest.allSatisfy(\.isWhitespace),
              !byline.credits.reporters.isEmpty || !byline.credits.correspondents.isEmpty,
              !(byline.credits.reporters + byline.credits.correspondents).contains(where: CreditLine.pieceLabels.contains) else { return nil }
        return byline.credits
    }

    nonisolated(unsafe) private static let numberedSectionPattern = #/^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])/#

    /// Whether `text` opens a numbered section: `一、推荐范围`, `（一）推荐对象`.
    static func isNumberedSection(_ text: String) -> Bool {
        guard let first = text.first, "一二三四五六七八九十（(".contains(first) else { return false }
        return text.prefixMatch(of: numberedSectionPattern) != nil
    }

    /// The most characters a cell of a table row holds: a name, a figure.
    static let longestTableCell = 8

    /// The cells of `text` when it has the shape of a table row: three or more short parts set apart
    /// by spaces (`地区 参赛人数 获奖人数`, `32000 28000 21000 15000`); `nil` for any other line.
    static func tableCells(_ text: String) -> [Substring]? {
        let cells = text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" })
        guard cells.count >= 3, cells.allSatisfy({ $0.count <= longestTableCell }) else { return nil }
        return cells
    }

    /// How many of the lines of `run`, from the first, are rows of a table in the story `draft`:
    /// two or more lines of a row's shape, under a paragraph that brings the table in (it ends on
    /// a colon) or with a row of figures among them (`32000 28000 21000`): a kicker and a title of
    /// spaced phrases (`以赛促学 以赛促训 以赛促练`) are two such lines too, but never figures alone.
    private static func tableRows(_ run: [PageBlock], after draft: Draft) -> Int {
        var rows: [[Substring]] = []
        for block in run {
            guard let cells = tableCells(block.text) else { break }
            rows.append(cells)
        }
        guard rows.count >= 2 else { return 0 }
        if case .paragraph(let last)? = draft.entries.last, endsOnColon(last.text) { return rows.count }
        return rows.contains(where: isRowOfFigures) ? rows.count : 0
    }

    /// Whether every one of a row's `cells` is a figure (`32000`, `12.5%`).
    static func isRowOfFigures(_ cells: [Substring]) -> Bool {
        cells.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "%") || $0 == "％" } }
    }

    /// Whether `text` is a section's number and nothing else: `1`, `12`, `二`, `十二`, `①`.
    static func isSectionNumber(_ text: String) -> Bool {
        text.wholeMatch(of: Self.sectionNumberPattern) != nil
    }
    nonisolated(unsafe) private static let sectionNumberPattern = #/\d{1,2}|[一二三四五六七八九十]{1,3}|[①-⑳]/#

    /// Whether `text` ends on the words that bring a list in: `名单如下：`, `获此称号的是：`,
    /// `分别为：`, `包括：` (not `他说：`, which brings in what someone said).
    static func introducesList(_ text: String) -> Bool {
        guard endsOnColon(text) else { return false }
        let words = text.dropLast().suffix(3)
        return ["如下", "的是", "分别是", "分别为", "依次为", "包括", "名单", "名单是", "名单为", "具体是", "具体为", "有"].contains(where: words.hasSuffix)
    }

    /// Whether headline-like `run` has a list's shape: a heading that names a 名单 over its items,
    /// numbered items, or more lines than a headline has (a kicker, a title and a subtitle).
    static func isList(_ run: [PageBlock]) -> Bool {
        run.count >= 4 || run.count >= 2 && (run.contains { $0.text.contains("名单") } || run.allSatisfy { isListItem($0.text) })
    }

    /// The longest line of verse: a poem's lines are short.
    static let longestVerseLine = 16

    /// The labels of a box a paper sets inside a story, without the marks around them (`【相关链接】`, `■小贴士`).
    static let boxLabels: Set<String> = ["链接", "相关链接", "新闻链接", "背景链接", "知识链接", "资料链接", "政策链接", "小贴士", "温馨提示",
                                         "延伸阅读", "相关阅读", "名词解释", "背景资料", "小知识", "相关新闻", "知识点"]

    /// Whether `text` is the label of a box inside a story (see `boxLabels`).
    static func isBoxLabel(_ text: String) -> Bool {
        guard text.count <= 8 else { return false }
        return boxLabels.contains(text.filter { !"【】[]■□●◆◇▲△▶★☆ ".contains($0) && !$0.isWhitespace })
    }

    /// Whether `text` is an item of a numbered list: `1. …`, `2、…`, `（3）…`, `①…`.
    static func isListItem(_ text: String) -> Bool {
        text.prefixMatch(of: Self.listItemPattern) != nil
    }
    nonisolated(unsafe) private static let listItemPattern = #/(?:\d{1,2}\s*[.．、)）]|[（(]\s*\d{1,2}\s*[)）]|[①-⑳])/#

    /// The longest line over an editor's note and a headline that is taken for a column's label
    /// when no column of the taxonomy has its name.
    static let longestUnknownLabel = 8

    /// Whether editor's note `note` names `line` as a column or series (`开设“一线评说”栏目`,
    /// `推出“共富路上工会行”系列报道`).
    static func note(_ note: String, namesColumn line: String) -> Bool {
        let name = line.filter { !$0.isWhitespace }
        guard !name.isEmpty else { return false }
        let text = ChineseText.simplifiedMarkers(note).filter { !$0.isWhitespace }
        for (open, close) in [("“", "”"), ("\"", "\""), ("「", "」"), ("《", "》")] {
            guard let range = text.range(of: open + name + close) else { continue }
            let after = text[range.upperBound...].prefix(4)
            if ["栏目", "系列", "专栏", "专题", "栏"].contains(where: after.hasPrefix) { return true }
        }
        return false
    }

    /// How an editor's note over a story opens.
    static let editorsNoteOpenings = ["编者按", "編者按", "编者的话"]

    /// Whether `text` is an editor's note (`编者按：…`).
    static func opensWithEditorsNote(_ text: String) -> Bool {
        editorsNoteOpenings.contains(where: text.hasPrefix)
    }

    /// Words that open a story with the time of what it reports, as a brief without a byline begins.
    private static let leadWords = ["近日", "日前", "昨日", "昨天", "今天", "今日"]

    /// Whether `text` opens with the time of what it reports: `5月9日晚，`, `近日，`.
    static func opensWithNewsLead(_ text: String) -> Bool {
        if leadWords.contains(where: text.hasPrefix) { return true }
        // One or two digits, 月, one or two digits, 日.
        var characters = text.prefix(6).makeIterator()
        func digits() -> Character? {
            var count = 0
            while let next = characters.next() {
                guard next.isASCII, next.isNumber else { return count > 0 ? next : nil }
                count += 1
                if count > 2 { return nil }
            }
            return nil
        }
        return digits() == "月" && digits() == "日"
    }

    /// Whether a one-line headline over a paragraph that does not open with a byline heads a brief
    /// of its own rather than a section of the story before it (`current`): a news lead follows it
    /// and it is set as one phrase (a subheading is most often two, split by a comma, a colon or a
    /// space: `数字+服务,坚定企业发展信心`, `加强思想武装 营造学法环境`); or, one phrase, it names by
    /// its full name a place that the paragraph under it names and the story before it does not
    /// (`普陀区骑手议事会“议”出暖心事` under a story from 浦东新区): a brief says where, a subheading
    /// goes on with the story's own place.
    private func opensBrief(_ run: [PageBlock], next: PageBlock?, after current: Draft?) -> Bool {
        guard run.count == 1, let next else { return false }
        let line = run[0].text
        if line.contains(where: { "，,：:".contains($0) }) { return false }
        if let current, followsInBriefSeries(line, after: current) { return true }
        if line.contains(" ") {
            // Set in two phrases, a brief's headline names its place first (`台州路桥 开展…`): over
            // a news lead it heads a brief, unless it is a section of a round-up; a subheading's
            // first phrase is no place alone.
            guard let places = placesHeading(line), Self.opensWithNewsLead(next.text) else { return false }
            return current.map { !isSection(placedIn: places, of: $0) } ?? true
        }
        if Self.opensWithNewsLead(next.text) { return true }
        // Full names only (`普陀区`, not `金山` of `金山银山`): a bare name may be a word.
        let places = conventions.places(namedIn: line).filter { $0.last.map("市区县".contains) == true && ChineseText.contains(next.text, $0) }
        guard !places.isEmpty, let current else { return false }
        let before = current.entries.map(\.block.text) + current.headlineLines.map(\.text)
        return !places.contains { place in before.contains { ChineseText.contains($0, place) } }
    }

    /// The most characters of text a story under a place-led headline holds for the next place-led
    /// line to head a brief of its own rather than a section of it.
    static let longestBriefInSeries = 400

    /// Whether `line`, one phrase, heads the next brief of a series each headed by its place
    /// (`桐乡濮院职工书屋上新` under `昆山开发区举办职工集体婚礼`; `徐州贾汪 开展女职工关爱行动`
    /// under `南通海门 货车司机之家投用`): it opens with a place, the story before it is headed by
    /// a place too and is as short as a brief, with no section and its last sentence complete. A
    /// round-up under a headline with no place (`全省…`) keeps its places' sections. Set with a space,
    /// the line's first phrase must be the places alone.
    private func followsInBriefSeries(_ line: String, after current: Draft) -> Bool {
        guard let places = placesHeading(line), current.headlineLines.contains(where: { !conventions.leadingPlaces(of: $0.text).isEmpty }),
              !current.entries.contains(where: { !$0.isParagraph }), !current.endsMidSentence, !isSection(placedIn: places, of: current)
        else { return false }
        let paragraphs = current.entries.map(\.block.text)
        return (1...2).contains(paragraphs.count) && !TextMetrics.hasCharacters(paragraphs.joined(), atLeast: Self.longestBriefInSeries + 1)
    }

    /// The places a headline line opens with, as a brief's does: one phrase opening with places
    /// (`桐乡濮院职工书屋上新`), or two whose first is places alone (`徐州贾汪 开展…`; a name that is
    /// also a word is a place when set apart so: `金山 工会律师…`); `nil` for any other line.
    private func placesHeading(_ line: String) -> [String]? {
        let phrases = line.split(separator: " ")
        switch phrases.count {
        case 1:
            let places = conventions.leadingPlaces(of: line)
            return places.isEmpty ? nil : places
        case 2:
            let places = conventions.leadingPlaces(of: String(phrases[0]), allowingWords: true)
            return !places.isEmpty && phrases[0] == places.joined() ? places : nil
        default:
            return nil
        }
    }

    /// Whether a line headed by `places` is a section of the round-up `current`: its place lies in
    /// the one the round-up's headline opens with (`海曙 …` under `宁波工会多措并举…`); or that
    /// headline speaks for the whole province (`全省…`) and the line, naming one place, follows
    /// the round-up's one-paragraph lead or another section (a brief naming its city, `台州路桥 …`,
    /// under a longer story about the province heads a story of its own).
    private func isSection(placedIn places: [String], of current: Draft) -> Bool {
        let headline = current.headlineLines.map(\.text)
        if headline.contains(where: { line in conventions.provinceWideWords.contains { ChineseText.contains(line, $0) } }) {
            let hasSection = current.entries.contains { if case .subheading = $0 { true } else { false } }
            return hasSection || (places.count == 1 && current.entries.filter(\.isParagraph).count == 1)
        }
        guard let place = places.last else { return false }
        return headline.contains { conventions.leadingPlaces(of: $0).last.map { conventions.lies(place, in: $0) } ?? false }
    }

    /// A column label opens a headline: lines above it in the same run end the previous story.
    private func splitRunAtColumnLabel(_ run: [PageBlock], hasCurrent: Bool) -> (tail: [PageBlock], head: [PageBlock]) {
        guard hasCurrent, let label = run.indices.dropFirst().first(where: { conventions.isColumnLabel(run[$0].text) }) else {
            return ([], run)
        }
        return (Array(run[..<label]), Array(run[label...]))
    }

    /// A photo credit either closes a photo story (a short caption under its own headline) or credits
    /// the pictures of the story it ends.
    private func attachPhotoCredit(_ credits: Credits, line: Int, to draft: inout Draft, drafts: inout [Draft]) {
        func paragraphsSince(_ start: Int) -> Int {
            draft.entries[start...].filter(\.isParagraph).count
        }
        if let lastSubheading = draft.entries.lastIndex(where: { if case .subheading = $0 { true } else { false } }),
           draft.entries.count - lastSubheading - 1 <= Self.photoStoryMaxBlocks,
           paragraphsSince(lastSubheading) >= 1, lastSubheading > 0 || draft.hasBylineCandidate {
            // The last "subheading" was the headline of a photo story printed after this one.
            var photo = Draft(headlineLines: [draft.entries[lastSubheading].block])
            photo.entries = Array(draft.entries[(lastSubheading + 1)...])
            photo.kind = .photo
            photo.credits.photographers = credits.photographers
            photo.credits.attribution = credits.attribution
            photo.lastLine = line
            draft.entries.removeSubrange(lastSubheading...)
            // The story ends where its own last line is, not the photo story's.
            draft.lastLine = draft.entries.last?.block.line ?? draft.headlineLines.last?.line ?? draft.lastLine
            drafts.append(draft)
            draft = photo
            return
        }
        let paragraphs = paragraphsSince(0)
        if paragraphs <= Self.photoStoryMaxBlocks, !draft.hasBylineCandidate {
            draft.kind = .photo
            draft.credits.attribution = draft.credits.attribution ?? credits.attribution
        }
        draft.credits.photographers += credits.photographers.filter { !draft.credits.photographers.contains($0) }
        draft.lastLine = line
    }

    // MARK: - Finishing a story

    private func finish(_ draft: inout Draft, file: String, date: EditionDate?, masthead: MastheadReader.Result,
                        diagnostics: inout [LoadDiagnostic]) -> RawArticle? {
        var entries = draft.entries
        // The headline's first line is the column's label when the editor's note names it as one
        // (`本报今起推出“共富路上工会行”系列报道`), whatever its shape.
        var lines = HeadlineReader.withoutRepeats(draft.headlineLines.map(\.text))
        var namedColumn: String?
        if lines.count >= 2, let note = entries.first(where: \.isParagraph)?.block.text, Self.opensWithEditorsNote(note),
           Self.note(note, namesColumn: lines[0]) {
            namedColumn = lines.removeFirst()
        }
        guard var headline = HeadlineReader.read(lines, conventions: conventions) else { return nil }
        headline.column = namedColumn ?? headline.column
        // The byline opens the first paragraph, or the second under an editor's note (`编者按：…`).
        let paragraphs = entries.indices.filter { entries[$0].isParagraph }
        let bylineParagraph = paragraphs.first.flatMap { first in
            Self.opensWithEditorsNote(entries[first].block.text) ? paragraphs.dropFirst().first : first
        }
        if let first = bylineParagraph, let byline = BylineReader.read(entries[first].block.text) {
            draft.credits.reporters = byline.credits.reporters + draft.credits.reporters
            draft.credits.correspondents += byline.credits.correspondents
            draft.credits.photographers = byline.credits.photographers + draft.credits.photographers
            var block = entries[first].block
            block.text = byline.rest
            if block.text.isEmpty { entries.remove(at: first) } else { entries[first] = .paragraph(block) }
        }
        let (bodyBlocks, foundCutOff) = Self.bodyBlocks(from: entries)
        let blocks = bodyBlocks.map(Self.withDisplayPunctuation)
        guard !blocks.isEmpty else { return nil }
        // A story that goes on on another page stops mid-sentence there: said once, not as text lost.
        var cutOff = foundCutOff
        if let jump = draft.goesOnPage {
            let lastParagraphLine = entries.last(where: \.isParagraph)?.block.line
            cutOff.removeAll { $0.lastLine == lastParagraphLine }
            diagnostics.append(LoadDiagnostic(.warning, file: file, line: jump.line, step: "page", message:
                "“\(headline.title)” goes on on page \(jump.page) (下转第\(jump.page)版): only its part on this page is published; add the rest from page \(jump.page) under it"))
        }
        if let jump = draft.comesFromPage {
            diagnostics.append(LoadDiagnostic(.warning, file: file, line: jump.line, step: "page", message:
                "“\(headline.title)” is the rest of a story from page \(jump.page) (上接第\(jump.page)版): it is published as a story of its own; move it under its beginning"))
        }
        for paragraph in cutOff {
            diagnostics.append(LoadDiagnostic(.warning, file: file, line: paragraph.lastLine, step: "body", message:
                "a paragraph stops mid-sentence (“…\(paragraph.text.suffix(12))”) and nothing on the page goes on with it: part of the story may be missing from the page dump; check the printed page"))
        }
        headline.column = headline.column.map(ChineseText.displayPunctuation)
        headline.kicker = headline.kicker.map(ChineseText.displayPunctuation)
        headline.title = ChineseText.displayPunctuation(headline.title)
        headline.subtitle = headline.subtitle.map(ChineseText.displayPunctuation)
        var credits = draft.credits
        credits.reporters = unique(credits.reporters)
        credits.correspondents = unique(credits.correspondents)
        credits.photographers = unique(credits.photographers)
        let edition = masthead.newspaper == nil && masthead.number == nil && masthead.page == nil
            ? nil : Edition(newspaper: masthead.newspaper, number: masthead.number, page: masthead.page)
        // An editor's note printed over the headline is the story's first line.
        let firstLine = [draft.headlineLines.first?.line, draft.entries.first?.block.line].compactMap { $0 }.min() ?? 0
        return RawArticle(
            headline: headline, credits: credits, kind: draft.kind, blocks: blocks, markdown: nil, date: date,
            edition: edition, regionNames: nil, topicNames: nil,
            span: SourceSpan(file: file, firstLine: firstLine, lastLine: max(draft.lastLine, firstLine)),
            bodyLine: entries.first?.block.line ?? firstLine
        )
    }

    /// Marks captions, joins column breaks and drops paragraphs the scan repeated; gives beside
    /// the body each paragraph left cut off (`isCutOff`), with the line it ends on.
    private static func bodyBlocks(from entries: [Entry]) -> (blocks: [BodyBlock], cutOff: [(text: String, lastLine: Int)]) {
        var entries = entries
        // Captions: a short complete sentence after a wide gap, inside a sentence broken by a picture.
        for index in entries.indices.dropFirst().dropLast() {
            guard case .paragraph(let previous) = entries[index - 1], case .paragraph(let block) = entries[index],
                  case .paragraph = entries[index + 1] else { continue }
            // A block that closes a mark before opening one goes on with a paragraph left open: no caption.
            if !ChineseText.endsSentence(previous.text), block.gapBefore >= 2, ChineseText.endsSentence(block.text),
               captionLengths.contains(block.length), BylineReader.read(block.text) == nil, OpenMarks.kindClosedFirst(in: block.text) == nil {
                entries[index] = .caption(block)
            }
        }
        let continuations = Self.continuationsOutOfOrder(entries)
        // The paragraphs some paragraph above them goes on with, and those joined so, out of the
        // dump's order (a source always stands above its continuation).
        let continuing = Set(continuations.values)
        var joinedOutOfOrder = Set<Int>()
        var blocks: [BodyBlock] = []
        var seenText = ""
        var pending: String?   // a paragraph still open at a column break
        var pendingLastLine = 0   // the line of the last block joined into it
        var pendingCaptions: [BodyBlock] = []
        var cutOff: [(text: String, lastLine: Int)] = []

        func flush() {
            if let text = pending {
                blocks.append(.paragraph(text))
                if Self.isCutOff(text) { cutOff.append((text, pendingLastLine)) }
            }
            pending = nil
            blocks += pendingCaptions
            pendingCaptions = []
        }

        for (position, entry) in entries.enumerated() {
            switch entry {
            case .caption(let block):
                pendingCaptions.append(.caption(block.text))
            case .tableRow(let block):
                flush()
                blocks.append(.paragraph(block.text))
            case .subheading(let block):
                flush()
                if blocks.contains(.subheading(block.text)) { continue }
                blocks.append(.subheading(block.text))
            case .paragraph(let block):
                // Joined already to the paragraph whose mark it closes: what stood above it in the
                // dump went on somewhere else.
                if joinedOutOfOrder.contains(position) {
                    flush()
                    continue
                }
                let key = ChineseText.comparable(block.text)
                if TextMetrics.hasCharacters(key, atLeast: 12) ? ChineseText.contains(seenText, key) : blocks.contains(.paragraph(block.text)) { continue }
                seenText += key + "\u{1}"
                if let open = pending, let closed = OpenMarks.kindClosedFirst(in: block.text), !OpenMarks.leavesOpen(closed, in: open) {
                    // It closes a mark the open paragraph never opened: it goes on with another one.
                    flush()
                }
                // A section's number alone on its line where a paragraph would begin (`1`, `二`) is
                // a line of its own: no sentence goes on from it. (Inside a sentence a column break
                // cut, a figure alone on a line is that sentence's: `共有` / `16` / `对师徒…`.)
                if pending == nil, Self.isSectionNumber(block.text) {
                    blocks.append(.paragraph(block.text))
                    continue
                }
                pending = (pending ?? "") + block.text
                pendingLastLine = block.line
                if let first = continuations[position] {
                    // The rest, and what a column break cut from it in turn (its own rest elsewhere,
                    // or the paragraph under it), as far as a sentence ends.
                    var next: Int? = first
                    while let later = next {
                        let rest = entries[later].block
                        pending! += rest.text
                        pendingLastLine = rest.line
                        seenText += ChineseText.comparable(rest.text) + "\u{1}"
                        joinedOutOfOrder.insert(later)
                        if let further = continuations[later] {
                            next = further
                            continue
                        }
                        let under = later + 1
                        guard !ChineseText.endsSentence(rest.text), under < entries.count, entries[under].isParagraph,
                              !continuing.contains(under), !joinedOutOfOrder.contains(under),
                              OpenMarks.kindClosedFirst(in: entries[under].block.text).map({ OpenMarks.leavesOpen($0, in: pending!) }) ?? true
                        else { break }
                        next = under
                    }
                    flush()
                } else if ChineseText.endsSentence(block.text) || Self.endsOnColon(block.text) || CreditLine.isSerialGoingOn(block.text) {
                    flush()
                }
            }
        }
        flush()
        return (blocks, cutOff)
    }

    /// For each paragraph a column break cut inside a quotation or a bracket whose next paragraph
    /// does not close it, the first later paragraph that begins by closing that kind of mark (see
    /// `OpenMarks`): the dump set the rest of the sentence elsewhere on the page. Only when the next
    /// paragraph shows it belongs elsewhere: it is a sentence complete in itself (a caption, another
    /// story's paragraph set between the two parts), or, for a mark opened near the break, it closes
    /// another kind of mark first; otherwise it is the sentence going on (`“刚进厂的时` / `候，…` /
    /// `没有捷径可走。”`).
    private static func continuationsOutOfOrder(_ entries: [Entry]) -> [Int: Int] {
        var continuations: [Int: Int] = [:]
        var claimed = Set<Int>()
        let paragraphs = entries.indices.filter { entries[$0].isParagraph || entries[$0].isCaption }
        for (order, index) in paragraphs.enumerated() where entries[index].isParagraph {
            let text = entries[index].block.text
            guard !ChineseText.endsSentence(text), order + 1 < paragraphs.count else { continue }
            let next = entries[paragraphs[order + 1]].block.text
            let kind: OpenMarks.Kind
            if let near = OpenMarks.kindLeftOpen(atEndOf: text),
               ChineseText.endsSentence(next) || OpenMarks.kindClosedFirst(in: next).map({ $0 != near }) == true {
                kind = near
            } else if let far = OpenMarks.lastKindLeftOpen(in: text), ChineseText.endsSentence(next) {
                kind = far
            } else {
                continue
            }
            guard !OpenMarks.closesBeforeOpening(kind, in: next) else { continue }
            if let later = paragraphs[(order + 2)...].first(where: { entries[$0].isParagraph && !claimed.contains($0) && OpenMarks.kindClosedFirst(in: entries[$0].block.text) == kind }) {
                continuations[index] = later
                claimed.insert(later)
            }
        }
        return continuations
    }

    /// Whether a block ends on a colon: a salutation (`各市总工会，省级产业工会：`) or the line that
    /// brings in a list, a table or a quotation, which a paper sets apart from what follows.
    static func endsOnColon(_ text: String) -> Bool {
        text.last == "：" || text.last == ":"
    }

    /// The shortest paragraph told of as cut off: shorter ones (a label, a line of a list) often
    /// end without punctuation.
    static let shortestCutOffParagraph = 40

    /// Whether a paragraph no column break continued stops mid-sentence: it ends in a Han
    /// character, not in punctuation (nor in a telephone number or an address, which a notice may
    /// end with), and is long enough to be prose.
    static func isCutOff(_ paragraph: String) -> Bool {
        guard let last = paragraph.last, ChineseText.isHan(last) else { return false }
        return TextMetrics.hasCharacters(paragraph, atLeast: shortestCutOffParagraph)
    }

    private static func withDisplayPunctuation(_ block: BodyBlock) -> BodyBlock {
        switch block {
        case .paragraph(let text): return .paragraph(ChineseText.displayPunctuation(text))
        case .subheading(let text): return .subheading(ChineseText.displayPunctuation(text))
        case .caption(let text): return .caption(ChineseText.displayPunctuation(text))
        }
    }

    private func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}

private extension PageDumpReader.Draft {
    /// True when the story's last entry is a paragraph whose sentence a column break cut.
    var endsMidSentence: Bool {
        guard case .paragraph(let block) = entries.last else { return false }
        return !ChineseText.endsSentence(block.text)
    }

    /// True when the story holds a paragraph that is more than a byline alone.
    var hasText: Bool {
        entries.contains { $0.isParagraph && BylineReader.read($0.block.text).map { !$0.rest.isEmpty } ?? true }
    }

    /// True when the story's first paragraph opens with a byline.
    var hasBylineCandidate: Bool {
        guard let first = entries.first(where: \.isParagraph) else { return false }
        return BylineReader.read(first.block.text) != nil
    }
}
