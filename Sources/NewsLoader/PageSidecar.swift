import NewsModel
import Yams

/// Corrections an editor keeps next to a page dump (`page.txt` → `page.yml`): what the printed
/// text lacks or gets wrong.
///
/// ```yaml
/// date: 2022-06-20          # the page's date when the masthead is missing or wrong
/// newspaper: 浙江工人日报
/// page: 3                   # the page (版) within the issue
/// number: 12050             # the issue number (总第N号)
/// articles:                 # per-story overrides, keyed by the title as the loader read it
///   60位骑手现场接受专家辅导:
///     kicker: 绍兴上虞区总工会首场新就业形态劳动者心理健康讲座开讲
///     regions: [上虞区]
///     topics: [新就业形态]
///     kind: news
///     slug: shangyu-qishou-xinli     # fixes the story's address (see `PermalinkReader`)
///     aliases: [articles/old-address/]  # the story's former addresses, each leading to it
/// ```
struct PageSidecar: Sendable {
    /// Per-story corrections.
    struct Override: Sendable {
        var line: Int
        var title: String?
        var kicker: String?
        var subtitle: String?
        var column: String?
        var regions: [String]?
        var topics: [String]?
        var kind: ArticleKind?
        /// The lines of `regions` and `topics`.
        var regionsLine: Int?
        var topicsLine: Int?
        /// The slug the override fixes (`slug:`), and its permalink (`slug:` and `aliases:`,
        /// counted in the sidecar's lines).
        var fixedSlug: Slug?
        var permalink = Permalink()
    }

    static let pageKeys: Set<String> = ["date", "newspaper", "page", "number", "articles"]
    static let articleKeys: Set<String> = ["title", "kicker", "subtitle", "column", "regions", "topics", "kind", "slug", "aliases"]

    var date: EditionDate?
    var newspaper: String?
    var page: Int?
    var number: Int?
    /// Overrides by the title as read.
    var overrides: [String: Override] = [:]

    /// Reads a sidecar; problems are returned as diagnostics naming `file:line`.
    static func read(_ text: String, file: String) -> (PageSidecar?, [LoadDiagnostic]) {
        var diagnostics: [LoadDiagnostic] = []
        func failure(_ line: Int?, _ message: String) -> (PageSidecar?, [LoadDiagnostic]) {
            (nil, diagnostics + [LoadDiagnostic(.error, file: file, line: line, step: "sidecar", message: message)])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let problem = YAMLProblem(error, in: text)
            return failure(problem.line, "malformed YAML: \(problem.message)")
        }
        guard let mapping = node?.mapping else {
            return node == nil ? (PageSidecar(), []) : failure(1, "a sidecar must be a mapping of `key: value` lines")
        }
        var sidecar = PageSidecar()
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line ?? 1
            let key = keyNode.string ?? ""
            switch key {
            case "date":
                guard let raw = value.string, let date = EditionDate(iso: raw) else {
                    return failure(line, "invalid date `\(value.string ?? "")`: write it as YYYY-MM-DD")
                }
                sidecar.date = date
            case "newspaper":
                sidecar.newspaper = value.string
            case "page", "number":
                guard let raw = value.string, let number = Int(raw), number > 0 else {
                    return failure(line, "`\(key)` must be a positive whole number")
                }
                if key == "page" { sidecar.page = number } else { sidecar.number = number }
            case "articles":
                // Left empty once the last correction is taken out: nothing to correct.
                if isEmpty(value) { continue }
                guard let articles = value.mapping else { return failure(line, "`articles` must map titles to corrections") }
                for (titleNode, fields) in articles {
                    let titleLine = titleNode.mark?.line ?? line
                    guard let title = titleNode.string else {
                        return failure(titleLine, "each entry under `articles` is a title with its corrections")
                    }
                    if isEmpty(fields) { continue }
                    guard let fieldMap = fields.mapping else {
                        return failure(titleLine, "each entry under `articles` is a title with its corrections")
                    }
                    var override = Override(line: titleLine)
                    var written = PermalinkReader.Written()
                    for (fieldKey, fieldValue) in fieldMap {
                        let fieldLine = fieldKey.mark?.line ?? titleLine
                        let name = fieldKey.string ?? ""
                        switch name {
                        case "title", "kicker", "subtitle", "column":
                            // An empty part (or `~`) takes the part away; the title, which every
                            // story has, cannot be taken away.
                            guard let value = Self.text(fieldValue) else { return failure(fieldLine, "`\(name)` must be text, not a list or a mapping") }
                            switch name {
                            case "title":
                                guard !value.isEmpty else { return failure(fieldLine, "`title` is empty: a story's title cannot be taken away") }
                                override.title = value
                            case "kicker": override.kicker = value
                            case "subtitle": override.subtitle = value
                            default: override.column = value
                            }
                        case "regions", "topics":
                            let names = fieldValue.sequence?.compactMap(\.string) ?? fieldValue.string.map { [$0] }
                            guard let names else { return failure(fieldLine, "`\(name)` must be a name or a list of names") }
                            if name == "regions" {
                                (override.regions, override.regionsLine) = (names, fieldLine)
                            } else {
                                (override.topics, override.topicsLine) = (names, fieldLine)
                            }
                        case "kind":
                            guard let kind = fieldValue.string.flatMap(ArticleKind.init(rawValue:)) else {
                                return failure(fieldLine, "unknown kind `\(fieldValue.string ?? "")`: use news, photo or feature")
                            }
                            override.kind = kind
                        case "slug":
                            guard let value = Self.text(fieldValue) else { return failure(fieldLine, "`slug` must be text, not a list or a mapping") }
                            written.slug = (value, fieldLine)
                        case "aliases":
                            if fieldValue.null != nil {
                                written.aliases = ([], fieldLine)
                                continue
                            }
                            let items = fieldValue.sequence.map { $0.map { item in item.null == nil ? item.string.map { ($0, item.mark?.line ?? fieldLine) } : nil } }
                            if fieldValue.mapping != nil || items?.contains(where: { $0 == nil }) == true {
                                return failure(fieldLine, "`aliases` must be an address or a list of addresses")
                            }
                            written.aliases = (items?.compactMap { $0 } ?? fieldValue.string.map { [($0, fieldLine)] } ?? [], fieldLine)
                        default:
                            diagnostics.append(LoadDiagnostic(.warning, file: file, line: fieldLine, step: "sidecar",
                                                              message: "unknown key `\(name)` is ignored (known: \(articleKeys.sorted().joined(separator: ", ")))"))
                        }
                    }
                    switch PermalinkReader.read(written, file: file, step: "sidecar", diagnostics: &diagnostics) {
                    case .success(let (fixedSlug, permalink)):
                        override.fixedSlug = fixedSlug
                        override.permalink = permalink
                        if fixedSlug != nil || !permalink.aliases.isEmpty { override.permalink.file = file }
                    case .failure(let problem):
                        return failure(problem.line, problem.message)
                    }
                    sidecar.overrides[title] = override
                }
            default:
                diagnostics.append(LoadDiagnostic(.warning, file: file, line: line, step: "sidecar",
                                                  message: "unknown key `\(key)` is ignored (known: \(pageKeys.sorted().joined(separator: ", ")))"))
            }
        }
        return (sidecar, diagnostics)
    }

    /// The text of `node`, trimmed (empty for `key:` or `~`); `nil` when it is a list or a mapping.
    private static func text(_ node: Node) -> String? {
        guard node.scalar != nil else { return nil }
        return node.null == nil ? (node.string ?? "").trimmingSpaces() : ""
    }

    /// Whether `node` holds nothing: null (`key:` or `~`), an empty mapping or an empty list.
    private static func isEmpty(_ node: Node) -> Bool {
        node.null != nil || node.mapping?.isEmpty == true || node.sequence?.isEmpty == true
    }

    /// Applies the sidecar to the stories read from its page; warns about overrides that match no story.
    /// A key matches a title loosely when, spaces and punctuation left out, the two read alike once
    /// `folding` has made each simplified: a reprint set in traditional characters (`崑山“工匠學院”`)
    /// is corrected under the key an editor types in simplified ones (`昆山“工匠学院”`), and the other
    /// way round.
    func apply(to page: inout PageDump, file: String, folding: TraditionalFolding? = nil) -> [LoadDiagnostic] {
        func loose(_ text: String) -> String {
            let comparable = ChineseText.comparable(text)
            return folding?.fold(comparable) ?? comparable
        }
        if let date { page.date = date }
        if let newspaper { page.newspaper = newspaper }
        if let number { page.number = number }
        if let pageNumber = self.page { page.page = pageNumber }
        var matched = Set<String>()
        // The stories each override that fixes a slug or names aliases applies to.
        var addressed: [String: [Int]] = [:]
        // A title matched loosely is matched by the first override in the sidecar's order that
        // matches it, whatever the order of the dictionary.
        let inOrder = overrides.sorted { $0.value.line < $1.value.line }
        for index in page.articles.indices {
            var article = page.articles[index]
            article.date = page.date
            if page.newspaper != nil || page.number != nil || page.page != nil {
                article.edition = Edition(newspaper: page.newspaper, number: page.number, page: page.page)
            }
            let title = article.headline.title
            let key = overrides[title] != nil ? title
                : inOrder.first { loose($0.key) == loose(title) }?.key
            if let key, let override = overrides[key] {
                matched.insert(key)
                if let value = override.title { article.headline.title = value }
                if let value = override.kicker { article.headline.kicker = value.isEmpty ? nil : value }
                if let value = override.subtitle { article.headline.subtitle = value.isEmpty ? nil : value }
                if let value = override.column { article.headline.column = value.isEmpty ? nil : value }
                if let value = override.regions {
                    article.regionNames = value
                    article.regionNamesGiven = override.regionsLine.map { SourcePlace(file: file, line: $0) }
                }
                if let value = override.topics {
                    article.topicNames = value
                    article.topicNamesGiven = override.topicsLine.map { SourcePlace(file: file, line: $0) }
                }
                if let value = override.kind { article.kind = value }
                if override.fixedSlug != nil || !override.permalink.aliases.isEmpty {
                    article.fixedSlug = override.fixedSlug
                    article.permalink = override.permalink
                    addressed[key, default: []].append(index)
                }
            }
            page.articles[index] = article
        }
        // One address for two stories whose titles read alike: the sidecar cannot tell them apart.
        var notes: [LoadDiagnostic] = []
        for (title, override) in inOrder {
            guard let stories = addressed[title], stories.count > 1 else { continue }
            for index in stories {
                page.articles[index].fixedSlug = nil
                page.articles[index].permalink = Permalink()
            }
            let lines = stories.map { String(page.articles[$0].span.firstLine) }.joined(separator: ", ")
            notes.append(LoadDiagnostic(.error, file: file, line: override.line, step: "sidecar",
                                        message: "the `slug` or `aliases` under “\(title)” would be those of \(stories.count) stories of the page (lines \(lines)), whose titles read alike: one address cannot be two stories'"))
        }
        return notes + inOrder.filter { !matched.contains($0.key) }.map { title, override in
            LoadDiagnostic(.warning, file: file, line: override.line, step: "sidecar",
                           message: "override for “\(title)” matches no story on the page (titles as read: \(page.articles.map { "“\($0.headline.title)”" }.joined(separator: ", ")))")
        }
    }
}
