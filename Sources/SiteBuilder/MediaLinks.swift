import MarkdownRendering
import NewsLoader
import NewsModel

/// Leads a Markdown story's references to media files (`MediaPath`) to their copies in the site,
/// by addresses relative to the story's page, so the site still works under any path.
public struct MediaLinks: Sendable {
    /// The story's source file, relative to the source folder.
    let markdownPath: String
    /// From the story's page to the site's root: `../../` for `articles/<slug>/`.
    let toRoot: String

    /// The links of `article`'s page.
    public init(_ article: Article) {
        markdownPath = article.source.file
        toRoot = String(repeating: "../", count: article.url.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
    }

    /// The address of the copy of the media file `destination` names, or `nil` when it names none
    /// (it is then left as written).
    @Sendable public func destination(_ destination: String) -> String? {
        MediaPath.target(of: destination, from: markdownPath).map { toRoot + $0.siteURL }
    }
}

extension NewsLoader {
    /// A loader with the bundled data that finds the media files Markdown articles name
    /// (`findingMediaLinks()`).
    public static func forSite() throws -> NewsLoader {
        try NewsLoader().findingMediaLinks()
    }

    /// This loader, finding the media files Markdown articles name by cmark-gfm's reading of their
    /// links and images (`SourceFileResult.mediaReferences`) unless it has a finder of its own.
    public func findingMediaLinks() -> NewsLoader {
        guard linkFinder == nil else { return self }
        var loader = self
        loader.linkFinder = { body in
            MarkdownRenderer().destinations(body).map { (destination: $0.url, line: $0.line) }
        }
        return loader
    }
}
