#ifndef UNIONPRESS_CMALLOC_SHIM_H
#define UNIONPRESS_CMALLOC_SHIM_H
// The allocator: the program links mimalloc (Debian: libmimalloc-dev), which takes the place of
// glibc's malloc for the whole process, Swift's runtime included; and glibc's allocator settings
// (mallopt), which the Glibc module leaves out, for a build without it.
#include <malloc.h>
#endif
