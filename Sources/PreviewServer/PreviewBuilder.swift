import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NewsLoader
import SiteBuilder

/// Builds the whole site into memory — the same loader and renderer as `unionpress build`, with a
/// `MemoryOutput` instead of the disk — and prepares it for serving.
struct PreviewBuilder: Sendable {
    /// A build that succeeded.
    struct Outcome: Sendable {
        /// The site, ready to serve.
        var snapshot: SiteSnapshot
        /// Files the renderer wrote.
        var files: Int
        /// The loader's warnings.
        var warnings: [LoadDiagnostic]
        /// Wall-clock seconds the build took.
        var seconds: Double
    }

    /// The source folder.
    let source: URL
    /// The loader; made once, since reading its bundled tables costs more than loading the seeds.
    let loader: NewsLoader

    /// Loads and renders everything, synchronously.
    func build() -> Result<Outcome, PreviewError> {
        let started = DispatchTime.now()
        let loaded: LoadedSources
        do {
            loaded = try loader.load(source: source)
        } catch {
            return .failure(.sources(error.errors + error.diagnostics.filter { $0.severity != .error }))
        }
        let output = MemoryOutput()
        let summary: SiteRenderer.Summary
        do {
            summary = try SiteRenderer(site: Site.defaultInfo).render(loaded.articles, into: output)
        } catch {
            return .failure(.render(reason: "\(error)"))
        }
        var pagesBySource: [String: String] = [:]
        var storiesInFile: [String: Int] = [:]
        for article in loaded.articles {
            let ordinal = storiesInFile[article.source.file, default: 0]
            storiesInFile[article.source.file] = ordinal + 1
            pagesBySource["\(article.source.file)#\(ordinal)"] = article.url + "index.html"
        }
        let snapshot = SiteSnapshot(output: output.snapshot, articles: summary.articles, pagesBySource: pagesBySource)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return .success(Outcome(snapshot: snapshot, files: summary.files, warnings: loaded.diagnostics, seconds: seconds))
    }

    /// Runs `build()` on the build queue, off Swift's cooperative pool (a build blocks its thread
    /// for as long as it takes).
    /// - Returns: the result, or `nil` when the calling task is cancelled first; a build already
    ///   under way then finishes in the background and its result is dropped.
    func buildInBackground() async -> Result<Outcome, PreviewError>? {
        await BackgroundWork.run(on: Self.queue) { self.build() }
    }

    /// One serial queue, so builds never overlap, even one abandoned at shutdown.
    static let queue = DispatchQueue(label: "unionpress.preview.build", qos: .userInitiated)

    /// Hands the memory a build freed (the loader's and renderer's working data, the replaced site)
    /// back to the system, on the build queue. glibc keeps freed heap otherwise: a 3,000-article
    /// preview sat at 670 MB instead of 260 MB, and a bigger process also takes longer to exit.
    static func releaseFreedMemory() {
        guard let trim = mallocTrim else { return }
        queue.async { _ = trim(0) }
    }

    /// glibc's `malloc_trim`, looked up at run time: Swift's Glibc module does not declare it, and
    /// other C libraries (musl, Darwin) do not have it — there this is `nil` and nothing is trimmed.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
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
