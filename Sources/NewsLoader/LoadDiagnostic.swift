/// A problem found while loading sources, pinned to `file:line`.
public struct LoadDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable {
        /// The build cannot be trusted.
        case error
        /// An editor should look, but the site can still be built.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// Path relative to the source folder.
    public var file: String
    /// 1-based line, or `nil` when the problem concerns the whole file.
    public var line: Int?
    /// The loading step that found the problem (`read`, `front matter`, `page`, `regions`, …).
    public var step: String
    /// What is wrong, in words an editor understands.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, file: String, line: Int?, step: String, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.step = step
        self.message = message
    }

    /// The error for a source folder that is not there (`build`, `list`, `check` and `serve` alike).
    public static func noSuchFolder(_ path: String) -> LoadDiagnostic {
        LoadDiagnostic(.error, file: path, line: nil, step: "read", message: "no such folder")
    }

    /// `file:line: error: [step] message`, the file's ASCII control characters (a newline in a name)
    /// written as `\xNN`, so that a diagnostic is one line whose location a tool can read.
    public var description: String {
        let shown = file.utf8.contains { $0 < 0x20 || $0 == 0x7F } ? Array(file.utf8).withUnsafeBufferPointer(Self.printable) : file
        let location = line.map { "\(shown):\($0)" } ?? shown
        return "\(location): \(severity.rawValue): [\(step)] \(message)"
    }

    /// `bytes` as text, each byte that is not part of UTF-8 text, and each ASCII control character,
    /// written as `\xNN`.
    static func printable(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var shown = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : SourceText.UTF8Survey.characterLength(UnsafeRawBufferPointer(bytes), at: index)
            if lead >= 0x20, lead != 0x7F, length > 0 {
                shown += String(decoding: bytes[index..<(index + length)], as: UTF8.self)
                index += length
            } else {
                shown += "\\x" + String(lead, radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return shown
    }
}

/// Loading failed: one or more sources had errors. Every error is listed, not only the first.
public struct LoadError: Error, Sendable, CustomStringConvertible {
    /// All diagnostics, errors and warnings, in source order.
    public var diagnostics: [LoadDiagnostic]

    /// Creates the error.
    public init(diagnostics: [LoadDiagnostic]) { self.diagnostics = diagnostics }

    /// Only the errors.
    public var errors: [LoadDiagnostic] { diagnostics.filter { $0.severity == .error } }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

private extension String {
    /// The text with zeros before it, to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
