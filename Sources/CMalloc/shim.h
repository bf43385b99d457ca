// glibc's malloc tuning (mallopt) for the command-line tool, and malloc_trim for the server.
#if defined(__linux__)
#include <malloc.h>
#endif
