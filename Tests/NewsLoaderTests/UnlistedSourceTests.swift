import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import NewsLoader
import Testing

/// Entries of the source folder that look like sources but cannot be read as such stop the load,
/// each named, rather than leave their articles out unsaid.
@Suite("Sources that cannot be listed")
struct UnlistedSourceTests {
    static let article = "---\ntitle: 送清凉\ndate: 2021-05-01\nregions: [杭州市]\n---\n\n杭州市总工会走访一线职工。\n"

    /// The errors of loading `root`; none when it loads.
    static func errors(_ root: URL) -> [LoadDiagnostic] {
        do {
            _ = try sharedLoader.load(source: root)
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }
        }
    }

    @Test("a source or folder whose name is not UTF-8 is an error naming it, its bytes written out")
    func nameNotUTF8() throws {
        let root = try makeSourceTree(["ok.md": Self.article, "sub/ok.md": Self.article])
        defer { try? FileManager.default.removeItem(at: root) }
        // 新闻.md in GBK, then a folder, a picture (a media file, copied into the site) and a file of
        // no source kind, all in GBK too.
        for (bytes, folder) in [([0xD0, 0xC2, 0xCE, 0xC5] + Array(".md".utf8), false), ([0xB8, 0xE5], true),
                                ([0xB8, 0xE6] + Array(".jpg".utf8), false), ([0xB8, 0xE7] + Array(".tmp".utf8), false)] as [([UInt8], Bool)] {
            let path = Array((root.path + "/sub/").utf8) + bytes + [0]
            let made = path.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { name in
                    folder ? mkdir(name.baseAddress!, 0o755) : open(name.baseAddress!, O_CREAT | O_WRONLY, 0o644)
                }
            }
            try #require(made >= 0)
            if !folder { close(made) }
        }
        let errors = Self.errors(root)
        #expect(errors.map(\.file) == ["sub/\\xB8\\xE5", "sub/\\xB8\\xE6.jpg", "sub/\\xD0\\xC2\\xCE\\xC5.md"], "\(errors)")
        #expect(errors.allSatisfy { $0.message.contains("not UTF-8") })
    }

    @Test("a symbolic link named as a source, or leading to a folder, is an error; another link is passed over")
    func symbolicLinks() throws {
        let root = try makeSourceTree(["ok.md": Self.article, "elsewhere/real.md": Self.article, "elsewhere/notes": "笔记"])
        let outside = try makeSourceTree(["shared/a.md": Self.article])
        defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: outside) }
        let links = [("link.md", root.path + "/elsewhere/real.md"), ("gone.md", root.path + "/missing.md"),
                     ("shared", outside.path + "/shared"), ("notes", root.path + "/elsewhere/notes")]
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(atPath: root.path + "/" + name, withDestinationPath: target)
        }
        let errors = Self.errors(root)
        #expect(errors.map(\.file) == ["gone.md", "link.md", "shared"], "\(errors)")
        #expect(errors.allSatisfy { $0.message.contains("symbolic link") })
        // A file system whose folders give no entry kinds (DT_UNKNOWN) gets the same listing.
        let withKinds = try SourceScanner.scan(under: root)
        let withoutKinds = try SourceScanner.scan(under: root, readsEntryKinds: false)
        #expect(withoutKinds.files.map(\.relativePath) == withKinds.files.map(\.relativePath))
        #expect(withoutKinds.files.map(\.relativePath) == ["elsewhere/real.md", "ok.md"])
        #expect(withoutKinds.unlisted.map(\.description) == withKinds.unlisted.map(\.description))
        // Without the links named as sources, or to folders, the folder loads.
        for name in ["link.md", "gone.md", "shared"] { try FileManager.default.removeItem(atPath: root.path + "/" + name) }
        #expect(Self.errors(root) == [])
    }

    @Test("a folder that cannot be read is an error naming it", .enabled(if: getuid() != 0, "permissions do not stop the superuser"))
    func unreadableFolder() throws {
        let root = try makeSourceTree(["ok.md": Self.article, "locked/a.md": Self.article])
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path + "/locked")
            try? FileManager.default.removeItem(at: root)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: root.path + "/locked")
        let errors = Self.errors(root)
        #expect(errors.map(\.file) == ["locked"])
        #expect(errors.first?.message.contains("cannot read the folder") == true)
    }

    @Test("a diagnostic is one line whatever the file's name holds")
    func controlCharactersWrittenOut() {
        let diagnostic = LoadDiagnostic(.error, file: "a\nb.md:5: error: fake.md", line: 2, step: "read", message: "m")
        #expect(diagnostic.description == "a\\x0Ab.md:5: error: fake.md:2: error: [read] m")
        #expect(!diagnostic.description.contains("\n"))
        #expect(LoadDiagnostic(.error, file: "新闻/稿件.md", line: 1, step: "read", message: "m").description == "新闻/稿件.md:1: error: [read] m")
    }
}
