#ifndef UNIONPRESS_CLIBFUZZER_H
#define UNIONPRESS_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, FuzzerDriver.cpp; linked in by `-sanitize=fuzzer`): reads
/// libFuzzer's own flags from the command line and runs `callback` on every input it tries.
/// The fuzz targets call it from their `main`, because SwiftPM points an executable's `main` at the
/// module's entry point, so libFuzzer's own `main` is never linked in.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
