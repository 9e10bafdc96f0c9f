import Foundation
import Yams

/// Where in a YAML text a parse error lies, and what to tell the editor, for every reader of YAML
/// (front matter, sidecars, `site.yml`).
struct YAMLProblem {
    /// The 1-based line of the file the problem is reported on; `nil` when the library gives none.
    var line: Int?
    /// The library's description of the problem, on one line.
    var message: String
    /// The 1-based line of the file where the library noticed the problem: `line`, or a later one
    /// when the problem is put where a construct left open began.
    var noticedLine: Int?

    /// The problem `error` describes in `text`. A construct left open (`[` with no `]`, a quote
    /// not closed) is noticed only on a later line, which may be well formed: the problem is put on
    /// the line where the construct began, and the line where it was noticed is named. A block (a
    /// mapping or a list) is not such a construct: the lines it began with are whole, and the line
    /// that broke it (indented as no line around it is, or text after a quoted value) is the one
    /// named. A line past the text's last (the end of the input) is its last.
    /// - Parameter fileLine: the file's line of a line of `text` as YAML numbers them (from 1).
    init(_ error: any Error, in text: String, fileLine: (Int) -> Int = { $0 }) {
        let lineCount = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0))
        func clamped(_ line: Int) -> Int { fileLine(min(max(line, 1), lineCount)) }
        guard let yamlError = error as? YamlError else {
            line = nil
            message = Self.oneLine("\(error)")
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let noticed = clamped(mark.line)
            noticedLine = noticed
            if let context, clamped(context.mark.line) < noticed, !Self.blockContexts.contains(context.text) {
                line = clamped(context.mark.line)
                message = "\(problem) (\(context.text) begun on this line; noticed on line \(noticed))"
            } else {
                line = noticed
                message = problem
            }
            // A key an editor typed with a Chinese keyboard's colon (`title：…`) is no key: YAML
            // reads its line as text and notices the problem a line or more later.
            if let (keyLine, key) = Self.fullWidthColonKey(in: text, upTo: mark.line) {
                line = clamped(keyLine)
                message = Self.fullWidthColonMessage(key)
                return
            }
            if let hint = Self.hint(for: problem, on: Self.line(mark.line, of: text)) {
                message += "; " + hint
            } else if let context, Self.blockContexts.contains(context.text) {
                message += "; this line is indented unlike the lines above it, or holds text after a quoted value"
            }
        case .duplicatedKeysInMapping(let duplicates, let context):
            line = duplicates.compactMap { Self.secondLine(startingWith: $0, in: text, from: context.mark) }.min().map(clamped)
                ?? clamped(context.mark.line)
            message = "duplicate key \(duplicates.joined(separator: ", "))"
            noticedLine = line
        default:
            line = nil
            message = Self.oneLine("\(yamlError)")
        }
    }

    /// The first line (from 1) of `text`, up to line `last`, that begins with a key and a full-width
    /// colon (`title：…`, `topics：[…]`), and the key.
    static func fullWidthColonKey(in text: String, upTo last: Int) -> (line: Int, key: String)? {
        guard text.contains("：") else { return nil }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(max(1, last)).enumerated() {
            if let match = line.prefixMatch(of: Self.fullWidthColonKeyPattern) { return (index + 1, String(match.output.key)) }
        }
        return nil
    }
    /// What to tell an editor whose `key` ends with a full-width colon.
    static func fullWidthColonMessage(_ key: String) -> String {
        "`\(key)：` ends with a full-width colon: a key ends with a half-width colon and a space (`\(key): …`)"
    }
    nonisolated(unsafe) private static let fullWidthColonKeyPattern = #/\s*(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*：/#

    /// The contexts libyaml names for a block mapping or list whose later line broke it.
    static let blockContexts: Set<String> = ["while parsing a block mapping", "while parsing a block collection"]

    /// Line `number` (from 1) of `text`, or an empty one past its end.
    static func line(_ number: Int, of text: String) -> Substring {
        text.split(separator: "\n", maxSplits: number, omittingEmptySubsequences: false).dropFirst(number - 1).first ?? ""
    }

    /// What an editor most likely did to make YAML report `problem` on `line`: a tab among the
    /// spaces that indent it, or a colon and a space inside a value left unquoted (`title: 工会：答问` is fine,
    /// `title: 工会: 答问` is not).
    static func hint(for problem: String, on line: Substring) -> String? {
        // A tab inside a value is text; a tab is wrong only where the line is indented.
        if line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") || problem.contains("tab") {
            return "the line holds a tab: YAML indents with spaces only"
        }
        if problem.contains("mapping values are not allowed"), let colon = line.firstIndex(of: ":"),
           line[line.index(after: colon)...].contains(": ") {
            return "a value holding “: ” must be quoted (title: \"…\"), or use a full-width colon “：”"
        }
        return nil
    }

    /// The line (from 1) on which `key:` begins a line of `text` for the second time, in the
    /// mapping that starts at `mapping` (from its line on, at its column): where a key given twice
    /// is given again.
    static func secondLine(startingWith key: String, in text: String, from mapping: Mark) -> Int? {
        var seen = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 >= mapping.line {
            let indent = line.prefix { $0 == " " }.count
            let trimmed = line.dropFirst(indent)
            guard indent == max(0, mapping.column - 1), trimmed.hasPrefix(key),
                  trimmed.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).first == ":" else { continue }
            if seen { return index + 1 }
            seen = true
        }
        return nil
    }

    /// `text` on one line: its line breaks and the spaces around them made one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
