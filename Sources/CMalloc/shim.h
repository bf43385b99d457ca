// glibc's malloc tuning (mallopt), for the command-line tool.
#if defined(__linux__)
#include <malloc.h>
#endif
