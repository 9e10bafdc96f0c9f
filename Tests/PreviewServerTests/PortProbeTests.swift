import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import PreviewServer
import Testing

/// A preview that cannot listen says why at once, in words an editor can act on.
@Suite("A port that cannot be listened on")
struct PortProbeTests {
    /// A socket listening on a free loopback port, and that port.
    static func occupiedPort() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        try #require(bound)
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test("a port another program listens on is refused before the site is built, saying what to do")
    func portInUse() async throws {
        let (descriptor, port) = try Self.occupiedPort()
        defer { close(descriptor) }
        #expect(PortProbe.refusal(host: "127.0.0.1", port: port)?.contains("choose another port with --port") == true)
        // The source folder does not exist: refused before any build would have said so.
        let server = PreviewServer(configuration: .init(source: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"),
                                                        host: "127.0.0.1", port: port, pollInterval: .milliseconds(100)),
                                   loader: try SharedLoader.get())
        let events = EventLog()
        do {
            try await server.run(handlingSignals: false) { events.append($0) }
            Issue.record("the preview ran on a port in use")
        } catch {
            #expect(events.all.isEmpty, "refused before anything was built: \(events.all)")
            guard case .listen(_, let refusedPort, let reason) = error else {
                Issue.record("expected a refusal to listen, got \(error)")
                return
            }
            #expect(refusedPort == port)
            #expect(reason.hasPrefix(String(cString: strerror(EADDRINUSE))), "\(reason)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("a free port, and port 0 (any free one), are not refused")
    func freePort() throws {
        let (descriptor, port) = try Self.occupiedPort()
        close(descriptor)
        #expect(PortProbe.refusal(host: "127.0.0.1", port: port) == nil)
        #expect(PortProbe.refusal(host: "127.0.0.1", port: 0) == nil)
    }
}
