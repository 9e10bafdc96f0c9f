import ArgumentParser
import Foundation
import NewsLoader

/// `unionpress check`: lists what an editor should look at.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List problems in the sources: errors, and stories an editor should look at.")

    @OptionGroup var sources: SourceOptions

    func run() throws {
        let diagnostics: [LoadDiagnostic]
        var failed = false
        do {
            diagnostics = try NewsLoader().load(source: URL(fileURLWithPath: sources.source)).diagnostics
        } catch let error as LoadError {
            diagnostics = error.diagnostics
            failed = true
        }
        for diagnostic in diagnostics { print(diagnostic.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        print("\(errors) errors, \(diagnostics.count - errors) warnings")
        if failed { throw ExitCode.failure }
    }
}
