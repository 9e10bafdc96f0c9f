import Foundation
import FuzzSupport
import NewsLoader
import NewsModel

/// Fuzzes the page-dump reader: every input is read as a `*.txt` page dump would be.
///
/// Bytes go through the loader's own decoding (UTF-8 with or without BOM, GB18030; NUL bytes
/// refused), then `readPage`, enrichment included. Besides crashes, timeouts and memory errors, it
/// traps on results no page can justify, so libFuzzer keeps the input: a story without a title or
/// slug, a story span or a diagnostic line outside the file.
@main
enum FuzzPageDump {
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
    let file = "fuzz/page.txt"
    let (articles, diagnostics) = loader.readPage(text, file: file)
    let lineCount = editorLineCount(text)
    for article in articles {
        expect(!article.headline.title.isEmpty, "a story with an empty title")
        expect(!article.slug.value.isEmpty, "a story with an empty slug")
        expect(article.source.file == file, "a story naming another file: \(article.source.file)")
        expect(1 <= article.source.firstLine && article.source.firstLine <= article.source.lastLine
                     && article.source.lastLine <= lineCount,
                     "span \(article.source) outside lines 1...\(lineCount)")
    }
    for diagnostic in diagnostics {
        expect(diagnostic.file == file, "a diagnostic naming another file: \(diagnostic)")
        if let line = diagnostic.line {
            expect((1...lineCount).contains(line), "diagnostic line outside 1...\(lineCount): \(diagnostic)")
        }
    }
}
