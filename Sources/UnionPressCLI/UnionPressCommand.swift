import ArgumentParser
import Foundation
import NewsLoader

/// The `unionpress` command line: build, list, check.
public struct UnionPressCommand: ParsableCommand {
    /// Describes the command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "unionpress",
        abstract: "Builds a trade-union news portal from newspaper page dumps and Markdown articles.",
        subcommands: [BuildCommand.self, ListCommand.self, CheckCommand.self, ServeCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    /// Creates the command (argument parser needs this).
    public init() {}

    /// Runs the command line as `main()` does, having begun listing the sources of `build` while
    /// the arguments are parsed (see `SourceListing`); such a listing not taken is stopped before the process exits.
    public static func mainListingSourcesAhead(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        if let source = BuildCommand.sourceNamed(in: arguments) {
            SourceListing.beginAhead(under: URL(fileURLWithPath: source))
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            SourceListing.stopAhead()
            exit(withError: error)
        }
        SourceListing.stopAhead()
    }
}

/// Options every command that reads sources shares.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of page dumps (*.txt) and Markdown articles (*.md).")
    var source: String = Self.defaultSource

    /// The folder read when no `--source` is given.
    static let defaultSource = "seeds"
}
