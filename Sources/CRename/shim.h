// Exchanging two paths atomically (FileReplacement): Linux's renameat2 with RENAME_EXCHANGE,
// which glibc declares only under _GNU_SOURCE, hence the system call; macOS's renamex_np with
// RENAME_SWAP. Elsewhere it fails with ENOSYS, and the caller renames.
#include <errno.h>
#if defined(__linux__)
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(__APPLE__)
#include <stdio.h>
#endif

static inline int propice_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, 2u /* RENAME_EXCHANGE */);
#elif defined(__APPLE__)
    return renamex_np(first, second, RENAME_SWAP);
#else
    errno = ENOSYS;
    return -1;
#endif
}
