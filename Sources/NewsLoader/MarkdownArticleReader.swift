import Foundation
import NewsModel
import Yams

/// Reads an editor's Markdown article: YAML front matter between `---` lines, then a
/// GitHub-flavoured Markdown body.
struct MarkdownArticleReader: Sendable {
    /// Front-matter keys UnionPress understands; any other key gets a warning.
    static let knownKeys: Set<String> = [
        "title", "date", "kicker", "subtitle", "column", "regions", "topics", "reporters",
        "correspondents", "photographers", "attribution", "kind",
    ]

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
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard lines.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            return Result(article: nil, diagnostics: [LoadDiagnostic(.warning, file: file, line: nil, step: "read", message: "empty file: no article")])
        }
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            return failure(1, "missing front matter: the file must start with a line `---`, then `title: …`, then `---`")
        }
        guard let closing = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" || lines[$0] == "..." }) else {
            return failure(1, "front matter is not closed: add a line `---` after it")
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let yamlError as YamlError {
            let (line, problem) = Self.locate(yamlError)
            return failure(line.map { $0 + 1 }, "malformed front matter: \(problem)")
        } catch {
            return failure(1, "malformed front matter: \(error.localizedDescription)")
        }
        guard let mapping = node?.mapping else { return failure(2, "front matter must be a mapping of `key: value` lines") }

        var fields: [String: (node: Node, line: Int)] = [:]
        for (keyNode, value) in mapping {
            let line = (keyNode.mark?.line ?? 1) + 1
            guard let key = keyNode.string else { return failure(line, "front-matter keys must be words") }
            if !Self.knownKeys.contains(key) {
                diagnostics.append(LoadDiagnostic(.warning, file: file, line: line, step: "front matter",
                                                  message: "unknown key `\(key)` is ignored (known: \(Self.knownKeys.sorted().joined(separator: ", ")))"))
            }
            fields[key] = (value, line)
        }
        func string(_ key: String) -> String? {
            guard let value = fields[key]?.node.string?.trimmingSpaces(), !value.isEmpty else { return nil }
            return value
        }
        func list(_ key: String) -> Result? {
            guard let field = fields[key] else { return nil }
            if field.node.scalar != nil || field.node.sequence?.allSatisfy({ $0.scalar != nil }) == true { return nil }
            return failure(field.line, "`\(key)` must be a name or a list of names")
        }
        func names(_ key: String) -> [String]? {
            guard let field = fields[key] else { return nil }
            if let sequence = field.node.sequence { return sequence.compactMap { $0.string?.trimmingSpaces() }.filter { !$0.isEmpty } }
            return field.node.string.map { CreditLine.splitNames($0).isEmpty ? [$0] : $0.split(whereSeparator: { "、,，".contains($0) }).map { String($0).trimmingSpaces() } }
        }
        for key in ["regions", "topics", "reporters", "correspondents", "photographers"] {
            if let failure = list(key) { return failure }
        }
        guard let title = string("title") else {
            return failure(fields["title"]?.line ?? 2, "missing `title`: every article needs a title")
        }
        var date: EditionDate?
        if let field = fields["date"] {
            let raw = field.node.string?.trimmingSpaces() ?? ""
            let day = raw.count >= 10 ? String(raw.prefix(10)) : raw
            let rest = raw.dropFirst(10)
            guard let parsed = EditionDate(iso: day), rest.isEmpty || rest.first == "T" || rest.first == " " else {
                return failure(field.line, "invalid date `\(raw)`: write it as YYYY-MM-DD, e.g. 2021-11-22")
            }
            date = parsed
        }
        var kind = ArticleKind.news
        if let field = fields["kind"], let raw = field.node.string {
            guard let parsed = ArticleKind(rawValue: raw) else {
                return failure(field.line, "unknown kind `\(raw)`: use news, photo or feature")
            }
            kind = parsed
        }
        let body = lines[(closing + 1)...].joined(separator: "\n")
        let credits = Credits(reporters: names("reporters") ?? [], correspondents: names("correspondents") ?? [],
                              photographers: names("photographers") ?? [], attribution: string("attribution"))
        let article = RawArticle(
            headline: Headline(column: string("column"), kicker: string("kicker"), title: title, subtitle: string("subtitle")),
            credits: credits, kind: kind, blocks: [], markdown: body, date: date, edition: nil,
            regionNames: names("regions"), topicNames: names("topics"),
            span: SourceSpan(file: file, firstLine: 1, lastLine: max(1, lines.count - (lines.last?.isEmpty == true ? 1 : 0))),
            bodyLine: closing + 2
        )
        if body.allSatisfy(\.isWhitespace) {
            diagnostics.append(LoadDiagnostic(.warning, file: file, line: closing + 2, step: "body", message: "the article has no body text"))
        }
        return Result(article: article, diagnostics: diagnostics)
    }

    /// The 0-based front-matter line and the problem of a YAML error.
    private static func locate(_ error: YamlError) -> (Int?, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return (mark.line, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return (nil, "\(error)")
        }
    }
}
