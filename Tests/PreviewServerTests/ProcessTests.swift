import Foundation
import Testing

/// Tests that run the `unionpress` executable built beside the tests: signals and a real browser.
@Suite("the unionpress serve command", .serialized)
struct ProcessTests {
    /// The package folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The debug executable `swift build --build-tests` makes; `nil` when it is not there.
    static var binary: URL? {
        let candidates = [".build/debug/unionpress", ".build/release/unionpress"].map { packageRoot.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A program on `PATH`.
    static func which(_ name: String) -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Whether python3 with selenium, chromium and chromedriver are all installed.
    static let browserAvailable: Bool = {
        guard binary != nil, let python = which("python3"),
              which("chromium") != nil || which("chromium-browser") != nil || which("google-chrome") != nil,
              which("chromedriver") != nil else { return false }
        let check = Process()
        check.executableURL = python
        check.arguments = ["-c", "import selenium"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }()

    @Test("SIGINT and SIGTERM stop the server promptly, exit code 0",
          .enabled(if: binary != nil, "the unionpress executable is not built"), .timeLimit(.minutes(2)),
          arguments: [SIGINT, SIGTERM])
    func signals(signal: Int32) async throws {
        let folder = try SourceFolder(Compose.site)
        defer { folder.remove() }
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = ["serve", "--source", folder.url.path, "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let lines = LineReader(output.fileHandleForReading)
        let exit = ExitClock()
        process.terminationHandler = { _ in exit.mark() }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let serving = await eventually(within: 30) { lines.text.contains("serving on http://127.0.0.1:") }
        #expect(serving, "printed its URL: \(lines.text)")
        let port = try #require(lines.text.firstMatch(of: /serving on http:\/\/127\.0\.0\.1:(\d+)\//).map { Int($0.1) ?? 0 })
        #expect(port > 0, "the real port, not 0")

        let sent = ContinuousClock.now
        kill(process.processIdentifier, signal)
        let stopped = await eventually(within: 30) { !process.isRunning }
        #expect(stopped)
        // The exit is timed by the process's termination handler, not by this task's polling: the
        // tests share two cores, and a poll can wait behind them. The one-second goal is measured
        // and reported elsewhere; here a correct shutdown must just not hang.
        let took = try #require(await exit.time(within: 30)) - sent
        #expect(took < .seconds(5), "stopped after \(took)")
        #expect(process.terminationStatus == 0)
        #expect(lines.text.contains("stopped"))
    }

    @Test("a real browser tab reloads by itself after an edit (headless Chromium via selenium)",
          .enabled(if: browserAvailable, "needs python3 + selenium, chromium and chromedriver"), .timeLimit(.minutes(2)))
    func browser() async throws {
        let process = Process()
        process.executableURL = try #require(Self.which("python3"))
        process.arguments = [
            Self.packageRoot.appendingPathComponent("Tests/PreviewServerTests/browser/live_reload_test.py").path,
            "--binary", try #require(Self.binary).path,
            "--seeds", Self.packageRoot.appendingPathComponent("seeds").path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let lines = LineReader(output.fileHandleForReading)
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let finished = await eventually(within: 100) { !process.isRunning }
        #expect(finished, "the browser test finished")
        let result = lines.text.split(separator: "\n").last { $0.hasPrefix("PASS") || $0.hasPrefix("FAIL") || $0.hasPrefix("SKIP") }
        print(lines.text)
        #expect(process.terminationStatus == 0, "\(result ?? "no result line")")
        #expect(result?.hasPrefix("PASS") == true, "\(lines.text)")
    }
}

/// When a child process exited, as its termination handler saw it.
final class ExitClock: @unchecked Sendable {
    private let lock = NSLock()
    private var exited: ContinuousClock.Instant?

    /// Records now as the exit time; called from `Process.terminationHandler`.
    func mark() {
        lock.lock()
        exited = ContinuousClock.now
        lock.unlock()
    }

    private var recorded: ContinuousClock.Instant? {
        lock.lock()
        defer { lock.unlock() }
        return exited
    }

    /// The exit time, once the handler has run (it runs on its own thread, shortly after the exit).
    func time(within seconds: Double) async -> ContinuousClock.Instant? {
        _ = await eventually(within: seconds) { self.recorded != nil }
        return recorded
    }
}

/// Collects what a child process writes, as it writes it.
final class LineReader: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    init(_ handle: FileHandle) {
        handle.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            self?.append(chunk)
        }
    }

    private func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    /// Everything read so far.
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
