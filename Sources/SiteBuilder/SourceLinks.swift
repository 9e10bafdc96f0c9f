import MarkdownRendering
import NewsLoader
import NewsModel

/// Leads a Markdown story's references to files of the source folder where the site has them, by
/// addresses relative to the story's page, so the site still works under any path: a media file
/// (`MediaPath`) to its copy, another Markdown story (`../2023/rider.md`) to that story's page.
public struct SourceLinks: Sendable {
    /// The story's source file, relative to the source folder.
    let markdownPath: String
    /// From the story's page to the site's root: `../../` for `articles/<slug>/`.
    let toRoot: String
    /// The page of each Markdown story (`Article.url`) by its source file; empty when no story
    /// links to another.
    let storyPages: [String: String]

    /// The links of `article`'s page.
    /// - Parameter storyPages: the page of each Markdown story by its source file.
    public init(_ article: Article, storyPages: [String: String] = [:]) {
        markdownPath = article.source.file
        toRoot = String(repeating: "../", count: article.url.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
        self.storyPages = storyPages
    }

    /// The address of the copy of the media file, or of the page of the story, that `destination`
    /// names, its query and fragment kept; `nil` when it names none the site has (it is then left
    /// as written).
    @Sendable public func destination(_ destination: String) -> String? {
        guard let target = MediaPath.reference(of: destination, from: markdownPath) else { return nil }
        guard MediaPath.isStory(target.sourcePath) else { return toRoot + target.siteURL }
        return storyPages[target.sourcePath].map { toRoot + $0 + target.suffix }
    }
}

extension NewsLoader {
    /// A loader with the bundled data that finds the media files and stories Markdown articles
    /// name (`findingSourceLinks()`).
    public static func forSite() throws -> NewsLoader {
        try NewsLoader().findingSourceLinks()
    }

    /// This loader, finding the media files and stories Markdown articles name by cmark-gfm's
    /// reading of their links and images (`SourceFileResult.references`) unless it has a finder of
    /// its own.
    public func findingSourceLinks() -> NewsLoader {
        guard linkFinder == nil else { return self }
        var loader = self
        loader.linkFinder = { body in
            MarkdownRenderer().destinations(body).map { (destination: $0.url, line: $0.line, isImage: $0.isImage) }
        }
        return loader
    }
}
