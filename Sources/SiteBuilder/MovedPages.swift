import NewsLoader
import NewsModel

extension Site {
    /// What a renamed file's story is matched by: its title and date (a new story of a routine
    /// title, in a file added as another is removed, is no rename).
    static func renameKey(_ article: Article) -> String {
        article.headline.title + "\n" + (article.date?.iso ?? "")
    }

    /// The Markdown stories whose page this build moves away from an address the previous build
    /// published, leaving no page there: a story retitled (a slug is made from the title) or its
    /// file renamed (and from the file's path). A warning each, on the story's first line, naming
    /// the old address and how to keep it; only the build that moves the page says so.
    /// - Parameters:
    ///   - changed: each Markdown source this build read anew, and the position of the source of
    ///     the same path in `recorded`, if any.
    ///   - recorded: the previous build's sources, in path order.
    ///   - listed: every source this build lists.
    ///   - published: the site's stories as this build loaded them.
    static func movedPages(changed: [(source: BuildState.Source, recordedAt: Int?)], recorded: [BuildState.Source],
                           listed: [SourceFile], published: [Article]) -> [LoadDiagnostic] {
        guard !changed.isEmpty else { return [] }
        // The stories of Markdown files gone since the previous build, by title and date: a renamed file's.
        var goneByKey: [String: Article]?
        func gone(keyed key: String) -> Article? {
            if goneByKey == nil {
                var found: [String: Article] = [:]
                let paths = Set(listed.map(\.relativePath))
                for source in recorded where source.kind == .markdown && !paths.contains(source.relativePath) {
                    for article in source.result.articles { found[Self.renameKey(article)] = article }
                }
                goneByKey = found
            }
            return goneByKey?[key]
        }
        var addresses: Set<String>?
        var notes: [LoadDiagnostic] = []
        for (source, position) in changed {
            let before = position.map { recorded[$0].kind == .markdown ? recorded[$0].result.articles : [] }
            for (index, article) in source.result.articles.enumerated() {
                let old: Article?
                if let before {
                    old = before.indices.contains(index) ? before[index] : nil
                } else {
                    old = gone(keyed: Self.renameKey(article))
                }
                guard let old, old.slug != article.slug else { continue }
                // Still published: another story's address now, or an alias of one.
                if addresses == nil {
                    addresses = Set(published.flatMap { [$0.slug.value] + $0.permalink.aliases.map(\.value) })
                }
                guard addresses?.contains(old.slug.value) == false else { continue }
                let why = before == nil ? "its file was renamed from \(old.source.file)"
                    : article.permalink.isFixed || old.permalink.isFixed ? "its `slug:` changed" : "its title changed"
                let keep = article.permalink.isFixed ? "" : ", or keep the page where it was with `slug: \(old.slug.value)`"
                notes.append(LoadDiagnostic(.warning, file: source.relativePath, line: article.source.firstLine, step: "address", message:
                    "the story's page moves from articles/\(old.slug.value)/ to articles/\(article.slug.value)/ (\(why)): links to the old address will fail; keep them working with `aliases: [articles/\(old.slug.value)/]`\(keep)"))
            }
        }
        return notes
    }
}
