import Foundation
@testable import SiteBuilder
import Testing

extension StateBytes {
    /// A copy of these bytes.
    func copied() -> [UInt8] { withUInt8Buffer { Array($0) } }
}

/// A build state read by mapping its file into memory.
@Suite("The state's bytes, mapped from its file")
struct StateBytesTests {
    /// A file in a new temporary folder holding `bytes`; the folder is the caller's to remove.
    static func file(holding bytes: [UInt8]) throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-state-bytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("state")
        try Data(bytes).write(to: file)
        return (folder, file.path)
    }

    @Test("a mapped file reads as its bytes, and a part of it as those bytes, after the whole is gone")
    func mappedBytes() throws {
        let contents = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let (folder, path) = try Self.file(holding: contents)
        defer { try? FileManager.default.removeItem(at: folder) }

        var part: StateBytes?
        do {
            let whole = try #require(StateBytes(mappingFileAt: path))
            #expect(whole.copied() == contents)
            part = whole[5_000..<13_000]
        }
        // The part keeps the mapping: the whole it was cut from is gone.
        #expect(try #require(part).copied() == Array(contents[5_000..<13_000]))
        var reader = StateReader(try #require(part))
        #expect(try reader.raw(3).count == 3)
        #expect(try reader.raw(2).copied() == Array(contents[5_003..<5_005]))
    }

    @Test("a file is read whole, through a link too; an empty file is empty; a missing file and a folder are not read")
    func readsWhole() throws {
        let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        let (folder, path) = try Self.file(holding: large)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("empty"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "state")
        #expect(try #require(StateBytes(mappingFileAt: path)).copied() == large)
        #expect(try #require(StateBytes(mappingFileAt: folder.appendingPathComponent("empty").path)).count == 0)
        #expect(StateBytes(mappingFileAt: folder.appendingPathComponent("missing").path) == nil)
        #expect(StateBytes(mappingFileAt: folder.path) == nil)
        #expect(try #require(StateBytes(mappingFileAt: folder.appendingPathComponent("link").path)).copied() == large,
                "a link to a file reads the file, as the state file's reader always did")
    }

    @Test("many files mapped at once all read (past the mappings the fault handler knows, a file is read)")
    func manyAtOnce() throws {
        let contents = Array("状态".utf8) + Array(repeating: 1, count: 9_000)
        let (folder, path) = try Self.file(holding: contents)
        defer { try? FileManager.default.removeItem(at: folder) }
        let all = (0..<40).compactMap { _ in StateBytes(mappingFileAt: path) }
        #expect(all.count == 40)
        #expect(all.allSatisfy { $0.copied() == contents })
    }

    @Test("a mapped file cut short while it is read ends the process with exit status 1 and a message naming it")
    func cutShortWhileMapped() async throws {
        let result = try await #require(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-cut-short-\(getpid())").path
            let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
            guard descriptor >= 0 else { exit(2) }
            let page = [UInt8](repeating: 7, count: 4096)
            for _ in 0..<4 { guard write(descriptor, page, page.count) == page.count else { exit(3) } }
            guard let bytes = StateBytes(mappingFileAt: path) else { exit(4) }
            // Another program cuts the file short; the page read next is no longer the file's.
            unlink(path)
            guard ftruncate(descriptor, 0) == 0 else { exit(5) }
            exit(bytes.withUInt8Buffer { $0[3 * 4096 + 1] } == 7 ? 6 : 7)
        }
        let message = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(message.contains("unionpress-cut-short-"))
        #expect(message.contains(": error: [read] the file was cut short while it was read"))
    }

    @Test("a SIGBUS sent by a program while a file is mapped is not taken for the file's fault: it ends the process as before")
    func sentSignalPassesOn() async throws {
        await #expect(processExitsWith: .signal(SIGBUS)) {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-sent-signal-\(getpid())").path
            let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
            guard descriptor >= 0 else { exit(2) }
            let page = [UInt8](repeating: 7, count: 4096)
            guard write(descriptor, page, page.count) == page.count else { exit(3) }
            guard let bytes = StateBytes(mappingFileAt: path) else { exit(4) }
            unlink(path)
            raise(SIGBUS)
            exit(bytes.withUInt8Buffer { $0[0] } == 7 ? 0 : 5)
        }
    }
}
