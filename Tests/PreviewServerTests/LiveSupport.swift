import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import PreviewServer

/// A `PreviewServer` running in this process on a real loopback port (port 0: a free one).
final class LiveServer: @unchecked Sendable {
    let url: URL
    private let task: Task<Void, Never>
    private let recorded = EventLog()

    private init(url: URL, task: Task<Void, Never>, events: [PreviewEvent]) {
        self.url = url
        self.task = task
        for event in events { recorded.append(event) }
    }

    /// Builds `folder` and starts serving it; returns once the server listens.
    static func start(_ folder: SourceFolder, pollInterval: Duration = .milliseconds(100)) async throws -> LiveServer {
        let server = PreviewServer(configuration: .init(source: folder.url, host: "127.0.0.1", port: 0, pollInterval: pollInterval),
                                   loader: try SharedLoader.get())
        let (stream, continuation) = AsyncStream.makeStream(of: PreviewEvent.self)
        let task = Task {
            try? await server.run(handlingSignals: false) { continuation.yield($0) }
            continuation.finish()
        }
        let found: (URL, [PreviewEvent])? = try await withTimeout(30, "the server to listen") {
            var seen: [PreviewEvent] = []
            for await event in stream {
                seen.append(event)
                if case .listening(let url) = event { return (url, seen) }
            }
            return nil
        }
        guard let (url, events) = found else {
            task.cancel()
            throw TestFailure("the server stopped before listening")
        }
        let live = LiveServer(url: url, task: task, events: events)
        Task { for await event in stream { live.record(event) } }
        return live
    }

    private func record(_ event: PreviewEvent) { recorded.append(event) }

    /// Everything the server reported so far.
    var events: [PreviewEvent] { recorded.all }

    /// Stops the server (as a cancelled task) and waits, at most `seconds`, for it to finish.
    func stop(within seconds: Double = 5) async throws {
        task.cancel()
        let task = self.task
        try await withTimeout(seconds, "the server to stop") { await task.value }
    }

    /// GETs `path` (site-relative, starting with `/`).
    func get(_ path: String, headers: [(String, String)] = []) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: url.absoluteString.dropLast() + path)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), response.headers, String(buffer: body))
    }

    /// Opens the live-reload event stream.
    func events() async throws -> EventStream {
        let request = HTTPClientRequest(url: url.absoluteString.dropLast() + ReloadScript.eventsPath)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        return EventStream(response: response)
    }
}

/// Reads Server-Sent Events from a response body.
final class EventStream: @unchecked Sendable {
    /// One event: its `event:` name and `data:`.
    struct Event: Sendable {
        var name: String
        var data: String
    }

    let contentType: String?
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var pending = ""

    init(response: HTTPClientResponse) {
        contentType = response.headers.first(name: "content-type")
        iterator = response.body.makeAsyncIterator()
    }

    /// The next event, skipping comments; `nil` when the stream ends.
    func next() async throws -> Event? {
        while true {
            if let end = pending.range(of: "\n\n") {
                let block = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                var name = "message", data: [String] = []
                for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
                }
                if block.hasPrefix(":") { continue }
                return Event(name: name, data: data.joined(separator: "\n"))
            }
            guard let buffer = try await iterator.next() else { return nil }
            pending += String(buffer: buffer)
        }
    }

    /// The next event named `name` within `seconds`.
    func next(named name: String, within seconds: Double) async throws -> Event {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            let remaining = Double((deadline - ContinuousClock.now).components.seconds) + 0.5
            let event = try await withTimeout(remaining, "a `\(name)` event") { [self] in try await self.next() }
            guard let event else { throw TestFailure("the event stream ended") }
            if event.name == name { return event }
        }
        throw TestFailure("no `\(name)` event within \(seconds) s")
    }
}

/// What a server reported, in order, from any thread.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [PreviewEvent] = []

    func append(_ event: PreviewEvent) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }

    /// Everything appended so far.
    var all: [PreviewEvent] {
        lock.lock()
        defer { lock.unlock() }
        return events
    }
}
