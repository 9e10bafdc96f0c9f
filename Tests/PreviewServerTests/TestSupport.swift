import Foundation
import NewsLoader
@testable import PreviewServer

/// A source folder built in a temporary directory from pages composed for the test.
final class SourceFolder: @unchecked Sendable {
    let url: URL

    /// Creates an empty folder, then writes `files` (relative path → contents) into it.
    init(_ files: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("unionpress-preview-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    /// Writes a file (creating folders).
    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file, options: .atomic)
    }

    /// Reads a file back.
    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(path)), as: UTF8.self)
    }

    /// Removes the folder and everything in it.
    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Markdown articles in the editors' format, composed for the tests (no seed text).
enum Compose {
    /// One article with front matter.
    static func article(title: String, body: String, date: String = "2023-05-08", regions: String = "[杭州市, 萧山区]",
                        topics: String = "[建会入会]", reporters: String = "[周晓雯]") -> String {
        """
        ---
        title: \(title)
        date: \(date)
        regions: \(regions)
        topics: \(topics)
        reporters: \(reporters)
        ---

        \(body)

        """
    }

    /// A small site: two articles.
    static var site: [String: String] {
        [
            "news/rider.md": article(title: "快递小哥入会有了新通道", body: "区总工会在驿站设立服务点，快递员扫码即可入会。\n\n首批有一百二十名快递员入会。"),
            "news/skills.md": article(title: "电工技能比武在滨江举行", body: "来自二十家企业的六十名电工同台竞技。", regions: "[杭州市, 滨江区]", topics: "[技能竞赛]"),
        ]
    }
}

/// The loader, made once: reading its bundled tables is the slow part of a small build.
enum SharedLoader {
    private static let made = Result { try NewsLoader() }
    static func get() throws -> NewsLoader { try made.get() }
}

/// Errors the helpers throw.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `operation`, failing with `TestFailure` when it takes longer than `seconds`.
func withTimeout<T: Sendable>(_ seconds: Double, _ what: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw TestFailure("timed out after \(seconds) s: \(what)")
        }
        return value
    }
}

/// Polls `condition` every 50 ms until it is true or `seconds` pass.
/// - Returns: whether it became true.
func eventually(within seconds: Double, _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}

/// Builds `folder` into a fresh store, as the server does at start.
func builtStore(_ folder: SourceFolder) throws -> (SiteStore, ReloadHub) {
    let store = SiteStore()
    let result = PreviewBuilder(source: folder.url, loader: try SharedLoader.get()).buildWithSearchIndex()
    guard case .success(let outcome) = result else { throw TestFailure("the fixture does not build: \(result)") }
    store.publish(outcome.snapshot)
    return (store, ReloadHub())
}
