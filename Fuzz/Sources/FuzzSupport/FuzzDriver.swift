import CLibFuzzer
import Foundation

/// Runs libFuzzer with this process's command line, calling `test` on every input, and exits with
/// libFuzzer's status (0 when the time ran out with nothing found).
///
/// A fuzz target's `main` calls this. The usual setup — no `main` of the target's own
/// (`-parse-as-library`), libFuzzer's `main` linked in — does not link under SwiftPM, which aliases an
/// executable's `main` to `<Module>_main` (swiftlang/swift-package-manager#4522).
/// - Parameter test: reads one input; must not capture (it is passed to C).
public func runLibFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}

/// The input's bytes as `Data`.
/// - Parameters:
///   - start: the first byte (libFuzzer may pass `nil` for an empty input).
///   - count: the number of bytes.
public func fuzzInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Data {
    guard let start, count > 0 else { return Data() }
    return Data(bytes: start, count: count)
}

/// Stops the run when a result breaks the reader's contract, printing why (an optimised
/// `precondition` drops its message), so libFuzzer saves the input as a crash.
/// - Parameters:
///   - condition: what must hold.
///   - message: what went wrong, for the log.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    FileHandle.standardError.write(Data("fuzz target: broken contract: \(message())\n".utf8))
    abort()
}

/// The number of lines in `text` as an editor shows them: lines end at LF, CRLF or a lone CR.
/// A diagnostic's line must be one of them (or one past the last, for an error at the end).
/// - Parameter text: the decoded input.
public func editorLineCount(_ text: String) -> Int {
    var count = 1
    var previous: Unicode.Scalar?
    for scalar in text.unicodeScalars {
        if scalar == "\r" || (scalar == "\n" && previous != "\r") { count += 1 }
        previous = scalar
    }
    return count
}
