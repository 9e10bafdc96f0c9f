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

    /// `file:line: error: [step] message`.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(severity.rawValue): [\(step)] \(message)"
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
