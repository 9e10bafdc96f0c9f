import ArgumentParser

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
}

/// Options every command that reads sources shares.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of page dumps (*.txt) and Markdown articles (*.md).")
    var source: String = "seeds"
}
