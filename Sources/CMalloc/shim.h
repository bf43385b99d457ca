// glibc's malloc tuning (mallopt) for the command-line tool, and malloc_trim (FreedMemory).
#if defined(__linux__)
#include <malloc.h>
#endif
