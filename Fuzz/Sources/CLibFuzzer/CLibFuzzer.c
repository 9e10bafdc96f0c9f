// Declarations only: the definitions are in libFuzzer, which `-sanitize=fuzzer` links in.
#include "CLibFuzzer.h"
