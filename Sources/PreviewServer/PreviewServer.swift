import Foundation
import Hummingbird
import Logging
import NIOCore
import NewsLoader
import SiteBuilder
import ServiceLifecycle

/// `unionpress serve`: builds the site into memory, serves it on a local port, watches the sources
/// and reloads open browser tabs when they change.
///
/// Build errors never stop it: the last good site stays served with a banner naming `file:line`,
/// and it recovers by itself once the file is fixed.
public struct PreviewServer: Sendable {
    /// Where to read sources and where to listen.
    public struct Configuration: Sendable {
        /// The source folder.
        public var source: URL
        /// The address to bind; loopback by default.
        public var host: String
        /// The port; 0 picks a free one (the `listening` event names it).
        public var port: Int
        /// Time between scans of the source folder.
        public var pollInterval: Duration

        /// Creates a configuration.
        /// - Parameters:
        ///   - source: the source folder.
        ///   - host: the address to bind.
        ///   - port: the port; 0 for any free port.
        ///   - pollInterval: time between scans of the source folder.
        public init(source: URL, host: String = "127.0.0.1", port: Int = 1313, pollInterval: Duration = .milliseconds(100)) {
            self.source = source
            self.host = host
            self.port = port
            self.pollInterval = pollInterval
        }
    }

    /// The configuration.
    public let configuration: Configuration
    let loader: NewsLoader

    /// Creates a server with the bundled loader data.
    /// - Parameter configuration: sources and address.
    /// - Throws: `PreviewError.loaderSetup` when the loader's bundled tables cannot be read.
    public init(configuration: Configuration) throws(PreviewError) {
        do {
            self.init(configuration: configuration, loader: try NewsLoader.forSite())
        } catch {
            throw .loaderSetup(reason: "\(error)")
        }
    }

    /// Creates a server with a given loader.
    /// - Parameters:
    ///   - configuration: sources and address.
    ///   - loader: the loader to build with.
    public init(configuration: Configuration, loader: NewsLoader) {
        self.configuration = configuration
        self.loader = loader
    }

    /// Builds the site, then serves it until SIGINT or SIGTERM (when `handlingSignals`) or until the
    /// calling task is cancelled; either way it stops within a second.
    /// - Parameters:
    ///   - handlingSignals: stop gracefully on SIGINT and SIGTERM (the CLI); tests cancel the task instead.
    ///   - report: told when the server listens and after every build; called from any thread.
    /// - Throws: `PreviewError.listen` when the address cannot be bound.
    public func run(handlingSignals: Bool = true, report: @escaping @Sendable (PreviewEvent) -> Void) async throws(PreviewError) {
        // A port in use is said at once, not after the site is built.
        if let refusal = PortProbe.refusal(host: configuration.host, port: configuration.port) {
            throw .listen(host: configuration.host, port: configuration.port, reason: refusal)
        }
        let store = SiteStore()
        let hub = ReloadHub()
        let builder = PreviewBuilder(source: configuration.source, loader: loader)
        let watcher = SourceWatcher(root: configuration.source, interval: configuration.pollInterval)
        let baseline = watcher.scan()
        guard let first = await builder.buildWithSearchIndexInBackground() else { return }
        RebuildService.apply(first, trigger: nil, store: store, hub: hub, report: report)

        // Quiet: the CLI prints what matters from `report`, and a failure to listen is thrown.
        var logger = Logger(label: "unionpress.serve")
        logger.logLevel = .critical
        let host = configuration.host
        let app = Application(
            responder: PreviewResponder(store: store, hub: hub),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: "unionpress"),
            onServerRunning: { channel in
                report(.listening(Self.url(host: host, port: channel.localAddress?.port ?? 0)))
            },
            logger: logger
        )
        let rebuild = RebuildService(builder: builder, watcher: watcher, store: store, hub: hub, baseline: baseline, report: report)
        // The rebuild service comes last, so it is shut down first and closes the event streams.
        var group = ServiceGroupConfiguration(
            services: [app, rebuild],
            gracefulShutdownSignals: handlingSignals ? [.sigint, .sigterm] : [],
            logger: logger)
        group.maximumGracefulShutdownDuration = .milliseconds(500)
        do {
            try await ServiceGroup(configuration: group).run()
        } catch {
            throw .listen(host: host, port: configuration.port, reason: PortProbe.reason(for: error, port: configuration.port))
        }
    }

    /// `http://host:port/`, with brackets around an IPv6 address.
    static func url(host: String, port: Int) -> URL {
        let shown = host.contains(":") ? "[\(host)]" : host
        return URL(string: "http://\(shown):\(port)/") ?? URL(fileURLWithPath: "/")
    }
}
