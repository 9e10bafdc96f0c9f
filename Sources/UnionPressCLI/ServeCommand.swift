import ArgumentParser
import Dispatch
import Foundation
import NewsLoader
import PreviewServer

/// `unionpress serve`: a local preview of the site that reloads open tabs when a source changes.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site locally; open pages reload when a source file changes.",
        discussion: """
            The site is built into memory (nothing is written to disk) and served with a small \
            live-reload script added to each page. When a source fails to load, the last good site \
            stays served with a banner naming file:line. Stop with Ctrl-C.
            """)

    @OptionGroup var sources: SourceOptions

    @Option(name: .long, help: "The address to listen on. Keep the loopback default unless others must see the preview.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on; 0 picks a free port.")
    var port: Int = 1313

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: sources.source, isDirectory: &isFolder), isFolder.boolValue else {
            // Watching a folder that is not there would serve an empty site and wait forever.
            Console.error(LoadDiagnostic.noSuchFolder(sources.source).description)
            throw ExitCode.failure
        }
        let server: PreviewServer
        do {
            server = try PreviewServer(configuration: .init(source: URL(fileURLWithPath: sources.source), host: host, port: port))
        } catch {
            Console.error(error.description)
            throw ExitCode.failure
        }
        if !Self.isLoopback(host) {
            Console.error("warning: listening on \(host): the preview is reachable from other machines")
        }
        Self.say("building \(sources.source)/ …")
        // The root command is synchronous, so this one waits on a semaphore while the server runs
        // on Swift's concurrency pool; SIGINT and SIGTERM end it through the server's graceful shutdown.
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do throws(PreviewError) {
                try await server.run(handlingSignals: true, report: Self.report)
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            Console.error(error.description)
            throw ExitCode.failure
        }
        Self.say("stopped")
    }

    /// Prints one event of the server.
    @Sendable static func report(_ event: PreviewEvent) {
        switch event {
        case .listening(let url):
            say("serving on \(url.absoluteString)  (Ctrl-C to stop)")
        case .built(let report):
            let seconds = String(format: "%.2f", report.seconds)
            // The warnings themselves are on every served page (the preview's warning panel).
            let warnings = report.warnings.isEmpty ? "" : ", \(counted(report.warnings.count, "warning")) shown on the pages"
            if let trigger = report.trigger {
                let pages = report.changedPages.map { "\(counted($0, "page")) changed" } ?? "all pages reload"
                say("\(trigger): rebuilt in \(seconds) s — \(counted(report.articles, "article")), \(pages)\(warnings)")
            } else {
                say("built \(counted(report.articles, "article")), \(report.files) files in memory in \(seconds) s\(warnings)")
            }
        case .failed(let error, let trigger):
            if let trigger { Console.error("\(trigger): the sources have errors; still serving the last good site") }
            Console.error(error.description)
        }
    }

    /// Writes a line to standard output unbuffered, so a script reading through a pipe sees it at once.
    static func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Whether `host` is a loopback address or name.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// The error a background task ended with, read after it signals.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: PreviewError?

    func set(_ error: PreviewError) {
        lock.lock()
        stored = error
        lock.unlock()
    }

    var error: PreviewError? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
