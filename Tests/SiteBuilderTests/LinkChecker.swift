import Foundation

/// Finds the internal links of a built site that lead nowhere.
enum LinkChecker {
    /// `href` and `src` values of `html`.
    static func links(in html: String) -> [String] {
        html.matches(of: #/(?:href|src|action)="([^"]*)"/#).map { String($0.1) }
    }

    /// Broken internal links as `page → link`, for a site given as site-relative path → contents.
    static func brokenLinks(in site: [String: Data]) -> [String] {
        var broken: [String] = []
        for (path, data) in site where path.hasSuffix(".html") && path != "404.html" {
            let html = String(decoding: data, as: UTF8.self)
            for link in links(in: html) {
                if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") { continue }
                if link.hasPrefix("#") || link.hasPrefix("data:") { continue }
                if link.hasPrefix("/") { broken.append("\(path) → \(link) (absolute)"); continue }
                let target = resolve(link, from: path)
                guard let target, site[target] != nil || site[target + "index.html"] != nil else {
                    broken.append("\(path) → \(link)")
                    continue
                }
            }
        }
        return broken.sorted()
    }

    /// The site-relative file a relative link from `page` points at, or `nil` if it leaves the site.
    static func resolve(_ link: String, from page: String) -> String? {
        var clean = link
        if let cut = clean.firstIndex(where: { $0 == "?" || $0 == "#" }) { clean = String(clean[..<cut]) }
        // A file's name as the server finds it: `%E9%AA%91` is 骑.
        guard let decoded = clean.removingPercentEncoding else { return nil }
        clean = decoded
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in clean.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            case ".", "": continue
            default: parts.append(String(part))
            }
        }
        let joined = parts.joined(separator: "/")
        if clean.isEmpty || clean.hasSuffix("/") || clean == "." { return joined.isEmpty ? "" : joined + "/" }
        return joined
    }
}
