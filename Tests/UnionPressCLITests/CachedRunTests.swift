import Foundation
import Testing

/// The repository's root folder.
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let binary = repositoryRoot.appendingPathComponent(".build/debug/unionpress")

/// Runs `executable` with `arguments` and returns its exit status and what it printed (both streams).
private func runCapturing(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, printed: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let printed = Pipe()
    process.standardOutput = printed
    process.standardError = printed
    try process.run()
    let bytes = printed.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
}

/// How many files a build's summary says it wrote and left unchanged.
private func writtenAndUnchanged(_ summary: String) throws -> (written: Int, unchanged: Int) {
    let match = try #require(summary.firstMatch(of: /\((\d+) written, (\d+) unchanged/), "no summary in: \(summary)")
    return (Int(match.1)!, Int(match.2)!)
}

/// A copy of the program at `binary` in `folder`: a new file, a new inode. With `otherBuildID`,
/// the first byte of its build ID (its `NT_GNU_BUILD_ID` note) is changed, as another build of the
/// program would have it.
private func copiedProgram(into folder: URL, otherBuildID: Bool = false) throws -> URL {
    var bytes = try Data(contentsOf: binary)
    if otherBuildID {
        // The note's header: the name's length (4), the ID's (20), the type (3), then "GNU\0".
        let header = Data([4, 0, 0, 0, 20, 0, 0, 0, 3, 0, 0, 0, 0x47, 0x4E, 0x55, 0])
        let range = try #require(bytes.range(of: header), "the program carries no 20-byte build ID")
        bytes[range.upperBound] ^= 0xFF
    }
    let copy = folder.appendingPathComponent("unionpress")
    try bytes.write(to: copy)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
    return copy
}

/// Runs `tar` with `arguments`.
private func tar(_ arguments: [String]) throws {
    let (status, printed) = try runCapturing(URL(fileURLWithPath: "/usr/bin/tar"), arguments)
    try #require(status == 0, "tar \(arguments): \(printed)")
}

@Suite("A CI run from a cache", .serialized)
struct CachedRunTests {
    @Test("a program and an output restored from archives, on a fresh checkout, continue the site incrementally; another build of the program builds it whole")
    func restoredRun() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let (source, output, cache) = (work.appendingPathComponent("content"), work.appendingPathComponent("public"), work.appendingPathComponent("cache.tar"))
        for number in 0..<40 {
            let text = "---\ntitle: 第\(number)篇报道\ndate: 2023-0\(number % 9 + 1)-1\(number % 10)\nregions: [杭州市]\ntopics: [产改]\n---\n\n"
                + String(repeating: "市总工会为骑手和快递小哥办实事，推进“产改”走深走实。\n\n", count: 4)
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: source.appendingPathComponent("\(number).md"))
        }
        // The first run: the program built, the site built whole, both archived as a cache is.
        let first = try runCapturing(binary, ["build", "--source", source.path, "--output", output.path])
        try #require(first.status == 0, "\(first.printed)")
        let files = try writtenAndUnchanged(first.printed).written
        try tar(["-cf", cache.path, "-C", work.path, "public"])
        try FileManager.default.removeItem(at: output)

        // The next run: a fresh checkout (every source a new file, the same bytes), the output
        // restored from the archive, the program from its own cache (a new file, the same bytes).
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let url = source.appendingPathComponent(name)
            let bytes = try Data(contentsOf: url)
            try FileManager.default.removeItem(at: url)
            try bytes.write(to: url)
        }
        try tar(["-xf", cache.path, "-C", work.path])
        let sameProgram = work.appendingPathComponent("same"), otherProgram = work.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: sameProgram, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: otherProgram, withIntermediateDirectories: true)
        let restored = try runCapturing(try copiedProgram(into: sameProgram), ["build", "--source", source.path, "--output", output.path])
        #expect(restored.status == 0)
        #expect(try writtenAndUnchanged(restored.printed) == (0, files), "nothing written: \(restored.printed)")

        // One story edited: its pages and the lists it is on are written, not the site.
        let edited = source.appendingPathComponent("7.md")
        try (String(decoding: try Data(contentsOf: edited), as: UTF8.self) + "\n补记：第二稿。\n").write(to: edited, atomically: true, encoding: .utf8)
        let update = try runCapturing(try copiedProgram(into: sameProgram), ["build", "--source", source.path, "--output", output.path])
        #expect(update.status == 0)
        let (written, unchanged) = try writtenAndUnchanged(update.printed)
        #expect(written > 0 && written * 4 < files && written + unchanged == files, "\(update.printed)")

        // What the restored runs left is what a whole build of the same sources makes.
        let clean = work.appendingPathComponent("clean")
        try #require(try runCapturing(binary, ["build", "--source", source.path, "--output", clean.path]).status == 0)
        #expect(try snapshot(output) == snapshot(clean))

        // Another build of the program trusts nothing the state says.
        let other = try runCapturing(try copiedProgram(into: otherProgram, otherBuildID: true), ["build", "--source", source.path, "--output", output.path])
        #expect(other.status == 0)
        #expect(try writtenAndUnchanged(other.printed) == (files, 0), "built whole: \(other.printed)")
    }
}
