#ifndef UNIONPRESS_CMALLOC_SHIM_H
#define UNIONPRESS_CMALLOC_SHIM_H
// The allocator. The module map links mimalloc (Debian: libmimalloc-dev), which takes the place of
// glibc's malloc for the whole process, Swift's runtime included: a build allocates and frees small
// objects by the million, and glibc's allocator took about 5 % more instructions for them. (Its
// settings, mallopt, which earlier kept large buffers in glibc's heap, no longer apply.)
#include <mimalloc.h>
#endif
