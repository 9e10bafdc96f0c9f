#if os(Linux)
// Importing CMalloc links mimalloc, which serves every allocation of the process (see
// Sources/CMalloc/shim.h).
import CMalloc
#endif
import UnionPressCLI

// Memory in 4 KiB pages, mimalloc's default. This virtual machine hands freed memory back to its
// host about two seconds after it is freed (free page reporting), and the next first touch of it
// waits for the host: 120 MB touched in 2 MiB pages took 264 ms a few seconds after the last build
// and 20 ms right after it, in 4 KiB pages 47 ms either way. Large pages (mimalloc's large OS pages,
// which earlier sessions used) sped up only a build started right after another; a one-article
// rebuild of 10,000 stories started 2.5 s after the one before took 211-263 ms with them against
// 138-151 ms without (4 alternating pairs), a render to memory 1.34-1.56 s against 1.25-1.30 s.
UnionPressCommand.mainListingSourcesAhead()

