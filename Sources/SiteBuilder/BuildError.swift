import NewsLoader

/// Why a build stopped.
public enum BuildError: Error, CustomStringConvertible, Sendable {
    /// The sources had errors; every diagnostic is listed.
    case load(LoadError)
    /// The output folder is unsafe to replace.
    case unsafeOutput(path: String, reason: String)
    /// Writing the site failed.
    case write(path: String, reason: String)
    /// The sources gave no story: an empty site, which would replace the published one, is not made.
    case noArticles(source: String)
    /// A bundled asset is missing.
    case assets(String)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .load(let error): return error.description
        case .unsafeOutput(let path, let reason): return "\(path): error: [output] refusing to write here: \(reason)"
        case .write(let path, let reason): return "\(path): error: [write] \(reason)"
        case .noArticles(let source):
            return "\(source): error: [load] no story found: no page dump (*.txt) or Markdown article (*.md) under it gave one; nothing was written (an empty site would replace the published one)"
        case .assets(let reason): return "error: [assets] \(reason)"
        }
    }
}
