import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NewsLoader
import NewsModel
import SiteBuilder

/// Builds the site into memory — the same loader and renderer as `unionpress build`, with the
/// build's state kept in memory (`MemoryBuild`) — and prepares it for serving. After the first build
/// only what changed is read, rendered and prepared again: the pages first, then, in a second step,
/// the search index, so an edit shows before the index catches up.
final class PreviewBuilder: @unchecked Sendable {
    /// A build that succeeded.
    struct Outcome: Sendable {
        /// The site, ready to serve.
        var snapshot: SiteSnapshot
        /// Files of the site.
        var files: Int
        /// Wall-clock seconds the build took.
        var seconds: Double
    }

    /// The source folder.
    let source: URL
    /// The loader; made once, since reading its bundled tables costs more than loading the seeds.
    let loader: NewsLoader
    private let memory: MemoryBuild
    /// The last snapshot made, whose prepared files the next one reuses. Only touched on `queue`.
    private var last: SiteSnapshot?

    init(source: URL, loader: NewsLoader) {
        self.source = source
        self.loader = loader
        memory = MemoryBuild(site: Site(loader: loader), source: source)
    }

    /// Loads what changed and renders the pages whose inputs changed, synchronously; the search
    /// index stays as it was until `buildSearchIndex()`.
    func build() -> Result<Outcome, PreviewError> {
        let started = DispatchTime.now()
        do {
            return .success(outcome(try memory.update(), started: started))
        } catch {
            return .failure(Self.failure(error))
        }
    }

    /// `build()`, then `buildSearchIndex()`: the whole site, for the first build.
    func buildWithSearchIndex() -> Result<Outcome, PreviewError> {
        let pages = build()
        guard case .success = pages, let complete = buildSearchIndex() else { return pages }
        return complete
    }

    /// Rebuilds the search index for the last `build()`, synchronously.
    /// - Parameter stop: when set, the work is given up (a newer edit goes first).
    /// - Returns: `nil` when there was nothing to finish or it was given up.
    func buildSearchIndex(stop: AtomicFlag = AtomicFlag()) -> Result<Outcome, PreviewError>? {
        let started = DispatchTime.now()
        do {
            guard let update = try memory.updateSearchIndex(stop: { stop.isSet }) else { return nil }
            return .success(outcome(update, started: started))
        } catch {
            return .failure(Self.failure(error))
        }
    }

    private func outcome(_ update: MemoryBuild.Update, started: DispatchTime) -> Outcome {
        var pagesBySource: [String: String] = [:]
        var storiesInFile: [String: Int] = [:]
        for article in update.articles.sorted(by: { ($0.source.file, $0.source.firstLine) < ($1.source.file, $1.source.firstLine) }) {
            let ordinal = storiesInFile[article.source.file, default: 0]
            storiesInFile[article.source.file] = ordinal + 1
            pagesBySource["\(article.source.file)#\(ordinal)"] = article.url + "index.html"
        }
        let media = update.media.mapValues { ServedMedia(file: $0.source.path, contentHash: $0.contentHash) }
        let snapshot = SiteSnapshot(output: update.files, media: media, articles: update.articles.count, pagesBySource: pagesBySource,
                                    warnings: update.warnings, previous: update.changed == nil ? nil : last, changed: update.changed ?? [])
        last = snapshot
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return Outcome(snapshot: snapshot, files: update.files.count + update.media.count, seconds: seconds)
    }

    private static func failure(_ error: BuildError) -> PreviewError {
        switch error {
        case .load(let failure): return .sources(failure.errors + failure.diagnostics.filter { $0.severity != .error })
        default: return .render(reason: "\(error)")
        }
    }

    /// Runs `build()` on the build queue, off Swift's cooperative pool (a build blocks its thread
    /// for as long as it takes).
    /// - Returns: the result, or `nil` when the calling task is cancelled first; a build already
    ///   under way then finishes in the background and its result is dropped.
    func buildInBackground() async -> Result<Outcome, PreviewError>? {
        await BackgroundWork.run(on: Self.queue) { self.build() }
    }

    /// Runs `buildWithSearchIndex()` on the build queue.
    func buildWithSearchIndexInBackground() async -> Result<Outcome, PreviewError>? {
        await BackgroundWork.run(on: Self.queue) { self.buildWithSearchIndex() }
    }

    /// Runs `buildSearchIndex(stop:)` on the build queue.
    /// - Returns: its result, or `nil` when cancelled, given up or when there was nothing to finish.
    func buildSearchIndexInBackground(stop: AtomicFlag) async -> Result<Outcome, PreviewError>? {
        await BackgroundWork.run(on: Self.queue) { self.buildSearchIndex(stop: stop) } ?? nil
    }

    /// One serial queue, so builds never overlap, even one abandoned at shutdown.
    static let queue = DispatchQueue(label: "unionpress.preview.build", qos: .userInitiated)

    /// Asks the allocator to hand the memory a build freed (the loader's and renderer's working data,
    /// the replaced site) back to the system, on the build queue. With glibc's allocator, which kept
    /// it otherwise, a 3,000-article preview sat at 670 MB instead of 260 MB, and a bigger process
    /// also takes longer to exit; with mimalloc, a 2,000-article preview measured 242 MB after its
    /// first build (225 MB with glibc's), 285 MB once its memory came in 2 MiB pages (see
    /// Sources/unionpress/main.swift); how much of that `mi_collect` returns is not measured.
    static func releaseFreedMemory() {
        guard let trim = mallocTrim else { return }
        queue.async { trim() }
    }

    /// The allocator's call that returns freed memory, looked up at run time: mimalloc's
    /// `mi_collect(true)` in the program (which links it), else glibc's `malloc_trim(0)` (Swift's
    /// Glibc module declares neither); other C libraries (musl, Darwin) have neither — there this is
    /// `nil` and nothing is trimmed.
    private static let mallocTrim: (@Sendable () -> Void)? = {
        #if canImport(Glibc)
        let program = dlopen(nil, RTLD_NOW)
        if let symbol = dlsym(program, "mi_collect") {
            let collect = unsafeBitCast(symbol, to: (@convention(c) (Bool) -> Void).self)
            return { collect(true) }
        }
        guard let symbol = dlsym(program, "malloc_trim") else { return nil }
        let trim = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        return { _ = trim(0) }
        #else
        return nil
        #endif
    }()
}

/// Awaits synchronous work run on a dispatch queue, giving up (not waiting) when cancelled.
enum BackgroundWork {
    /// Runs `work` on `queue`.
    /// - Returns: its result, or `nil` if the task was cancelled before the work finished.
    static func run<Value: Sendable>(on queue: DispatchQueue, _ work: @escaping @Sendable () -> Value) async -> Value? {
        let slot = ResumeOnce<Value?>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                slot.attach(continuation)
                queue.async {
                    guard !slot.isResolved else { return }
                    slot.resume(work())
                }
            }
        } onCancel: {
            slot.resume(nil)
        }
    }
}

/// A continuation resumed exactly once, by whichever of work or cancellation comes first — even
/// when cancellation comes before the continuation exists.
private final class ResumeOnce<Value: Sendable>: @unchecked Sendable {
    private enum State {
        case pending(CheckedContinuation<Value, Never>?)
        case resolvedEarly(Value)
        case done
    }

    private let lock = NSLock()
    private var state = State.pending(nil)

    var isResolved: Bool {
        lock.lock()
        defer { lock.unlock() }
        if case .pending = state { return false }
        return true
    }

    func attach(_ continuation: CheckedContinuation<Value, Never>) {
        lock.lock()
        switch state {
        case .pending:
            state = .pending(continuation)
            lock.unlock()
        case .resolvedEarly(let value):
            state = .done
            lock.unlock()
            continuation.resume(returning: value)
        case .done:
            lock.unlock()
        }
    }

    func resume(_ value: Value) {
        lock.lock()
        guard case .pending(let waiting) = state else {
            lock.unlock()
            return
        }
        if let waiting {
            state = .done
            lock.unlock()
            waiting.resume(returning: value)
        } else {
            state = .resolvedEarly(value)
            lock.unlock()
        }
    }
}
