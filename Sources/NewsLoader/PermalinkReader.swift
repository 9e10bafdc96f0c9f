import NewsModel

/// The `slug:` and `aliases:` an editor writes for a story — in a Markdown article's front matter,
/// or under the story's title in a page dump's sidecar — read into the slug the story fixes and
/// its `Permalink`.
enum PermalinkReader {
    /// A slug that cannot be a page's address: an error on `line`.
    struct Problem: Error, Equatable {
        var line: Int
        var message: String
    }

    /// What an editor wrote: the slug's text and line, and each alias's text and line with the
    /// line of the `aliases:` key (`nil` when the key is not written).
    struct Written {
        var slug: (text: String, line: Int)?
        var aliases: (items: [(text: String, line: Int)], line: Int)?
    }

    /// The slug `written` fixes and the page's former addresses, with a warning (in `step`,
    /// naming `file`) for an empty slug and for each alias ignored; a problem for a slug that
    /// cannot be an address.
    static func read(_ written: Written, file: String, step: String,
                     diagnostics: inout [LoadDiagnostic]) -> Result<(Slug?, Permalink), Problem> {
        var fixedSlug: Slug?
        var permalink = Permalink()
        func warn(_ line: Int, _ message: String) {
            diagnostics.append(LoadDiagnostic(.warning, file: file, line: line, step: step, message: message))
        }
        if let (text, line) = written.slug {
            let raw = text.trimmingSpaces()
            if raw.isEmpty {
                warn(line, "`slug` is empty: the address is made from the title")
            } else {
                guard raw.utf8.count <= longestSlug else {
                    return .failure(Problem(line: line, message: "`slug` is \(raw.utf8.count) characters long: at most \(longestSlug), as it names a folder"))
                }
                guard let slug = Slug(raw) else {
                    return .failure(Problem(line: line, message: "`slug` “\(raw)” cannot be a page's address: write lowercase letters a–z, digits and hyphens between them, e.g. qishou-ruhui-yijianban"))
                }
                fixedSlug = slug
                permalink.fixedSlugLine = line
            }
        }
        if let (items, line) = written.aliases {
            for (text, itemLine) in items.map({ ($0.text.trimmingSpaces(), $0.line) }) where !text.isEmpty {
                guard let alias = alias(text) else {
                    warn(itemLine, "`aliases`: “\(text)” is ignored: an alias is a former address of a story on this site, written articles/<slug>/")
                    continue
                }
                if fixedSlug == alias {
                    warn(itemLine, "`aliases`: “\(text)” is the story's own address: ignored")
                } else if !permalink.aliases.contains(alias) {
                    permalink.aliases.append(alias)
                }
            }
            if !permalink.aliases.isEmpty { permalink.aliasesLine = line }
        }
        return .success((fixedSlug, permalink))
    }

    /// The slug of a former address written `articles/<slug>/` (the leading `/`, the trailing `/`
    /// and an `index.html` after it may be left out), or written as the bare slug; `nil` for
    /// anything else.
    static func alias(_ text: String) -> Slug? {
        var path = Substring(text)
        // A bare slug has no `/`: `/old/` is the site's folder `old/`, no story's address.
        guard path.hasPrefix("articles/") || path.hasPrefix("/articles/") else { return slug(path) }
        path = path.dropFirst(path.hasPrefix("/") ? "/articles/".count : "articles/".count)
        if path.hasSuffix("/index.html") { path = path.dropLast("index.html".count) }
        if path.hasSuffix("/") { path = path.dropLast() }
        return slug(path)
    }

    /// The longest slug a story's source may fix, in bytes: a slug names a folder, and a file
    /// system's name holds at most 255 bytes.
    static let longestSlug = 200

    /// `text` as a slug, if it is one no longer than `longestSlug`.
    private static func slug(_ text: Substring) -> Slug? {
        text.utf8.count <= longestSlug ? Slug(String(text)) : nil
    }
}
