import Foundation
@testable import NewsLoader
import NewsModel
import Testing

/// Inputs the fuzz targets (`make fuzz`, Fuzz/) found, kept so the bugs stay fixed. Each goes through
/// the same path as in the fuzzer: the loader's decoding, then `readPage` or `readMarkdown`.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// Lines as an editor shows them: ending at LF, CRLF or a lone CR.
    static func editorLines(_ text: String) -> Int {
        var count = 1
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "\r" || (scalar == "\n" && previous != "\r") { count += 1 }
            previous = scalar
        }
        return count
    }

    static func readMarkdown(_ bytes: [UInt8]) throws -> (article: Article?, diagnostics: [LoadDiagnostic], lines: Int) {
        let text = try #require(SourceDecoding.text(from: Data(bytes)))
        let (article, diagnostics) = sharedLoader.readMarkdown(text, file: "fuzz.md")
        return (article, diagnostics, editorLines(text))
    }

    @Test("FuzzFrontMatter's first find: lone CRs in front matter")
    func loneCarriageReturnsInFrontMatter() throws {
        // Minimised. YAML counted each CR as a line break and the reader did not, so the error named
        // line 5 of what the reader took for a 3-line file.
        let (article, diagnostics, lines) = try Self.readMarkdown(Array("---\n\r\r\r:\n---".utf8))
        #expect(article == nil)
        #expect(!diagnostics.isEmpty)
        for diagnostic in diagnostics {
            #expect((1...lines + 1).contains(diagnostic.line ?? 1), "\(diagnostic)")
        }
        #expect(diagnostics.map(\.line) == [5])
    }

    @Test("FuzzFrontMatter's second find: NEL in front matter")
    func nextLineInFrontMatter() throws {
        // Minimised. YAML breaks lines at NEL, so the missing-title error named line 5 of a 3-line file.
        let (article, diagnostics, _) = try Self.readMarkdown(Array("---\nt:\u{85}\u{85}P\n---".utf8))
        #expect(article == nil)
        #expect(diagnostics.filter { $0.severity == .error }.map(\.line) == [2])
    }

    @Test("FuzzFrontMatter's third find: a YAML error after NEL and LS names a line the file has")
    func yamlErrorAfterNextLineAndLineSeparator() throws {
        // As found (ten minutes in): the error was put on line 10 of a 9-line file.
        let found = "LS0tCnRpdGxlOiDlpJrkuobkuIDkuKrplK4KYXV0aG9yOiDmn5DkuroKZGF0ZTogMi0KZGF0ZTogMi0w4oCowoVnaW9uczoge+adreW3nuW4gjogMX0KLTDigKjChWdpb25zOiB75p2t5bee5biCOiAxfQotLS0K"
        let (article, diagnostics, lines) = try Self.readMarkdown(Array(try #require(Data(base64Encoded: found))))
        #expect(article == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect((1...lines).contains(error.line ?? 0), "\(error)")
    }

    @Test("YAML lines map to file lines: NEL, LS and PS do not start a file line")
    func yamlLinesToFileLines() {
        let yaml = "a: 1\u{2028}b: 2\nc: 3\u{85}\u{2029}d: 4\ne: 5"
        // YAML lines 1…6 are a, b (same file line as a), c, the empty line and d (both on c's line), e;
        // YAML's line past the end (where it reports the end of the input) is e's line.
        let fileLines = (1...7).map { MarkdownArticleReader.fileLine(ofYAMLLine: $0, in: yaml) }
        #expect(fileLines == [2, 2, 3, 3, 3, 4, 4])
    }

    @Test("front matter with LS, PS or NEL: the YAML error names a line the file has",
          arguments: ["\u{2028}", "\u{2029}", "\u{85}"])
    func yamlOnlyLineBreaks(breakCharacter: String) throws {
        let text = "---\ntitle: a" + String(repeating: breakCharacter, count: 4) + " b\nc: [\n---\n"
        let (article, diagnostics, lines) = try Self.readMarkdown(Array(text.utf8))
        #expect(article == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect((1...lines + 1).contains(error.line ?? 0), "\(error)")
    }

    @Test("a Markdown article with CRLF or CR line ends reads like the same file with LF",
          arguments: ["\r\n", "\r"])
    func crlfMarkdown(lineEnd: String) throws {
        let lf = "---\ntitle: Windows 换行\ndate: 2020-01-05\nregions: [杭州市]\n---\n\n杭州市总工会近日开展送清凉活动。\n"
        let (crlfArticle, crlfNotes, _) = try Self.readMarkdown(Array(lf.replacingOccurrences(of: "\n", with: lineEnd).utf8))
        let (lfArticle, lfNotes, _) = try Self.readMarkdown(Array(lf.utf8))
        #expect(crlfNotes.filter { $0.severity == .error }.isEmpty, "\(crlfNotes)")
        #expect(crlfArticle?.headline.title == "Windows 换行")
        #expect(crlfArticle?.date == lfArticle?.date)
        #expect(crlfArticle?.regions == lfArticle?.regions)
        #expect(crlfArticle?.source == lfArticle?.source)
        #expect(crlfNotes == lfNotes)
    }

    @Test("FuzzPageDump's find: a table of contents' line that a masthead pattern matches too")
    func contentsLineThatIsAMastheadLine() throws {
        // Minimised. The line was counted twice among the masthead's, and the masthead's clusters
        // were cut with a range whose end lay before its start: the loader crashed.
        let page = sharedLoader.readPage("今日导读\n\n▶3版 工会CN33-0010报道\n\n标题一行\n\n正文一段，讲的是工会的事。\n", file: "page.txt")
        #expect(page.articles.map(\.headline.title) == ["标题一行"])
    }

    @Test("a page dump with CRLF or CR line ends reads like the same page with LF",
          arguments: ["\r\n", "\r"])
    func crlfPage(lineEnd: String) throws {
        let seeds = try FileManager.default.contentsOfDirectory(at: repositoryRoot.appendingPathComponent("seeds"),
                                                                includingPropertiesForKeys: nil)
        let page = try #require(seeds.filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }.first)
        let lf = try #require(SourceDecoding.text(from: Data(contentsOf: page)))
        let converted = try #require(SourceDecoding.text(from: Data(lf.replacingOccurrences(of: "\n", with: lineEnd).utf8)))
        let expected = sharedLoader.readPage(lf, file: "page.txt")
        let actual = sharedLoader.readPage(converted, file: "page.txt")
        #expect(!expected.articles.isEmpty)
        #expect(actual.articles.map(\.headline) == expected.articles.map(\.headline))
        #expect(actual.articles.map(\.source) == expected.articles.map(\.source))
        #expect(actual.articles.map(\.body) == expected.articles.map(\.body))
    }
}
