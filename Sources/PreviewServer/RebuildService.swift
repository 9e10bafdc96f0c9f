import Foundation
import NewsModel
import ServiceLifecycle

/// Watches the sources, rebuilds when they change, swaps the new site in and tells the browsers.
///
/// Runs in the server's `ServiceGroup`, after the HTTP server in its list so it is shut down first:
/// closing the event streams lets the server finish its open responses and stop at once.
struct RebuildService: Service {
    let builder: PreviewBuilder
    let watcher: SourceWatcher
    let store: SiteStore
    let hub: ReloadHub
    /// The source tree the current site was built from.
    let baseline: SourceTree
    let report: @Sendable (PreviewEvent) -> Void
    /// Time between keep-alive comments on the event streams.
    var heartbeat: Duration = .seconds(15)

    func run() async throws {
        defer { hub.close() }
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.watchLoop() }
                    group.addTask { await self.heartbeatLoop() }
                    await group.next()
                    group.cancelAll()
                }
            }
        } onGracefulShutdown: {
            hub.close()
        }
    }

    /// Rebuilds after every settled change until cancelled. Changes made during a build are seen by
    /// the next scan, because the baseline is the tree scanned before that build started.
    ///
    /// The pages of a change are published first; the search index then catches up in the background
    /// while watching goes on, and is given up when the next change comes (that change's pages go
    /// first, and its own search index follows).
    private func watchLoop() async {
        var baseline = self.baseline
        var search: (task: Task<Void, Never>, stop: AtomicFlag)?
        defer { search?.task.cancel() }
        while !Task.isCancelled {
            guard let (tree, changes) = try? await watcher.nextChange(after: baseline) else { return }
            baseline = tree
            if let (task, stop) = search {
                stop.set()
                await task.value
                search = nil
            }
            guard let result = await builder.buildInBackground() else { return }
            apply(result, trigger: changes)
            guard case .success = result else { continue }
            let stop = AtomicFlag()
            let (builder, store, hub, report) = (self.builder, self.store, self.hub, self.report)
            let task = Task {
                guard let index = await builder.buildSearchIndexInBackground(stop: stop), !stop.isSet else { return }
                Self.applySearchIndex(index, store: store, hub: hub, report: report)
            }
            search = (task, stop)
        }
    }

    private func heartbeatLoop() async {
        while !Task.isCancelled {
            guard (try? await Task.sleep(for: heartbeat)) != nil else { return }
            hub.ping()
        }
    }

    /// Publishes a build or a failure and notifies the browsers of what changed.
    func apply(_ result: Result<PreviewBuilder.Outcome, PreviewError>, trigger: SourceChanges?) {
        Self.apply(result, trigger: trigger, store: store, hub: hub, report: report)
    }

    /// Publishes the site with its rebuilt search index (reporting only a failure: the build was
    /// reported when its pages were published).
    static func applySearchIndex(_ result: Result<PreviewBuilder.Outcome, PreviewError>, store: SiteStore, hub: ReloadHub,
                                 report: @Sendable (PreviewEvent) -> Void) {
        switch result {
        case .success(let outcome):
            if let change = store.publish(outcome.snapshot) { hub.broadcast(change) }
        case .failure(let failure):
            if let change = store.fail(failure) { hub.broadcast(change) }
            report(.failed(failure, trigger: nil))
        }
    }

    /// Publishes a build or a failure into `store`, notifies `hub`, and reports.
    static func apply(_ result: Result<PreviewBuilder.Outcome, PreviewError>, trigger: SourceChanges?,
                      store: SiteStore, hub: ReloadHub, report: @Sendable (PreviewEvent) -> Void) {
        switch result {
        case .success(let outcome):
            let renamed = Dictionary((trigger?.renamed ?? []).map { ($0.from, $0.to) }, uniquingKeysWith: { first, _ in first })
            let change = store.publish(outcome.snapshot, renamed: renamed)
            if let change { hub.broadcast(change) }
            report(.built(BuildReport(trigger: trigger, articles: outcome.snapshot.articles, files: outcome.files,
                                      changedPages: trigger == nil || change?.all == true ? nil : change?.changed.count ?? 0,
                                      seconds: outcome.seconds, warnings: outcome.snapshot.warnings)))
        case .failure(let failure):
            if let change = store.fail(failure) { hub.broadcast(change) }
            report(.failed(failure, trigger: trigger))
        }
        PreviewBuilder.releaseFreedMemory()
    }
}
