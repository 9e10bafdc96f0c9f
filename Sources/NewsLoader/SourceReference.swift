#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the link and image destinations of a Markdown body, each with the 1-based line of the
/// body it is on and whether it is an image: the Markdown parser's reading, given to the loader by
/// whoever has the parser.
public typealias MarkdownLinkFinder = @Sendable (String) -> [(destination: String, line: Int, isImage: Bool)]

/// A Markdown article's link or image that names a file of the source folder
/// (`MediaPath.reference(of:from:)`): a media file, or another Markdown story.
public struct SourceReference: Sendable, Hashable {
    /// The file's path under the source folder.
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

    /// Whether it names a Markdown story rather than a media file.
    public var isStory: Bool { MediaPath.isStory(sourcePath) }

    /// The references to media files and stories among the links and images of `body`, the
    /// Markdown body of `file` that begins on line `bodyLine` of it, in document order; and a
    /// warning for each that names a file of the source folder of a kind the site does not publish
    /// (not `MediaPath.isPublished`), which the page would link to in vain; and whether the body
    /// shows a picture at all (any image, wherever it is).
    static func all(in body: String, bodyLine: Int, file: String,
                    finder: MarkdownLinkFinder) -> (references: [SourceReference], unpublished: [LoadDiagnostic], hasImage: Bool) {
        var references: [SourceReference] = []
        var unpublished: [LoadDiagnostic] = []
        let destinations = finder(body)
        for found in destinations {
            // Resolved once, then sorted by kind (`MediaPath.reference(of:from:)` is the first case).
            guard let target = MediaPath.sourceFile(named: found.destination, from: file) else { continue }
            let line = bodyLine + found.line - 1
            if MediaPath.isPublished(target.sourcePath) {
                references.append(SourceReference(sourcePath: target.sourcePath, written: found.destination, file: file, line: line))
            } else {
                let named = found.destination == target.sourcePath ? "“\(found.destination)” is" : "“\(found.destination)” names \(target.sourcePath), which is"
                unpublished.append(LoadDiagnostic(.warning, file: file, line: line, step: "link", message: """
                    \(named) no file the site publishes (of the files a relative address names, it publishes \
                    pictures, documents, sound, film and stories): the page would link to nothing
                    """))
            }
        }
        return (references, unpublished, destinations.contains(where: \.isImage))
    }

    /// The files among `media` that one of `references` names, in their order. Names are compared
    /// by their bytes (see `missing(_:among:)`).
    static func named(by references: [SourceReference], among media: [SourceFile]) -> [SourceFile] {
        guard !references.isEmpty, !media.isEmpty else { return [] }
        let named = Set(references.lazy.filter { !$0.isStory }.map { Array($0.sourcePath.utf8) })
        return media.filter { named.contains(Array($0.relativePath.utf8)) }
    }

    /// The warnings for the references among `references` to media files that are not among
    /// `media`, and to stories whose files are not among `stories` (the source files of the load's
    /// articles). Media names are compared by their bytes, as the file system and a web server
    /// compare them: `é` written as one character is not the `e` and accent a file may be named
    /// with. A story is found as Swift compares text: its link leads to the story's page, and no
    /// server compares the name.
    static func missing(_ references: [SourceReference], among media: [SourceFile], stories: @autoclosure () -> Set<String>,
                        failed: @autoclosure () -> Set<String> = []) -> [LoadDiagnostic] {
        guard !references.isEmpty else { return [] }
        let listed = Set(media.map { Array($0.relativePath.utf8) })
        let storyFiles = references.contains(where: \.isStory) ? stories() : []
        let missing = references.filter { $0.isStory ? !storyFiles.contains($0.sourcePath) : !listed.contains(Array($0.sourcePath.utf8)) }
        guard missing.contains(where: \.isStory) else { return missing.map(\.missing) }
        // A story file that is there but stopped with an error: that error is the one to fix.
        let failedFiles = failed()
        return missing.map { $0.isStory && failedFiles.contains($0.sourcePath) ? $0.failedToLoad : $0.missing }
    }

    /// The warning for a link to a story file that is there but did not load (its error is told too).
    var failedToLoad: LoadDiagnostic {
        let named = written == sourcePath ? "“\(written)”" : "“\(written)” (\(sourcePath))"
        return LoadDiagnostic(.warning, file: file, line: line, step: "link",
                              message: "\(named) did not load (see its error): the link leads nowhere until it does")
    }

    /// An error for each of `media` that cannot be read: found as the sources are loaded, so that
    /// `check` finds it too, and a build stops before it renders anything.
    static func unreadable(_ media: [SourceFile]) -> [LoadDiagnostic] {
        media.compactMap { file in
            guard access(file.path, R_OK) != 0 else { return nil }
            let reason = String(cString: strerror(errno))
            return LoadDiagnostic(.error, file: file.relativePath, line: nil, step: "read", message: "cannot read the file: \(reason)")
        }
    }

    /// The warning for a reference whose file the source folder lacks: the page would show a
    /// broken picture or link.
    var missing: LoadDiagnostic {
        let named = written == sourcePath ? "“\(written)” is" : "“\(written)” names \(sourcePath), which is"
        let (step, outcome) = isStory ? ("link", "the link would lead nowhere") : ("media", "the page would show it missing")
        // The listing passes over hidden files and folders (an editor's swap files, `.git`), so one
        // may well be there: say why it is not published rather than that it is not there.
        let hidden = sourcePath.split(separator: "/").contains { $0.hasPrefix(".") }
        return LoadDiagnostic(.warning, file: file, line: line, step: step, message: hidden
            ? "\(named) hidden (a name starting with “.”), and hidden files are not published: \(outcome); rename it"
            : "\(named) \(isStory ? "no story" : "not") in the source folder: \(outcome)")
    }
}
