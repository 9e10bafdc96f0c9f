import ArgumentParser
import Foundation
import NewsLoader
import SiteBuilder

/// `unionpress build`: writes the site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site from the sources.")

    @OptionGroup var sources: SourceOptions

    @Option(name: .long, help: "The folder the site is written to; replaced as a whole when the build succeeds.")
    var output: String = "public"

    @Option(name: .customLong("base-url"), help: "The site's public address, for absolute links in feeds and the sitemap.")
    var baseURL: String?

    @Flag(name: .long, help: "Rebuild everything, ignoring what the previous build left in the output folder.")
    var full = false

    @Flag(name: .customLong("render-to-memory"), help: "Render every page and write nothing (for measuring, like Hugo's --renderToMemory).")
    var renderToMemory = false

    /// The source folder of `build` as `arguments` (the program's, after its name) give it, told
    /// before they are parsed, so that listing it can begin meanwhile; `nil` for any other command.
    /// The parsed command is what the build uses: a folder told wrongly here is listed for nothing.
    static func sourceNamed(in arguments: [String]) -> String? {
        guard arguments.first == configuration.commandName else { return nil }
        var source = SourceOptions.defaultSource
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--source", index + 1 < arguments.count {
                source = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix("--source=") {
                source = String(argument.dropFirst("--source=".count))
            }
            index += 1
        }
        return source
    }

    func validate() throws {
        if let baseURL, let problem = SiteSettings.problem(withAddress: baseURL) {
            throw ValidationError("--base-url \(baseURL) is no site address: \(problem)")
        }
    }

    func run() throws {
        let report: Site.Report
        do {
            report = try Site.buildWithBundledLoader(source: URL(fileURLWithPath: sources.source),
                                                     output: URL(fileURLWithPath: output), baseURL: baseURL,
                                                     options: Site.Options(incremental: !full, renderToMemory: renderToMemory, exitsAfterwards: true,
                                                                           waitingForOutput: { [output] lockPath in
                Console.error("\(output)/: another build is writing this folder; waiting for it to finish (\(lockPath))")
            }))
        } catch let error as BuildError {
            // The errors after the warnings, and a last line saying what happened: what a CI log
            // shows at its end is why the build failed.
            if case .load(let problems) = error {
                let errors = problems.errors
                for diagnostic in problems.diagnostics where diagnostic.severity != .error { Console.error(diagnostic.description) }
                for diagnostic in errors { Console.error(diagnostic.description) }
                let warnings = problems.diagnostics.count - errors.count
                Console.error("build failed: \(counted(errors.count, "error")), \(counted(warnings, "warning")); nothing was written to \(output)/")
            } else {
                Console.error(error.description)
                Console.error(Site.holdsUnfinishedUpdate(URL(fileURLWithPath: output))
                    ? "build failed (see above); the update was cut short: its journal is in \(output)/, and the next build rebuilds the site whole"
                    : "build failed (see above)")
            }
            throw ExitCode.failure
        }
        for warning in report.warnings + report.moved { Console.error(warning.description) }
        let (articles, warnings) = (counted(report.articles, "article"), counted(report.warnings.count + report.moved.count, "warning"))
        if renderToMemory {
            print("rendered \(articles), \(report.files) files in memory (\(warnings))")
        } else {
            print("built \(articles), \(report.files) files into \(output)/ (\(report.written) written, \(report.files - report.written) unchanged; \(warnings))")
        }
    }
}

/// `count` and `noun`, the noun in the plural unless the count is one (`1 warning`, `2 warnings`).
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// Writes to standard error.
enum Console {
    /// Prints `text` and a newline to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
