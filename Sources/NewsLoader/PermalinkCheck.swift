import NewsModel

/// The addresses stories fix and name, checked over the whole site: no two stories fix one slug,
/// no alias is a story's address, and no two stories name one alias. A clash is an error: one of
/// the stories would lose its page, or an old link would lead to the wrong story.
enum PermalinkCheck {
    /// Whether any of `articles` fixes its slug or names an alias (most sites: none does).
    static func isNeeded(_ articles: [Article]) -> Bool {
        articles.contains { $0.permalink.isFixed || !$0.permalink.aliases.isEmpty }
    }

    /// An error for each story that fixes a slug an earlier story fixed already.
    static func fixedSlugClashes(_ articles: [Article]) -> [LoadDiagnostic] {
        var fixers: [Slug: Article] = [:]
        var errors: [LoadDiagnostic] = []
        for article in articles {
            guard let line = article.permalink.fixedSlugLine else { continue }
            if let first = fixers[article.slug] {
                errors.append(LoadDiagnostic(.error, file: permalinkFile(of: article), line: line, step: "address",
                                             message: "`slug` “\(article.slug)” is fixed by \(permalinkFile(of: first)):\(first.permalink.fixedSlugLine ?? first.source.firstLine) too: two stories cannot share an address"))
            } else {
                fixers[article.slug] = article
            }
        }
        return errors
    }

    /// The aliases of `articles`, their slugs made unique already, checked: an alias that is the
    /// story's own address is dropped, with a warning; one that is another story's address, or
    /// that an earlier story names, is an error.
    static func checkAliases(_ articles: inout [Article]) -> [LoadDiagnostic] {
        let named = articles.indices.filter { !articles[$0].permalink.aliases.isEmpty }
        guard !named.isEmpty else { return [] }
        var owners: [Slug: Int] = [:]
        owners.reserveCapacity(articles.count)
        for index in articles.indices { owners[articles[index].slug] = owners[articles[index].slug] ?? index }
        var namers: [Slug: Int] = [:]
        var notes: [LoadDiagnostic] = []
        for index in named {
            let article = articles[index]
            let line = article.permalink.aliasesLine ?? article.source.firstLine
            func note(_ severity: LoadDiagnostic.Severity, _ message: String) {
                notes.append(LoadDiagnostic(severity, file: permalinkFile(of: article), line: line, step: "address", message: message))
            }
            var kept: [Slug] = []
            for alias in article.permalink.aliases {
                if let owner = owners[alias] {
                    if owner == index {
                        note(.warning, "`aliases`: articles/\(alias)/ is the story's own address: ignored")
                        continue
                    }
                    note(.error, "`aliases`: articles/\(alias)/ is the address of “\(articles[owner].headline.title)” (\(addressPlace(of: articles[owner]))): an alias cannot take a story's address")
                } else if let earlier = namers[alias] {
                    note(.error, "`aliases`: articles/\(alias)/ is named by \(permalinkFile(of: articles[earlier])):\(articles[earlier].permalink.aliasesLine ?? articles[earlier].source.firstLine) too: one old address cannot lead to two stories")
                } else {
                    namers[alias] = index
                }
                kept.append(alias)
            }
            if kept.count != article.permalink.aliases.count {
                articles[index].permalink.aliases = kept
                if kept.isEmpty { articles[index].permalink.aliasesLine = nil }
            }
        }
        return notes
    }

    /// Where `article`'s address comes from: `file:line` of the line that fixed its slug, or its
    /// source file when the slug is made from the title.
    private static func addressPlace(of article: Article) -> String {
        article.permalink.fixedSlugLine.map { "\(permalinkFile(of: article)):\($0)" } ?? article.source.file
    }

    /// The file whose lines `article`'s permalink counts: its sidecar's for a page dump's story
    /// that its sidecar gave a slug or aliases, else its source's.
    private static func permalinkFile(of article: Article) -> String {
        article.permalink.file ?? article.source.file
    }
}
