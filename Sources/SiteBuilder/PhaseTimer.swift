import Foundation

/// Prints how long each phase of a build took to standard error, when the environment variable
/// `UNIONPRESS_TIMINGS` is set: for profiling builds without a profiler. Each line gives the wall
/// time and the CPU time of the whole process (user + system, every thread), which other work on
/// a shared machine disturbs less than the wall time, and the peak resident memory so far (the
/// memory a phase touches first costs page faults, which dominate a small rebuild).
struct PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["UNIONPRESS_TIMINGS"] != nil
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = PhaseTimer.cpuNanoseconds()

    /// User + system CPU time of the process so far.
    private static func cpuNanoseconds() -> UInt64 {
        let usage = usage()
        func nanoseconds(_ time: timeval) -> UInt64 { UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_usec) * 1000 }
        return nanoseconds(usage.ru_utime) + nanoseconds(usage.ru_stime)
    }

    private static func usage() -> rusage {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage
    }

    /// Reports the time since the previous mark (or since the timer was made) as `phase`.
    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let cpu = Self.cpuNanoseconds()
        // ru_maxrss is in kilobytes on Linux, in bytes on macOS.
        #if os(macOS)
        let peak = Double(Self.usage().ru_maxrss) / 1_048_576
        #else
        let peak = Double(Self.usage().ru_maxrss) / 1024
        #endif
        FileHandle.standardError.write(Data(String(format: "%8.1f ms %8.1f ms CPU %6.0f MiB peak  %@\n", Double(now - last) / 1e6,
                                                   Double(cpu - lastCPU) / 1e6, peak, phase).utf8))
        last = now
        lastCPU = cpu
    }
}
