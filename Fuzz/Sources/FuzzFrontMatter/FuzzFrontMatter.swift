import Foundation
import FuzzSupport
import NewsLoader
import NewsModel

/// Fuzzes the front-matter reader: every input is read as a `*.md` article would be.
///
/// Bytes go through the loader's own decoding, then `readMarkdown` (front matter through Yams, the
/// fields, then enrichment). Besides crashes, timeouts and memory errors, it traps on results the
/// contract rules out, so libFuzzer keeps the input: no article and no diagnostic saying why, an
/// article despite an error, an empty title or slug, a diagnostic line outside the file.
@main
enum FuzzFrontMatter {
    static func main() {
        _ = loader
        runLibFuzzer { start, count in
            check(fuzzInput(start, count))
            return 0
        }
    }
}

/// Built once: the bundled gazetteer and taxonomy are data, not input.
private let loader: NewsLoader = {
    do { return try NewsLoader() } catch { fatalError("bundled data does not load: \(error)") }
}()

private func check(_ data: Data) {
    guard let text = SourceDecoding.text(from: data) else { return }
    let file = "fuzz/article.md"
    let (article, diagnostics) = loader.readMarkdown(text, file: file)
    let lineCount = editorLineCount(text)
    for diagnostic in diagnostics {
        expect(diagnostic.file == file, "a diagnostic naming another file: \(diagnostic)")
        if let line = diagnostic.line {
            // A YAML error may point just past the last line (the end of the input).
            expect((1...lineCount + 1).contains(line), "diagnostic line outside 1...\(lineCount + 1): \(diagnostic)")
        }
    }
    if let article {
        expect(!diagnostics.contains { $0.severity == .error }, "an article despite an error")
        expect(!article.headline.title.isEmpty, "an article with an empty title")
        expect(!article.slug.value.isEmpty, "an article with an empty slug")
        expect(1 <= article.source.firstLine && article.source.firstLine <= article.source.lastLine
                     && article.source.lastLine <= lineCount,
                     "span \(article.source) outside lines 1...\(lineCount)")
    } else {
        expect(!diagnostics.isEmpty, "no article and no diagnostic saying why")
    }
}
