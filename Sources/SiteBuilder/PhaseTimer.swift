import Foundation

/// Prints how long each phase of a build took to standard error, when the environment variable
/// `UNIONPRESS_TIMINGS` is set: for profiling builds without a profiler.
struct PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["UNIONPRESS_TIMINGS"] != nil
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Reports the time since the previous mark (or since the timer was made) as `phase`.
    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data(String(format: "%8.1f ms  %@\n", Double(now - last) / 1e6, phase).utf8))
        last = now
    }
}
