import Foundation
@testable import NewsLoader
import NewsModel

/// The repository's root folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// One loader for all tests: the bundled data is read once.
let sharedLoader: NewsLoader = {
    do { return try NewsLoader() } catch { fatalError("bundled data does not load: \(error)") }
}()

/// A temporary source folder holding `files` (relative path → text), removed by the caller.
func makeSourceTree(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-test-\(UUID().uuidString)")
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return root
}

/// Reads one page with the loader's conventions (gazetteer names included, no cross-page banners).
func readPage(_ text: String, file: String = "page.txt") -> PageDump {
    var conventions = sharedLoader.taxonomy.conventions
    conventions.placeNames = Set(sharedLoader.gazetteer.places.flatMap { [$0.name, $0.short] }.filter { $0.count >= 2 })
    return PageDumpReader(conventions: conventions).read(text, file: file)
}

extension Article {
    /// Paragraph texts only.
    var paragraphs: [String] {
        guard case .blocks(let blocks) = body else { return [] }
        return blocks.compactMap { if case .paragraph(let text) = $0 { text } else { nil } }
    }

    /// Subheading texts.
    var subheadings: [String] {
        guard case .blocks(let blocks) = body else { return [] }
        return blocks.compactMap { if case .subheading(let text) = $0 { text } else { nil } }
    }

    /// Caption texts.
    var captions: [String] {
        guard case .blocks(let blocks) = body else { return [] }
        return blocks.compactMap { if case .caption(let text) = $0 { text } else { nil } }
    }

    /// All body text.
    var bodyText: String {
        switch body {
        case .markdown(let text): return text
        case .blocks(let blocks): return blocks.map(\.text).joined(separator: "\n")
        }
    }
}
