#if os(Linux)
// Importing CMalloc links mimalloc, which serves every allocation of the process (see
// Sources/CMalloc/shim.h).
import CMalloc
import Foundation
#endif
import UnionPressCLI

#if os(Linux)
// Memory in 2 MiB pages where the kernel gives them (transparent huge pages on request, Debian's
// default): a thread's memory comes in large pages, committed when reserved. A one-article
// rebuild of 10,000 stories touched its 100 MB in 20,000 page faults, a third of its system time;
// with these settings, 1,000 (wall time −10 %, peak 101 → 121 MB; a full build's peak 275 → 331 MB).
mi_option_set(mi_option_large_os_pages, 1)
mi_option_set(mi_option_eager_commit_delay, 0)
// mimalloc gives each thread its own memory, and the main thread had some before `main` (other
// libraries' start-up), without these settings; the command runs on a thread started after them,
// whose memory has them all.
let command = Thread {
    UnionPressCommand.main()
    exit(EXIT_SUCCESS)
}
command.stackSize = 8 << 20
command.start()
while true { pause() }
#else
UnionPressCommand.main()
#endif
