/// What a story's source says about its page's address: whether it fixed the slug, and the
/// addresses the page had before, each of which leads to it.
///
/// A story's slug is made from its title, so retitling a story moves its page. An editor keeps
/// the address by fixing the slug (`slug:` in a Markdown article's front matter), or keeps the
/// links to a former address working by naming it (`aliases:`): the site then has a page there
/// that sends the reader on. A page dump's story fixes and names them in the page's sidecar.
public struct Permalink: Sendable, Hashable {
    /// The line of the source that fixed the slug, or `nil` when the slug is made from the title.
    public var fixedSlugLine: Int?
    /// Former slugs of the page: `articles/<alias>/` leads to it.
    public var aliases: [Slug]
    /// The line of the source that names the aliases (when there are any).
    public var aliasesLine: Int?
    /// The file whose lines `fixedSlugLine` and `aliasesLine` are, when it is not the story's own
    /// source (a page dump's sidecar); `nil` when it is.
    public var file: String?

    /// Creates a permalink.
    /// - Parameters:
    ///   - fixedSlugLine: the line that fixed the slug, if one did.
    ///   - aliases: the page's former slugs.
    ///   - aliasesLine: the line that names them.
    ///   - file: the file of those lines, when it is not the story's own source.
    public init(fixedSlugLine: Int? = nil, aliases: [Slug] = [], aliasesLine: Int? = nil, file: String? = nil) {
        self.fixedSlugLine = fixedSlugLine
        self.aliases = aliases
        self.aliasesLine = aliasesLine
        self.file = file
    }

    /// Whether the source fixed the slug.
    public var isFixed: Bool { fixedSlugLine != nil }
}
