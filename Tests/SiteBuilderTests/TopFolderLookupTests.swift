import Foundation
@testable import SiteBuilder
import Testing

@Suite("looking paths up from the top folder they lie in")
struct TopFolderLookupTests {
    /// An output folder holding `index.html`, `a/x/page.html`, `a/y.html`, `b/z.html` and a link
    /// `c` to the folder `a`.
    private static func output() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("top-lookup-\(UUID().uuidString)")
        for (path, text) in [("index.html", "home"), ("a/x/page.html", "page"), ("a/y.html", "longer text"), ("b/z.html", "z")] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("c"), withDestinationURL: root.appendingPathComponent("a"))
        return root
    }

    /// Calls `body` with a lookup under a new `output()`, removed afterwards.
    private static func withLookup(_ body: (inout TopFolderLookup) throws -> Void) throws {
        let root = try output()
        defer { try? FileManager.default.removeItem(at: root) }
        let descriptor = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var lookup = TopFolderLookup(root: descriptor)
        try body(&lookup)
    }

    @Test("each path's status is its own, across top folders, at the top and at any depth")
    func statusOfEachPath() throws {
        try Self.withLookup { lookup in
            var info = stat()
            // Back and forth between top folders: each switch opens the other.
            for (path, size) in [("a/y.html", 11), ("a/x/page.html", 4), ("b/z.html", 1), ("index.html", 4), ("a/y.html", 11)] {
                #expect(lookup.status(of: path, into: &info), "\(path)")
                #expect(Int(info.st_size) == size, "\(path)")
            }
            #expect(lookup.status(of: "a/x", into: &info) && info.st_mode & S_IFMT == S_IFDIR)
            #expect(lookup.status(of: "c", into: &info) && info.st_mode & S_IFMT == S_IFLNK, "a link at the end is not followed")
        }
    }

    @Test("a missing path, a missing top folder and a top folder that is a link are not found")
    func missingAndLinked() throws {
        try Self.withLookup { lookup in
            var info = stat()
            #expect(!lookup.status(of: "a/missing.html", into: &info))
            #expect(!lookup.status(of: "missing/y.html", into: &info))
            #expect(!lookup.status(of: "c/y.html", into: &info), "the link c leads to a/y.html, but is not followed")
            #expect(lookup.status(of: "a/y.html", into: &info), "found again after the failures")
        }
    }
}

extension TopFolderLookup {
    /// `status(of:into:)` of a path given as text.
    mutating func status(of path: String, into info: inout stat) -> Bool {
        var path = path
        return path.withUTF8 { status(of: $0, into: &info) }
    }
}
