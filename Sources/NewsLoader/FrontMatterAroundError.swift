extension MarkdownArticleReader {
    /// The fields of the front matter's entries that lie wholly before or after a YAML syntax
    /// error, read on their own, so that their mistakes (a date with no such day, an unknown kind)
    /// are told with the syntax error and an editor fixes them all in one round.
    ///
    /// An entry is a top-level `key:` line (at the line's start) and the lines under it. The entries
    /// before the one holding line `reported` are read as one text; so are the entries that begin
    /// after line `noticed`, where YAML noticed the error (a bracket or quote left open may run to
    /// it). Either text that is not good YAML either is left unread.
    /// - Parameters:
    ///   - reported: the file line the error is reported on; `noticed`, the file line YAML noticed it on.
    ///   - closing: the index in `lines` (from 0) of the closing `---`.
    static func fieldsAround(_ reported: Int, _ noticed: Int, in lines: SourceLines, closing: Int, file: String,
                             diagnostics: inout [LoadDiagnostic]) -> [String: (value: FrontMatterValue, line: Int)] {
        // File line n is lines.line(n - 1); the front matter is file lines 2 ... closing.
        guard closing >= 2 else { return [:] }
        let keyLines = (2...closing).filter { startsEntry(lines.line($0 - 1)) }
        var fields: [String: (value: FrontMatterValue, line: Int)] = [:]
        func read(from first: Int, to end: Int) {
            guard first < end else { return }
            var ignored: [LoadDiagnostic] = []
            let text = lines.text(from: first - 1, to: end - 1)
            guard case .success(let read) = composeFields(text, file: file, firstLine: first, diagnostics: &ignored) else { return }
            diagnostics += ignored
            fields.merge(read) { first, _ in first }
        }
        if let broken = keyLines.last(where: { $0 <= reported }) {
            read(from: 2, to: broken)
        }
        if let after = keyLines.first(where: { $0 > noticed }) {
            read(from: after, to: closing + 1)
        }
        return fields
    }

    /// Whether `line` begins a top-level entry: a key of ASCII letters at the line's start.
    private static func startsEntry(_ line: Substring) -> Bool {
        guard let first = line.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return line.contains(":")
    }
}
