#ifndef UNIONPRESS_FILE_MAPPING_H
#define UNIONPRESS_FILE_MAPPING_H

#include <stddef.h>

/// Maps the first `length` bytes (at least 1) of the open file `descriptor` into memory,
/// read-only and private, and returns their address, or NULL when the file cannot be mapped or
/// 16 files are mapped already.
///
/// A page of a mapped file that the file no longer has (cut short by another program while mapped)
/// raises SIGBUS when read, which would end the process with no word of why. The first call installs
/// a handler for it: a fault inside a mapping made here prints
/// `NAME: error: [read] the file was cut short while it was read` (NAME is `name`, copied, up to
/// 255 bytes) and ends the process with exit status 1; any other fault, and a SIGBUS sent by a
/// program, is handed to the handler that was there before.
const void *up_map_file(int descriptor, size_t length, const char *name);

/// Unmaps what `up_map_file` mapped at `address`.
void up_unmap_file(const void *address, size_t length);

#endif
