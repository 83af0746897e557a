// File-system calls the Swift Glibc module does not expose. Imported by Output's Disk and nothing else.
#ifndef DRYPOWDER_CFILESYSTEM_SHIM_H
#define DRYPOWDER_CFILESYSTEM_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

// Atomically swaps two existing paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0, or -1 with
// errno set; ENOSYS or EINVAL where the kernel or the file system cannot do it.
static inline int drypowder_rename_exchange(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
    (void)a; (void)b;
    errno = ENOSYS;
    return -1;
#endif
}

#endif
