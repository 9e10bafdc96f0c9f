/// Finds the link and image destinations of a Markdown body, each with the 1-based line of the
/// body it is on: the Markdown parser's reading, given to the loader by whoever has the parser.
public typealias MarkdownLinkFinder = @Sendable (String) -> [(destination: String, line: Int)]

/// A Markdown article's link or image that names a media file of the source folder (`MediaPath`).
public struct MediaReference: Sendable, Hashable {
    /// The media file's path under the source folder.
    public var sourcePath: String
    /// The destination as the article writes it.
    public var written: String
    /// The article's file, relative to the source folder.
    public var file: String
    /// The line of the file the reference is on.
    public var line: Int

    /// Creates a reference.
    public init(sourcePath: String, written: String, file: String, line: Int) {
        self.sourcePath = sourcePath
        self.written = written
        self.file = file
        self.line = line
    }

    /// The references to media files among the links and images of `body`, the Markdown body of
    /// `file` that begins on line `bodyLine` of it, in document order.
    static func all(in body: String, bodyLine: Int, file: String, finder: MarkdownLinkFinder) -> [MediaReference] {
        finder(body).compactMap { found in
            MediaPath.target(of: found.destination, from: file).map {
                MediaReference(sourcePath: $0.sourcePath, written: found.destination, file: file, line: bodyLine + found.line - 1)
            }
        }
    }

    /// The warning for a reference whose file the source folder lacks: the page would show a
    /// broken picture or link.
    var missing: LoadDiagnostic {
        let named = written == sourcePath ? "“\(written)” is" : "“\(written)” names \(sourcePath), which is"
        return LoadDiagnostic(.warning, file: file, line: line, step: "media",
                              message: "\(named) not in the source folder: the page would show it missing")
    }
}
