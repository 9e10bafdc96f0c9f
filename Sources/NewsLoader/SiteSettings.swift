import Yams

/// The portal's own settings, from an optional `site.yml` at the source root:
///
/// ```yaml
/// name: 浙江职工新闻网
/// description: 工会新闻门户：产改、新就业形态、建会入会与职工服务
/// url: https://news.example.org/      # makes feeds, the sitemap and canonical links absolute
/// ```
public struct SiteSettings: Sendable, Hashable {
    /// The portal's name.
    public var name: String?
    /// One sentence about the portal.
    public var description: String?
    /// The public address of the site.
    public var url: String?

    /// Why `address` cannot be the site's public address, or `nil` when it can: pages' links are
    /// the address followed by their paths, so it must be an absolute http(s) address of a host
    /// with no query or fragment (`?x=1` would end up in the middle of every link) and nothing a
    /// URL cannot hold as written (a space, a quote, an angle bracket).
    public static func problem(withAddress address: String) -> String? {
        guard let rest = ["https://", "http://"].first(where: address.hasPrefix).map({ address.dropFirst($0.count) }) else {
            return "it must start with http:// or https:// (e.g. https://news.example.org/)"
        }
        guard let host = rest.split(separator: "/", omittingEmptySubsequences: false).first, !host.isEmpty else {
            return "it names no host (e.g. https://news.example.org/)"
        }
        if let bad = address.unicodeScalars.first(where: { $0.properties.isWhitespace || $0.value < 0x20 || "\"<>\\^`{|}".unicodeScalars.contains($0) }) {
            return "it holds “\(bad.escaped(asASCII: true))”, which a URL cannot hold as written (percent-encode it)"
        }
        if address.contains("?") || address.contains("#") {
            return "it has a query or a fragment (?…, #…), which would end up in the middle of every page's address"
        }
        return nil
    }

    /// Keys `site.yml` understands.
    static let knownKeys: Set<String> = ["name", "description", "url"]

    /// Creates settings.
    public init(name: String? = nil, description: String? = nil, url: String? = nil) {
        self.name = name
        self.description = description
        self.url = url
    }

    /// Reads `site.yml`; problems are diagnostics naming `file:line`.
    static func read(_ text: String, file: String) -> (SiteSettings?, [LoadDiagnostic]) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let problem = YAMLProblem(error, in: text)
            return (nil, [LoadDiagnostic(.error, file: file, line: problem.line, step: "site settings", message: "malformed YAML: \(problem.message)")])
        }
        guard let node else { return (SiteSettings(), []) }
        guard let mapping = node.mapping else {
            return (nil, [LoadDiagnostic(.error, file: file, line: node.mark?.line ?? 1, step: "site settings",
                                         message: "site settings must be a mapping of `key: value` lines (name, description, url)")])
        }
        var settings = SiteSettings()
        var diagnostics: [LoadDiagnostic] = []
        for (key, value) in mapping {
            let line = key.mark?.line
            switch key.string ?? "" {
            case "name": settings.name = value.string
            case "description": settings.description = value.string
            case "url":
                guard let url = value.string, Self.problem(withAddress: url) == nil else {
                    let reason = value.string.flatMap(Self.problem(withAddress:)) ?? "it must be text"
                    return (nil, [LoadDiagnostic(.error, file: file, line: line, step: "site settings", message: "`url` is no site address: \(reason)")])
                }
                settings.url = url
            default:
                diagnostics.append(LoadDiagnostic(.warning, file: file, line: line, step: "site settings",
                                                  message: "unknown key `\(key.string ?? "")` is ignored (known: \(knownKeys.sorted().joined(separator: ", ")))"))
            }
        }
        return (settings, diagnostics)
    }
}
