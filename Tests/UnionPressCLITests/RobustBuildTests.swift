import Foundation
import Testing

/// The repository's root folder.
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let binary = repositoryRoot.appendingPathComponent(".build/debug/unionpress")

/// A source tree of `count` Markdown stories.
private func generatedSources(_ count: Int) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-robust-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let body = String(repeating: "杭州市总工会为骑手和快递小哥办实事，推进“产改”走深走实。\n\n", count: 8)
    for number in 0..<count {
        let text = "---\ntitle: 第\(number)篇报道\ndate: 2023-0\(number % 9 + 1)-1\(number % 10)\nregions: [杭州市]\ntopics: [产改]\n---\n\n\(body)"
        try Data(text.utf8).write(to: root.appendingPathComponent("\(number).md"))
    }
    return root
}

/// Every file of the site under `folder` with its bytes, by relative path; the build's own
/// bookkeeping at the top (`.unionpress-*`) is not part of the site.
func snapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
    for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        let path = String(url.path.dropFirst(folder.path.count))
        if path.hasPrefix("/.unionpress-") { continue }
        files[path] = try Data(contentsOf: url)
    }
    return files
}

private func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

@Suite("Builds that can be trusted", .serialized)
struct RobustBuildTests {
    @Test("a build killed with SIGKILL mid-way leaves the previous site complete and unchanged")
    func killedBuild() throws {
        let source = try generatedSources(1500)
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("public")
        #expect(try run(binary.path, ["build", "--source", source.path, "--output", output.path]) == 0)
        let before = try snapshot(output)
        #expect(before.count > 1500)

        // Change every story, then kill the rebuild while it is writing.
        for number in 0..<1500 {
            let url = source.appendingPathComponent("\(number).md")
            try (String(decoding: try Data(contentsOf: url), as: UTF8.self) + "\n补记：第二稿。\n").write(to: url, atomically: true, encoding: .utf8)
        }
        // Kill it once it has started writing its staging folder beside the output.
        let process = Process()
        process.executableURL = binary
        process.arguments = ["build", "--source", source.path, "--output", output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var killedMidway = false
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline {
            // The staging folder by its name: the lock file (`.public.lock`) and, once the new site is
            // swapped in, the old one (`.public.old-…`) stand beside the output too.
            let staging = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".public.staging-") }
            let written = staging.first.map { (try? FileManager.default.contentsOfDirectory(atPath: parent.appendingPathComponent($0).path).count) ?? 0 } ?? 0
            if written > 1 {
                kill(process.processIdentifier, SIGKILL)
                killedMidway = true
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        try #require(killedMidway, "the rebuild finished before it could be killed")
        #expect(try snapshot(output) == before, "the previous site is complete and unchanged")
        // The next build completes and replaces the site.
        #expect(try run(binary.path, ["build", "--source", source.path, "--output", output.path]) == 0)
        #expect(try snapshot(output) != before)
    }

    @Test("one core or all cores, the same sources give byte-identical output")
    func sameBytesOnAnyNumberOfCores() throws {
        let taskset = "/usr/bin/taskset"
        try #require(FileManager.default.isExecutableFile(atPath: taskset), "taskset (util-linux) pins the build to one core")
        let source = try generatedSources(300)
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-cores-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: source); try? FileManager.default.removeItem(at: parent) }
        let one = parent.appendingPathComponent("one"), all = parent.appendingPathComponent("all")
        #expect(try run(taskset, ["-c", "0", binary.path, "build", "--source", source.path, "--output", one.path]) == 0)
        #expect(try run(binary.path, ["build", "--source", source.path, "--output", all.path]) == 0)
        let first = try snapshot(one), second = try snapshot(all)
        #expect(first.count > 300)
        #expect(first == second)
    }
}
