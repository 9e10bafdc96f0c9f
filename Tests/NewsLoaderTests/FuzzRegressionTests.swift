import Foundation
import NewsLoader
import NewsModel
import Testing

/// Inputs the fuzz targets (`make fuzz`, Fuzz/) found, kept so the bugs stay fixed. Each goes through
/// the same path as in the fuzzer: the loader's decoding, then `readPage` or `readMarkdown`.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// YAML also breaks lines at NEL, LS and PS, which the loader does not count as line ends: the
    /// tests wrapped in this are expected to fail until that is fixed (marked intermittent, since
    /// whether YAML's reader trips on them depends on the front-matter path taken): remove the
    /// wrappers once fixed. (CRLF and CR line ends are read as LF since the fuzzers found them.)
    static let pendingFix: Comment = "line breaks: NEL/LS/PS end lines in YAML, not in the loader"

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
        withKnownIssue(Self.pendingFix, isIntermittent: true) {
            // Minimised. YAML breaks lines at NEL, so the missing-title error named line 5 of a 3-line file.
            let (article, diagnostics, _) = try Self.readMarkdown(Array("---\nt:\u{85}\u{85}P\n---".utf8))
            #expect(article == nil)
            #expect(diagnostics.filter { $0.severity == .error }.map(\.line) == [2])
        }
    }

    @Test("front matter with LS, PS or NEL: the YAML error names a line the file has",
          arguments: ["\u{2028}", "\u{2029}", "\u{85}"])
    func yamlOnlyLineBreaks(breakCharacter: String) throws {
        withKnownIssue(Self.pendingFix, isIntermittent: true) {
            let text = "---\ntitle: a" + String(repeating: breakCharacter, count: 4) + " b\nc: [\n---\n"
            let (article, diagnostics, lines) = try Self.readMarkdown(Array(text.utf8))
            #expect(article == nil)
            let error = try #require(diagnostics.first { $0.severity == .error })
            #expect((1...lines + 1).contains(error.line ?? 0), "\(error)")
        }
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
