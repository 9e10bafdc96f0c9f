#if os(Linux)
// Importing CMalloc links mimalloc, which serves every allocation of the process (see
// Sources/CMalloc/shim.h).
import CMalloc
#endif
import UnionPressCLI

UnionPressCommand.main()
