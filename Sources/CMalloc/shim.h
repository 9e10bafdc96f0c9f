#ifndef UNIONPRESS_CMALLOC_SHIM_H
#define UNIONPRESS_CMALLOC_SHIM_H
// glibc's allocator settings (mallopt), which the Glibc module leaves out.
#include <malloc.h>
#endif
