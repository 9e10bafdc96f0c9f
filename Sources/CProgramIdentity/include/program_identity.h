#ifndef UNIONPRESS_PROGRAM_IDENTITY_H
#define UNIONPRESS_PROGRAM_IDENTITY_H

#include <stddef.h>

/// Copies the build ID the linker wrote into the running program (its `NT_GNU_BUILD_ID` note, a
/// hash of the program's bytes) into `out`, up to `capacity` bytes, and returns its length: 0 when
/// the program has none (or is not an ELF program). Read from the program's headers in memory: no
/// file is opened.
size_t up_program_build_id(unsigned char *out, size_t capacity);

#endif
