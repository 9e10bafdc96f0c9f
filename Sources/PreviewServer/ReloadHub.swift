import Foundation

/// Fans site changes out to every open browser tab as Server-Sent Events.
///
/// Each `/__unionpress/events` connection subscribes and receives ready-to-write SSE messages.
/// Closing the hub (on shutdown) ends every stream, so no open tab holds the server up.
final class ReloadHub: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextID = 0
    private var closed = false

    /// Creates a hub with no subscribers.
    init() {}

    /// A stream of SSE messages for one connection; it ends when the hub closes.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(32))
        lock.lock()
        if closed {
            lock.unlock()
            continuation.finish()
            return stream
        }
        let id = nextID
        nextID += 1
        subscribers[id] = continuation
        lock.unlock()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return stream
    }

    /// Open streams.
    var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    /// Tells every tab what changed.
    func broadcast(_ change: SiteChange) { send(Self.message(change)) }

    /// A comment line, so connections that went away are noticed and proxies keep the stream open.
    func ping() { send(": ping\n\n") }

    /// Ends every stream; later subscribers get a stream that ends at once.
    func close() {
        lock.lock()
        closed = true
        let all = subscribers.values
        subscribers.removeAll()
        lock.unlock()
        for continuation in all { continuation.finish() }
    }

    private func send(_ message: String) {
        lock.lock()
        let all = Array(subscribers.values)
        lock.unlock()
        for continuation in all { continuation.yield(message) }
    }

    private func remove(_ id: Int) {
        lock.lock()
        subscribers[id] = nil
        lock.unlock()
    }

    /// The first message of a stream: how long to wait before reconnecting, and the current version.
    static func hello(version: String) -> String { "retry: 1000\nevent: hello\ndata: \(version)\n\n" }

    /// A `change` event: `{"all":…,"changed":[…],"moved":{…},"version":…,"warnings":…}` on one `data:` line.
    static func message(_ change: SiteChange) -> String {
        struct Payload: Encodable {
            var all: Bool
            var changed: [String]
            var moved: [String: String]
            var version: String
            var warnings: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // JSON without pretty-printing has no raw newlines, so it fits one `data:` line.
        let json = (try? encoder.encode(Payload(all: change.all, changed: change.changed, moved: change.moved, version: change.version,
                                                   warnings: change.warnings)))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{\"all\":true,\"changed\":[],\"moved\":{},\"version\":\"\",\"warnings\":\"\"}"
        return "event: change\ndata: \(json)\n\n"
    }
}
