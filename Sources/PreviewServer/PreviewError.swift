import NewsLoader

/// Why the preview could not build the site or could not start.
public enum PreviewError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The sources failed to load; every diagnostic (errors first) is listed.
    case sources([LoadDiagnostic])
    /// The loaded articles could not be rendered.
    case render(reason: String)
    /// The loader's bundled data could not be read.
    case loaderSetup(reason: String)
    /// The server could not listen on the address.
    case listen(host: String, port: Int, reason: String)

    /// One problem, as shown in the error banner and printed by the CLI.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The source file, relative to `--source`, when the problem has one.
        public var file: String?
        /// The 1-based line, when known.
        public var line: Int?
        /// `file:line: error: [step] message`.
        public var description: String
    }

    /// The problems to show an editor: errors only when there are any, otherwise everything.
    public var problems: [Problem] {
        switch self {
        case .sources(let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }
            return (errors.isEmpty ? diagnostics : errors).map { Problem(file: $0.file, line: $0.line, description: $0.description) }
        case .render(let reason):
            return [Problem(file: nil, line: nil, description: "error: [render] \(reason)")]
        case .loaderSetup(let reason):
            return [Problem(file: nil, line: nil, description: "error: [setup] \(reason)")]
        case .listen(let host, let port, let reason):
            return [Problem(file: nil, line: nil, description: "\(host):\(port): error: [listen] \(reason)")]
        }
    }

    /// The loader's warnings that came with the failure (none for a failure that is not the sources').
    public var warnings: [LoadDiagnostic] {
        guard case .sources(let diagnostics) = self else { return [] }
        return diagnostics.filter { $0.severity == .warning }
    }

    /// Every problem, one per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
