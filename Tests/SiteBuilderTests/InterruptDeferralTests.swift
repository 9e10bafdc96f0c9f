import CInterruptDeferral
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Writes `line` to standard output at once (no buffer a signal's end of the process would lose).
private func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = write(1, bytes, bytes.count)
}

/// The signals as a process starts with them: acted on, not ignored or blocked (a test's child
/// process may inherit otherwise).
private func defaultSignals() {
    for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
    var none = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, nil)
}

/// Ctrl-C, a CI runner's stop or a closed terminal while a build puts its site in place waits until
/// the site is whole, then ends the process as it would have.
@Suite("Interrupts held back while the site is put in place")
struct InterruptDeferralTests {
    @Test("a SIGINT while held back is remembered, not acted on; the last resume ends the process with it")
    func heldThenRaised() async throws {
        let result = try await #require(processExitsWith: .signal(SIGINT), observing: [\.standardOutputContent]) {
            defaultSignals()
            up_interrupts_defer()
            up_interrupts_defer()  // another build in the process, overlapping
            raise(SIGINT)
            say("held")
            up_interrupts_resume()
            say("still held")
            up_interrupts_resume()
            say("not reached")
            exit(0)
        }
        #expect(String(decoding: result.standardOutputContent, as: UTF8.self) == "held\nstill held\n")
    }

    @Test("with no signal held back, resuming goes on, and the signals act as before afterwards")
    func nothingHeld() async throws {
        await #expect(processExitsWith: .signal(SIGTERM)) {
            defaultSignals()
            up_interrupts_defer()
            up_interrupts_resume()
            raise(SIGTERM)
            exit(0)
        }
    }
}
