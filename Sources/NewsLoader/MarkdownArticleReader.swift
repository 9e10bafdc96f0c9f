import Foundation
import NewsModel
import Yams

/// Reads an editor's Markdown article: YAML front matter between `---` lines, then a
/// GitHub-flavoured Markdown body.
struct MarkdownArticleReader: Sendable {
    /// Front-matter keys UnionPress understands; any other key gets a warning.
    static let knownKeys: Set<String> = [
        "title", "date", "kicker", "subtitle", "column", "regions", "topics", "reporters",
        "correspondents", "photographers", "attribution", "kind", "slug", "aliases",
    ]

    /// The keys that name people.
    static let personKeys: Set<String> = ["reporters", "correspondents", "photographers"]

    /// The names in one item of a front-matter list, or in a line of them: split where an editor
    /// separates names with a comma of either width, an enumeration comma or a semicolon
    /// (`[王芳，张强]` is two people, as `王芳、张强` is: YAML splits a list at `,` only), and, `atSpaces`,
    /// at spaces between Chinese names of two or three characters (`刘洋 李明`; `刘 洋` is one name
    /// set apart, `本报记者 陈东` one name after its role, `John Smith` one name).
    static func splitNames(_ text: String, atSpaces: Bool) -> [String] {
        // Most names hold none of the separators: no byte of a space, `,`, `;`, or of the
        // punctuation blocks that `、，；` lie in (lead bytes E3 and EF).
        if !text.utf8.contains(where: { $0 == 0x20 || $0 == 0x2C || $0 == 0x3B || $0 == 0xE3 || $0 == 0xEF || $0 == 0x09 }) {
            let name = text.trimmingSpaces()
            return name.isEmpty ? [] : [name]
        }
        return text.split(whereSeparator: { "、，,；;".contains($0) }).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }.flatMap { part -> [String] in
            let words = part.split(whereSeparator: \.isWhitespace)
            // Chinese names of two or three characters apart (`刘洋 李明`), each maybe after its role
            // (`记者楼红梅 通讯员张三`): not a name in Latin letters (`John Smith`), a compound surname
            // set apart (`欧阳 明`) or a role before a name (`本报记者 陈东`, `新华社记者 王芳`).
            func isName(_ word: Substring) -> Bool {
                let bare = bylineRoles.first(where: { word.hasPrefix($0) }).map { word.dropFirst($0.count) } ?? word
                return (2...3).contains(bare.count) && bare.allSatisfy(ChineseText.isHan)
            }
            guard atSpaces, words.count > 1, words.allSatisfy(isName) else { return [part] }
            return words.map(String.init)
        }
    }

    /// The article, or the diagnostics that stopped it.
    struct Result {
        var article: RawArticle?
        var diagnostics: [LoadDiagnostic]
    }

    /// Reads `text` from `file` (relative path, for diagnostics).
    func read(_ text: String, file: String) -> Result {
        var diagnostics: [LoadDiagnostic] = []
        func failure(_ line: Int?, _ message: String) -> Result {
            Result(article: nil, diagnostics: diagnostics + [LoadDiagnostic(.error, file: file, line: line, step: "front matter", message: message)])
        }
        // Lines are the text split at "\n" characters, a final "\r" dropped from a line (see `SourceLines`).
        guard !text.allSatisfy(\.isWhitespace) else {
            return Result(article: nil, diagnostics: [LoadDiagnostic(.warning, file: file, line: nil, step: "read", message: "empty file: no article")])
        }
        let lines = SourceLines(text)
        guard lines.count > 0, Self.isFence(lines.line(0)) else {
            return failure(1, "missing front matter: the file must start with a line `---`, then `title: …`, then `---`")
        }
        guard let closing = Self.closingFence(lines) else {
            return failure(1, "front matter is not closed: add a line `---` after it")
        }
        // Each value of the wrong shape or form is an error on its line, all told at once: an editor
        // fixes them in one round.
        var errors: [LoadDiagnostic] = []
        func error(_ line: Int?, _ message: String) {
            errors.append(LoadDiagnostic(.error, file: file, line: line, step: "front matter", message: message))
        }
        /// Whether some lines could not be read (a YAML syntax error): a key may be on one of them.
        var someLinesUnread = false
        let fields: [String: (value: FrontMatterValue, line: Int)]
        if let simple = SimpleFrontMatter.read(lines, from: 1, to: closing) {
            var read: [String: (value: FrontMatterValue, line: Int)] = [:]
            for entry in simple {
                if !Self.knownKeys.contains(entry.key) {
                    diagnostics.append(LoadDiagnostic(.warning, file: file, line: entry.line, step: "front matter",
                                                      message: "unknown key `\(entry.key)` is ignored (known: \(Self.knownKeys.sorted().joined(separator: ", ")))"))
                }
                read[entry.key] = (entry.value, entry.line)
            }
            fields = read
        } else {
            switch Self.composeFields(lines.text(from: 1, to: closing), file: file, diagnostics: &diagnostics) {
            case .success(let composed): fields = composed
            case .failure(let problem):
                guard let noticed = problem.noticedLine else { return failure(problem.line, problem.message) }
                // The entries before and after the broken one are still read and checked.
                error(problem.line, problem.message)
                fields = Self.fieldsAround(problem.line ?? noticed, noticed, in: lines, closing: closing, file: file, diagnostics: &diagnostics)
                someLinesUnread = true
            }
        }
        func string(_ key: String) -> String? {
            guard let value = fields[key]?.value.string?.trimmingSpaces(), !value.isEmpty else { return nil }
            return value
        }

        func names(_ key: String) -> [String]? {
            guard let field = fields[key] else { return nil }
            let written = field.value.items.map { $0.compactMap { $0 } } ?? field.value.string.map { [$0] } ?? []
            // A topic's name may hold a full-width comma (党建带工建，工建促党建): topics are split only
            // where no name holds a mark (`产改, 技能竞赛`, `产改、技能竞赛`); people and places at every one.
            guard key != "topics" else {
                return written.flatMap { topic -> [String] in
                    // Most hold none of them: no byte of `,` `;`, nor of the punctuation blocks `、；` lie in.
                    guard topic.utf8.contains(where: { $0 == 0x2C || $0 == 0x3B || $0 == 0xE3 || $0 == 0xEF }) else { return [topic.trimmingSpaces()] }
                    return topic.split(whereSeparator: { ",;、；".contains($0) }).map { String($0).trimmingSpaces() }
                }.filter { !$0.isEmpty }
            }
            return written.flatMap { Self.splitNames($0, atSpaces: Self.personKeys.contains(key)) }
        }
        for key in ["regions", "topics", "reporters", "correspondents", "photographers", "aliases"] {
            if let field = fields[key], !field.value.isScalar, field.value.items?.allSatisfy({ $0 != nil }) != true {
                error(field.line, "`\(key)` must be a name or a list of names")
            }
        }
        // A list or a mapping where text belongs is refused, not read as if the key were absent.
        for key in Self.textKeys {
            if let field = fields[key], !field.value.isScalar {
                error(field.line, "`\(key)` must be text, not a list or a mapping")
            }
        }
        let title = string("title")
        if title == nil, fields["title"].map({ $0.value.isScalar }) ?? !someLinesUnread {
            error(fields["title"]?.line ?? 2, "missing `title`: every article needs a title")
        }
        var date: EditionDate?
        if let field = fields["date"], field.value.isScalar {
            let raw = field.value.string?.trimmingSpaces() ?? ""
            let day = raw.count >= 10 ? String(raw.prefix(10)) : raw
            if let parsed = EditionDate(iso: day) {
                if Self.isTimeOfDay(raw.dropFirst(10)) {
                    date = parsed
                } else {
                    error(field.line, "invalid date `\(raw)`: after YYYY-MM-DD only a time of day may follow (hours 0–23, minutes and seconds 00–59, an offset from -14:00 to +14:00), e.g. 2021-11-22T08:30 or 2021-11-22 08:30:00+08:00")
                }
            } else if raw.isEmpty {
                error(field.line, "empty `date:`: give the edition's date as YYYY-MM-DD, e.g. 2021-11-22, or leave the line out")
            } else if let year = Int(day.prefix(4)), day.count == 10, !(EditionDate.years).contains(year) {
                error(field.line, "invalid date `\(raw)`: the year must be from \(EditionDate.years.lowerBound) to \(EditionDate.years.upperBound)")
            } else if day.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil {
                error(field.line, "invalid date `\(raw)`: no such day (a month is 01 to 12, a day no later than the month's last)")
            } else {
                error(field.line, "invalid date `\(raw)`: write it as YYYY-MM-DD, e.g. 2021-11-22")
            }
        }
        var kind = ArticleKind.news
        if let field = fields["kind"], let raw = field.value.string {
            if let parsed = ArticleKind(rawValue: raw) {
                kind = parsed
            } else {
                error(field.line, "unknown kind `\(raw)`: use news, photo or feature")
            }
        }
        var fixedSlug: Slug?
        var permalink = Permalink()
        switch Self.permalink(fields, file: file, diagnostics: &diagnostics) {
        case .success(let read): (fixedSlug, permalink) = read
        case .failure(let problem): error(problem.line, problem.message)
        }
        guard errors.isEmpty, let title else {
            // By line, in the order found on one line.
            let byLine = errors.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
            return Result(article: nil, diagnostics: diagnostics + byLine)
        }
        let body = lines.text(from: closing + 1, to: lines.count)
        /// The people the byline keys name, bare (a role written before a name is the key's
        /// already), each once, by key; a warning on its line for what was taken off, moved or left
        /// out. A name written after another key's role (`通讯员张三` under `reporters`) is that
        /// key's; a role alone (`本报评论员`) names no one.
        let personKeys = ["reporters", "correspondents", "photographers"]
        var people: [[String]] = [[], [], []]
        for (slot, key) in personKeys.enumerated() {
            guard let written = names(key), let line = fields[key]?.line else { continue }
            for name in written {
                func warn(_ message: String) {
                    diagnostics.append(LoadDiagnostic(.warning, file: file, line: line, step: "byline", message: "`\(key)`: " + message))
                }
                var (person, filed) = (name, slot)
                // Most names begin with no role's first character: no role is looked for in them.
                if let first = name.unicodeScalars.first, Self.roleFirstScalars.contains(first.value) {
                    if Self.bylineRoles.contains(name) || name.hasPrefix("本报") && Self.bylineRoles.contains(String(name.dropFirst(2))) {
                        warn("“\(name)” is a role, not a person's name: it is left out (a piece signed so needs no byline key)")
                        continue
                    }
                    // A name is two characters or more: `摄影师` is no role before a name.
                    let stripped = Self.bylineRoles.lazy.filter { name.hasPrefix($0) }
                        .map { (role: $0, person: String(name.dropFirst($0.count)).trimmingSpaces()) }.first { $0.person.count >= 2 }
                    if let (role, bare) = stripped {
                        (person, filed) = (bare, Self.slot(ofRole: role))
                        warn(filed == slot
                            ? "“\(name)” is read as “\(person)” (the key gives the role; write the name alone, without “\(role)”)"
                            : "“\(name)” is read as “\(person)”, one of the `\(personKeys[filed])` (write the name alone under `\(personKeys[filed]):`)")
                    }
                }
                if people[filed].contains(person) {
                    diagnostics.append(LoadDiagnostic(.warning, file: file, line: line, step: "byline", message: "`\(personKeys[filed])` names “\(person)” twice"))
                } else {
                    people[filed].append(person)
                }
            }
        }
        let credits = Credits(reporters: people[0], correspondents: people[1], photographers: people[2], attribution: string("attribution"))
        var article = RawArticle(
            headline: Headline(column: string("column"), kicker: string("kicker"), title: title, subtitle: string("subtitle")),
            credits: credits, kind: kind, blocks: [], markdown: body, date: date, edition: nil,
            regionNames: names("regions"), topicNames: names("topics"),
            span: SourceSpan(file: file, firstLine: 1, lastLine: max(1, lines.count - (lines.lastIsEmpty ? 1 : 0))),
            bodyLine: closing + 2
        )
        article.fixedSlug = fixedSlug
        article.permalink = permalink
        article.regionNamesGiven = fields["regions"].map { SourcePlace(file: file, line: $0.line) }
        article.topicNamesGiven = fields["topics"].map { SourcePlace(file: file, line: $0.line) }
        if body.allSatisfy(\.isWhitespace) {
            diagnostics.append(LoadDiagnostic(.warning, file: file, line: closing + 2, step: "body", message: "the article has no body text"))
        }
        return Result(article: article, diagnostics: diagnostics)
    }

    /// The slug `fields` fix (`slug:`) and the page's former addresses (`aliases:`), read by
    /// `PermalinkReader`.
    static func permalink(_ fields: [String: (value: FrontMatterValue, line: Int)], file: String,
                          diagnostics: inout [LoadDiagnostic]) -> Swift.Result<(Slug?, Permalink), PermalinkReader.Problem> {
        var written = PermalinkReader.Written()
        if let field = fields["slug"] { written.slug = (field.value.string ?? "", field.line) }
        if let field = fields["aliases"] {
            // An item whose line is not known is told of on the key's.
            let items = field.value.items.map { items in
                items.indices.compactMap { index in items[index].map { ($0, field.value.itemLines?[index] ?? field.line) } }
            }
            written.aliases = (items ?? field.value.string.map { [($0, field.line)] } ?? [], field.line)
        }
        return PermalinkReader.read(written, file: file, step: "front matter", diagnostics: &diagnostics)
    }

    /// Roles a byline or a photo credit prints before a name, longest first, which an editor may
    /// copy into a byline key with the name (`reporters: [记者王芳]`).
    static let bylineRoles = (BylineReader.roleWords + ["摄影记者", "摄影"]).sorted { $0.count > $1.count }

    /// The first characters of the byline roles (and of `本报`), as scalar values.
    static let roleFirstScalars = Set((bylineRoles + ["本报"]).compactMap { $0.unicodeScalars.first?.value })

    /// Which of the byline keys (reporters 0, correspondents 1, photographers 2) names the people a
    /// role names (`通讯员` the correspondents, `摄影` the photographers).
    static func slot(ofRole role: String) -> Int {
        if role.hasPrefix("摄影") { return 2 }
        if role.hasSuffix("通讯员") || role == "实习生" { return 1 }
        return 0
    }

    /// Front-matter keys whose value is text.
    static let textKeys = ["title", "date", "kicker", "subtitle", "column", "attribution", "kind", "slug"]

    /// Whether `rest`, what follows a date's `YYYY-MM-DD`, is nothing or a time of day as YAML's
    /// timestamps write it: `T`, `t` or spaces, then `HH:MM`, optionally `:SS` and a fraction, then
    /// optionally (after spaces) `Z` or an offset `±H`, `±HH`, `±HHMM` or `±HH:MM`. The date is the
    /// edition's as written; the time and offset are checked, not used.
    static func isTimeOfDay(_ rest: Substring) -> Bool {
        var bytes = Array(rest.utf8)[...]
        guard let separator = bytes.first else { return true }
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else { return false }
        bytes = bytes.dropFirst()
        while bytes.first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false }
        /// Reads one or two digits (exactly two when `exactly`) up to `limit`.
        func number(limit: Int, exactly: Bool = true) -> Bool {
            var digits = 0, value = 0
            while digits < 2, isDigit(bytes.first) {
                value = value * 10 + Int(bytes.removeFirst() - UInt8(ascii: "0"))
                digits += 1
            }
            return (exactly ? digits == 2 : digits > 0) && value <= limit
        }
        guard number(limit: 23, exactly: false), bytes.popFirst() == UInt8(ascii: ":"), number(limit: 59) else { return false }
        if bytes.first == UInt8(ascii: ":") {
            bytes = bytes.dropFirst()
            guard number(limit: 60) else { return false }
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                guard isDigit(bytes.first) else { return false }
                while isDigit(bytes.first) { bytes = bytes.dropFirst() }
            }
        }
        while bytes.first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        guard let zone = bytes.popFirst() else { return true }
        if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") { return bytes.isEmpty }
        guard zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-"), number(limit: 14, exactly: false) else { return false }
        if bytes.first == UInt8(ascii: ":") { bytes = bytes.dropFirst() }
        return bytes.isEmpty || (number(limit: 59) && bytes.isEmpty)
    }

    /// The body of the article `read` gives for `text` — the text after the front matter — found
    /// without reading the front matter; `nil` when `text` has no front matter. For a text `read`
    /// takes, exactly `read(text, file:).article?.markdown`.
    static func body(of text: String) -> String? {
        let lines = SourceLines(text)
        guard lines.count > 0, isFence(lines.line(0)), let closing = closingFence(lines) else { return nil }
        return lines.text(from: closing + 1, to: lines.count)
    }

    /// What `bodyRange(ofUTF8:)` finds.
    enum BodyInBytes: Equatable {
        /// The body is these bytes.
        case body(Range<Int>)
        /// The text has no front matter (`body(of:)` is `nil`).
        case none
        /// A line before the closing fence might be a fence among Unicode spaces: ask `body(of:)`.
        case undecided
    }

    /// `body(of:)` over the UTF-8 bytes of a text with no carriage return, as the byte range of the
    /// body, without making the text a string (undecided only for a line that starts or ends with
    /// a character that may be a Unicode space, which no article written in the usual way has).
    static func bodyRange(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> BodyInBytes {
        guard let base = bytes.baseAddress else { return .none }
        /// Whether the byte starts a character that could be one of Unicode's spaces (category Zs:
        /// U+00A0, U+1680, U+2000–U+205F, U+3000), which `isFence` trims too.
        func couldBeSpace(_ byte: UInt8) -> Bool { byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3 }
        /// Whether the line `start..<end` is `---`, spaces and tabs around it allowed (`isFence`);
        /// `nil` when only Unicode's other spaces could make it one.
        func isFence(_ start: Int, _ end: Int) -> Bool? {
            var index = start
            while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < end else { return false }
            guard bytes[index] < 0x80 else { return couldBeSpace(bytes[index]) ? nil : false }
            guard end - index >= 3, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-"),
                  bytes[index + 2] == UInt8(ascii: "-") else { return false }
            index += 3
            while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < end else { return true }
            return couldBeSpace(bytes[index]) ? nil : false
        }
        var start = 0
        var number = 0
        while true {
            let newline = start < bytes.count ? memchr(base + start, 0x0A, bytes.count - start) : nil
            let end = newline.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
            let isDots = end - start == 3 && (start..<end).allSatisfy { bytes[$0] == UInt8(ascii: ".") }
            guard let fence = isFence(start, end) else { return .undecided }
            if number == 0 {
                guard fence else { return .none }
            } else if fence || isDots {
                return .body(newline == nil ? bytes.count..<bytes.count : end + 1..<bytes.count)
            }
            guard newline != nil else { return .none }
            start = end + 1
            number += 1
        }
    }

    /// The line that closes the front matter opened on the first line: `---` or `...`.
    private static func closingFence(_ lines: SourceLines) -> Int? {
        (1..<lines.count).first { isFence(lines.line($0)) || lines.line($0) == "..." }
    }

    /// A line that opens or closes the front matter: `---`, spaces around it allowed.
    static func isFence(_ line: Substring) -> Bool {
        // Most lines start with a letter and cannot be a fence: skip Foundation's trimming for them.
        if let first = line.utf8.first, first < 0x80, first != UInt8(ascii: "-"), first != UInt8(ascii: " "), first != 0x09 {
            return false
        }
        // An ASCII line: its only whitespace is spaces and tabs, trimmed here.
        if line.utf8.allSatisfy({ $0 < 0x80 }) {
            let dashes = line.utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
            return dashes.count == 3 && dashes.allSatisfy { $0 == UInt8(ascii: "-") }
        }
        return line.trimmingCharacters(in: .whitespaces) == "---"
    }

    /// A YAML problem and the file line it is on.
    struct Problem: Error {
        var line: Int?
        var message: String
        /// Where YAML noticed a syntax error (`line` or later); `nil` for a problem of another kind.
        var noticedLine: Int?
    }

    /// The front matter's fields read by Yams: values and the file lines of their keys; unknown keys
    /// are warned about.
    /// - Parameter firstLine: the file line of `yaml`'s first line (the one after the opening `---`).
    static func composeFields(_ yaml: String, file: String, firstLine: Int = 2,
                              diagnostics: inout [LoadDiagnostic]) -> Swift.Result<[String: (value: FrontMatterValue, line: Int)], Problem> {
        func fileLine(ofYAMLLine line: Int, in yaml: String) -> Int {
            Self.fileLine(ofYAMLLine: line, in: yaml) + firstLine - 2
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            let problem = YAMLProblem(error, in: yaml) { fileLine(ofYAMLLine: $0, in: yaml) }
            return .failure(Problem(line: problem.line ?? firstLine, message: "malformed front matter: \(problem.message)",
                                    noticedLine: problem.noticedLine ?? problem.line ?? firstLine))
        }
        guard let mapping = node?.mapping else {
            if let (line, key) = YAMLProblem.fullWidthColonKey(in: yaml, upTo: .max) {
                return .failure(Problem(line: fileLine(ofYAMLLine: line, in: yaml), message: YAMLProblem.fullWidthColonMessage(key)))
            }
            return .failure(Problem(line: firstLine, message: "front matter must be a mapping of `key: value` lines"))
        }
        var fields: [String: (value: FrontMatterValue, line: Int)] = [:]
        for (keyNode, value) in mapping {
            let line = fileLine(ofYAMLLine: keyNode.mark?.line ?? 1, in: yaml)
            guard let key = keyNode.string else { return .failure(Problem(line: line, message: "front-matter keys must be words")) }
            if !Self.knownKeys.contains(key) {
                diagnostics.append(LoadDiagnostic(.warning, file: file, line: line, step: "front matter",
                                                  message: "unknown key `\(key)` is ignored (known: \(Self.knownKeys.sorted().joined(separator: ", ")))"))
            }
            fields[key] = (FrontMatterValue(value, fileLine: { fileLine(ofYAMLLine: $0, in: yaml) }), line)
        }
        return .success(fields)
    }

    /// The file line of a front-matter line as YAML numbers them (from 1, the line after the opening
    /// `---`). YAML also ends lines at NEL, LS and PS, which editors and the loader do not, so the
    /// lines are counted again. YAML puts an error at the end of the input on a line of its own past
    /// the last: that is the front matter's last line.
    static func fileLine(ofYAMLLine yamlLine: Int, in yaml: String) -> Int {
        var yamlLines = 1
        var fileLine = 2
        guard yamlLine > 1 else { return fileLine }
        for scalar in yaml.unicodeScalars {
            switch scalar {
            case "\n", "\r":
                fileLine += 1
            case "\u{85}", "\u{2028}", "\u{2029}":
                break
            default:
                continue
            }
            yamlLines += 1
            if yamlLines == yamlLine { return fileLine }
        }
        return fileLine
    }
}

/// A text's lines as `text.split(separator: "\n", omittingEmptySubsequences: false)` gives them, a
/// final `"\r"` dropped from each, found with one pass over the UTF-8 bytes.
///
/// `"\r\n"` is one `Character`, not `"\n"`, so a line break is a `"\n"` byte not preceded by `"\r"`,
/// and only the text's last line can end in `"\r"`.
struct SourceLines {
    let text: String
    /// UTF-8 offset where each line starts, and where it ends (its `"\n"`, or a dropped `"\r"`).
    private var starts: [Int] = []
    private var ends: [Int] = []

    init(_ text: String) {
        self.text = text
        var start = 0
        var offset = 0
        var previous: UInt8 = 0
        func split(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                if byte == 0x0A, previous != 0x0D {
                    starts.append(start)
                    ends.append(offset)
                    start = offset + 1
                }
                previous = byte
                offset += 1
            }
        }
        // Native text is searched for line feeds with memchr; bridged text is walked byte by byte.
        func search(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            var position = 0
            while position < bytes.count, let found = memchr(base + position, 0x0A, bytes.count - position) {
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if newline == 0 || base[newline - 1] != 0x0D {
                    starts.append(start)
                    ends.append(newline)
                    start = newline + 1
                }
                position = newline + 1
            }
            offset = bytes.count
            previous = bytes.last ?? 0
        }
        if text.utf8.withContiguousStorageIfAvailable({ search($0) }) == nil { split(text.utf8) }
        starts.append(start)
        ends.append(offset > start && previous == 0x0D ? offset - 1 : offset)
    }

    /// Number of lines (at least one).
    var count: Int { starts.count }

    /// Whether the last line is empty.
    var lastIsEmpty: Bool { ends[ends.count - 1] == starts[starts.count - 1] }

    private func index(_ offset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }

    /// Line `number` (0-based).
    func line(_ number: Int) -> Substring {
        text[index(starts[number])..<index(ends[number])]
    }

    /// The UTF-8 bytes of line `number`.
    func bytes(_ number: Int) -> Substring.UTF8View {
        line(number).utf8
    }

    /// Lines `first..<end` joined by `"\n"`.
    func text(from first: Int, to end: Int) -> String {
        guard first < end else { return "" }
        return String(text[index(starts[first])..<index(ends[end - 1])])
    }
}

/// A front-matter value as the reader uses it: what Yams' `Node` gives for it, without the node
/// (making a node's implicit tag cost more than reading the whole line).
struct FrontMatterValue {
    /// `Node.string`: a scalar's text.
    var string: String?
    /// Whether the value is a scalar.
    var isScalar: Bool
    /// A sequence's items, each its text when it is a scalar; `nil` for any other value.
    var items: [String?]?
    /// The file line of each of `items` where it is known (an item of a block list), else `nil`
    /// (the key's line tells where it is); `nil` when `items` is.
    var itemLines: [Int?]?

    /// The value of a plain or quoted scalar.
    init(scalar: String) {
        self.init(string: scalar, isScalar: true, items: nil, itemLines: nil)
    }

    /// The value of a flow sequence of scalars, on its key's line.
    init(items: [String]) {
        self.init(string: nil, isScalar: false, items: items, itemLines: items.map { _ in nil })
    }

    /// The value of a node Yams composed, `fileLine` giving the file line of a YAML line. A null
    /// (`~`, `null`, an empty value) is no text: `title: ~` is a missing title, not one that reads “~”.
    init(_ node: Node, fileLine: (Int) -> Int) {
        self.init(string: node.null == nil ? node.string : nil, isScalar: node.scalar != nil,
                  items: node.sequence.map { $0.map { $0.null == nil ? $0.scalar?.string : nil } },
                  itemLines: node.sequence.map { $0.map { $0.mark.map { fileLine($0.line) } } })
    }

    private init(string: String?, isScalar: Bool, items: [String?]?, itemLines: [Int?]?) {
        self.string = string
        self.isScalar = isScalar
        self.items = items
        self.itemLines = itemLines
    }
}

/// Front matter made only of the simple lines editors write — `key: value`, `key: "value"`,
/// `key: [a, "b"]` — read without a YAML parser into the values Yams' nodes would give.
///
/// Anything else (comments, blank or indented lines, block lists, escapes, anchors, tags, colons in
/// values, control characters…) makes `read` return `nil`, and the front matter goes to Yams, so
/// every diagnostic and every reading stays Yams'.
enum SimpleFrontMatter {
    /// One `key: value` line.
    struct Entry {
        var key: String
        var value: FrontMatterValue
        /// The line's number in the file, 1-based.
        var line: Int
    }

    /// The entries of lines `first..<end`, or `nil` when any line is not simple or a key repeats.
    static func read(_ lines: SourceLines, from first: Int, to end: Int) -> [Entry]? {
        guard first < end else { return nil }
        var entries: [Entry] = []
        var keys = Set<String>()
        for number in first..<end {
            guard let (key, value) = entry(Array(lines.bytes(number))), keys.insert(key).inserted else { return nil }
            entries.append(Entry(key: key, value: value, line: number + 1))
        }
        return entries
    }

    private static let space = UInt8(ascii: " ")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let singleQuote = UInt8(ascii: "'")

    /// Whether the bytes hold anything YAML treats specially wherever it stands: control characters
    /// (tabs too), DEL, C1 controls and NEL, the line and paragraph separators, byte-order marks and
    /// the non-characters U+FFFE and U+FFFF.
    private static func hasSpecialBytes(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F { return true }
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] < 0xA0 { return true }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return true }
            if byte == 0xEF, index + 2 < bytes.count,
               (bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF) || (bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE) { return true }
            index += 1
        }
        return false
    }

    /// `key: value` with a word key and a simple value.
    private static func entry(_ bytes: [UInt8]) -> (String, FrontMatterValue)? {
        guard !hasSpecialBytes(bytes) else { return nil }
        var index = 0
        while index < bytes.count, isKeyByte(bytes[index], first: index == 0) { index += 1 }
        guard index > 0, index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == space else { return nil }
        let key = String(decoding: bytes[0..<index], as: UTF8.self)
        var start = index + 1
        while start < bytes.count, bytes[start] == space { start += 1 }
        var end = bytes.count
        while end > start, bytes[end - 1] == space { end -= 1 }
        guard start < end else { return nil }
        let value = bytes[start..<end]
        if value.first == UInt8(ascii: "[") {
            guard value.last == UInt8(ascii: "]") else { return nil }
            return sequence(value.dropFirst().dropLast()).map { (key, FrontMatterValue(items: $0)) }
        }
        return scalar(value, flow: false).map { (key, FrontMatterValue(scalar: $0)) }
    }

    private static func isKeyByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): return !first
        default: return false
        }
    }

    /// The items of a flow sequence's inside: `a, "b", 'c'`; none for an empty one.
    private static func sequence(_ inside: ArraySlice<UInt8>) -> [String]? {
        guard inside.contains(where: { $0 != space }) else { return [] }
        var items: [String] = []
        var itemStart = inside.startIndex
        var index = inside.startIndex
        var quote: UInt8?
        while index <= inside.endIndex {
            if index < inside.endIndex, let open = quote {
                if inside[index] == open { quote = nil }
            } else if index == inside.endIndex || inside[index] == UInt8(ascii: ",") {
                var start = itemStart
                var end = index
                while start < end, inside[start] == space { start += 1 }
                while end > start, inside[end - 1] == space { end -= 1 }
                guard start < end, let text = scalar(inside[start..<end], flow: true) else { return nil }
                items.append(text)
                itemStart = index + 1
            } else if inside[index] == doubleQuote || inside[index] == singleQuote {
                guard index == itemStart || inside[itemStart..<index].allSatisfy({ $0 == space }) else { return nil }
                quote = inside[index]
            }
            index += 1
        }
        return quote == nil ? items : nil
    }

    /// A quoted or plain scalar's text, or `nil` when it is not simple.
    private static func scalar(_ value: ArraySlice<UInt8>, flow: Bool) -> String? {
        guard let first = value.first else { return nil }
        if first == doubleQuote || first == singleQuote {
            // One quoted scalar: the closing quote ends the value, and the inside holds no quote of
            // its kind (no '' escape) and, for double quotes, no backslash escape.
            guard value.count >= 2, value.last == first else { return nil }
            let inside = value.dropFirst().dropLast()
            guard !inside.contains(first), first == singleQuote || !inside.contains(UInt8(ascii: "\\")) else { return nil }
            return String(decoding: inside, as: UTF8.self)
        }
        // A plain scalar: no indicator at its start, nothing that could start a comment, a mapping,
        // a quote, a flow collection or an escape anywhere in it (a comma only outside a flow list),
        // and no word YAML reads as null (Yams' reading of it is taken).
        if "-?:,[]{}#&*!|>'\"%@`~".utf8.contains(first) { return nil }
        if ["null", "Null", "NULL"].contains(where: { value.elementsEqual($0.utf8) }) { return nil }
        for byte in value {
            switch byte {
            case UInt8(ascii: ":"), UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"):
                return nil
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                return nil
            case UInt8(ascii: ","):
                if flow { return nil }
            default:
                break
            }
        }
        return String(decoding: value, as: UTF8.self)
    }
}
