import ArgumentParser
import Foundation
import NewsLoader
import SiteBuilder

/// `unionpress check`: lists what an editor should look at, errors first, then by file and line.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List problems in the sources: errors, and stories an editor should look at.")

    @OptionGroup var sources: SourceOptions

    func run() throws {
        var diagnostics: [LoadDiagnostic]
        var failed = false
        do {
            let loaded = try NewsLoader.forSite().load(source: URL(fileURLWithPath: sources.source))
            diagnostics = loaded.diagnostics
            if loaded.settings.url == nil {
                diagnostics.append(LoadDiagnostic(.warning, file: "site.yml", line: nil, step: "site settings",
                                                  message: "no site address: feeds, the sitemap and canonical links stay relative (set `url:` in site.yml or build with --base-url)"))
            }
        } catch let error as LoadError {
            diagnostics = error.diagnostics
            failed = true
        }
        // Errors first, then by file and line: an editor works down the list file by file.
        let ordered = diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if (x.severity == .error) != (y.severity == .error) { return x.severity == .error }
            if x.file != y.file { return x.file.localizedStandardCompare(y.file) == .orderedAscending }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
        for diagnostic in ordered { print(diagnostic.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        print("\(counted(errors, "error")), \(counted(diagnostics.count - errors, "warning"))")
        if failed { throw ExitCode.failure }
    }
}
