#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Whether the preview can listen on its address, asked before the site is built (building a large
/// archive takes a while, and a port in use is the usual reason a preview cannot start), and the
/// reason given in words an editor can act on.
enum PortProbe {
    /// The reason `host:port` cannot be listened on now, or `nil` when it can (or cannot be asked:
    /// port 0 takes any free port, and a name that does not resolve is left to the server to report).
    static func refusal(host: String, port: Int) -> String? {
        guard port > 0 else { return nil }
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let address = found else { return nil }
        defer { freeaddrinfo(found) }
        let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // As the server binds: a port left in TIME_WAIT by an earlier preview is free to take.
        var on: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) != 0 else { return nil }
        return reason(errno: errno, port: port)
    }

    /// What the server's failure to listen means, in words: the system's for the error number, and
    /// what to do about the usual ones.
    static func reason(for error: any Error, port: Int) -> String {
        if let error = error as? IOError { return reason(errno: error.errnoCode, port: port) }
        return "\(error)"
    }

    /// The system's words for `errno`, and what to do about a port in use or one only the
    /// superuser may take.
    static func reason(errno code: Int32, port: Int) -> String {
        let system = String(cString: strerror(code))
        switch code {
        case EADDRINUSE: return "\(system): another program listens on port \(port); stop it or choose another port with --port"
        case EACCES: return "\(system): port \(port) is reserved for the superuser; choose one above 1023 with --port"
        case EADDRNOTAVAIL: return "\(system): this machine has no such address; use --host 127.0.0.1"
        default: return system
        }
    }
}
