import Foundation
import NewsLoader

/// What the preview server reports while it runs; the CLI prints these.
public enum PreviewEvent: Sendable {
    /// The server is listening; `url` has the real port (useful with `--port 0`).
    case listening(URL)
    /// A build succeeded and is being served.
    case built(BuildReport)
    /// A build failed; the last good site stays served, with an error banner.
    case failed(PreviewError, trigger: SourceChanges?)
}

/// A successful build.
public struct BuildReport: Sendable {
    /// What changed in the sources; `nil` for the first build.
    public var trigger: SourceChanges?
    /// Articles on the site.
    public var articles: Int
    /// Files in the site.
    public var files: Int
    /// Pages that changed for browsers (`nil` for the first build or when everything reloads).
    public var changedPages: Int?
    /// Seconds the load, render and preparation took.
    public var seconds: Double
    /// The loader's warnings.
    public var warnings: [LoadDiagnostic]
}
