// Fault injection for the crash-safety tests (tests/fault/run-faults): an LD_PRELOAD library
// that counts every call that changes a file — write, pwrite, writev, pwritev, ftruncate,
// fsync, fdatasync, syncfs, rename, renameat, renameat2, link, linkat, unlink, unlinkat,
// remove, mkdir, mkdirat — and makes the Nth one fail. Interposed in front of libc, it sees
// SQLite's own writes as well as hallmark's. Calls on descriptors 0-2 and on anything but
// regular files and directories (pipes, terminals, sockets) are not counted.
//
// Environment:
//   HALLMARK_FAULT_AT=N       fail the Nth counted call of the process (1-based); unset or 0:
//                             only count
//   HALLMARK_FAULT_ERRNO=E    the error: EIO (default), ENOSPC, EDQUOT or a number
//   HALLMARK_FAULT_LOG=PATH   appends "N OP TARGET[ FAIL]\n" for every counted call
//   HALLMARK_FAULT_THREADS=N  pthread_create fails with EAGAIN from its Nth call on (1-based;
//                             std::thread then throws std::system_error), as when a process
//                             reaches its thread limit; unset or 0: threads are created
//
// Thread-safe: the count is atomic; each log line is one write(2) with O_APPEND.
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>

namespace {

std::atomic<long> g_count{0};
std::atomic<long> g_threads{0};
long g_threads_fail_from = 0;
long g_fail_at = 0;
int g_errno = EIO;
int g_log = -1;

__attribute__((constructor)) void init_fault() {
  if (const char* at = getenv("HALLMARK_FAULT_AT")) {
    g_fail_at = strtol(at, nullptr, 10);
  }
  if (const char* t = getenv("HALLMARK_FAULT_THREADS")) {
    g_threads_fail_from = strtol(t, nullptr, 10);
  }
  if (const char* e = getenv("HALLMARK_FAULT_ERRNO")) {
    if (strcmp(e, "ENOSPC") == 0) {
      g_errno = ENOSPC;
    } else if (strcmp(e, "EDQUOT") == 0) {
      g_errno = EDQUOT;
    } else if (strcmp(e, "EIO") == 0) {
      g_errno = EIO;
    } else if (atoi(e) > 0) {
      g_errno = atoi(e);
    }
  }
  if (const char* path = getenv("HALLMARK_FAULT_LOG")) {
    g_log = static_cast<int>(
        syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    if (g_log >= 0 && g_log <= 2) {
      // Keep the log off the standard descriptors.
      const int moved = static_cast<int>(syscall(SYS_fcntl, g_log, F_DUPFD_CLOEXEC, 10));
      syscall(SYS_close, g_log);
      g_log = moved;
    }
  }
}

template <typename F>
F real(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

// A descriptor whose writes count: a regular file or a directory, not stdio.
bool counted_fd(int fd) {
  if (fd <= 2) {
    return false;
  }
  struct stat st;
  return fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode));
}

void append(char*& p, const char* end, const char* s) {
  while (*s != '\0' && p < end) {
    *p++ = *s++;
  }
}

// Counts one call; true (with errno set) if it is the one to fail.
bool hit(const char* op, const char* target, const char* second = nullptr) {
  const long n = ++g_count;
  const bool fail = n == g_fail_at;
  if (g_log >= 0) {
    char line[2 * PATH_MAX + 128];
    char* p = line;
    const char* end = line + sizeof line - 1;
    char num[32];
    snprintf(num, sizeof num, "%ld ", n);
    append(p, end, num);
    append(p, end, op);
    append(p, end, " ");
    append(p, end, target != nullptr ? target : "?");
    if (second != nullptr) {
      append(p, end, " -> ");
      append(p, end, second);
    }
    if (fail) {
      append(p, end, " FAIL");
    }
    *p++ = '\n';
    syscall(SYS_write, g_log, line, static_cast<size_t>(p - line));
  }
  if (fail) {
    errno = g_errno;
  }
  return fail;
}

bool hit_fd(const char* op, int fd) {
  if (g_log < 0) {
    return hit(op, nullptr);
  }
  char link[64];
  char target[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t n = readlink(link, target, sizeof target - 1);
  target[n > 0 ? n : 0] = '\0';
  return hit(op, target);
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* buf, size_t count) {
  static auto next = real<ssize_t (*)(int, const void*, size_t)>("write");
  if (counted_fd(fd) && hit_fd("write", fd)) {
    return -1;
  }
  return next(fd, buf, count);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  static auto next = real<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  if (counted_fd(fd) && hit_fd("pwrite", fd)) {
    return -1;
  }
  return next(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
  static auto next = real<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
  if (counted_fd(fd) && hit_fd("pwrite", fd)) {
    return -1;
  }
  return next(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int iovcnt) {
  static auto next = real<ssize_t (*)(int, const struct iovec*, int)>("writev");
  if (counted_fd(fd) && hit_fd("writev", fd)) {
    return -1;
  }
  return next(fd, iov, iovcnt);
}

ssize_t pwritev(int fd, const struct iovec* iov, int iovcnt, off_t offset) {
  static auto next = real<ssize_t (*)(int, const struct iovec*, int, off_t)>("pwritev");
  if (counted_fd(fd) && hit_fd("pwritev", fd)) {
    return -1;
  }
  return next(fd, iov, iovcnt, offset);
}

int ftruncate(int fd, off_t length) {
  static auto next = real<int (*)(int, off_t)>("ftruncate");
  if (counted_fd(fd) && hit_fd("ftruncate", fd)) {
    return -1;
  }
  return next(fd, length);
}

int ftruncate64(int fd, off64_t length) {
  static auto next = real<int (*)(int, off64_t)>("ftruncate64");
  if (counted_fd(fd) && hit_fd("ftruncate", fd)) {
    return -1;
  }
  return next(fd, length);
}

int fsync(int fd) {
  static auto next = real<int (*)(int)>("fsync");
  if (counted_fd(fd) && hit_fd("fsync", fd)) {
    return -1;
  }
  return next(fd);
}

int fdatasync(int fd) {
  static auto next = real<int (*)(int)>("fdatasync");
  if (counted_fd(fd) && hit_fd("fdatasync", fd)) {
    return -1;
  }
  return next(fd);
}

int syncfs(int fd) {
  static auto next = real<int (*)(int)>("syncfs");
  if (counted_fd(fd) && hit_fd("syncfs", fd)) {
    return -1;
  }
  return next(fd);
}

int rename(const char* from, const char* to) {
  static auto next = real<int (*)(const char*, const char*)>("rename");
  if (hit("rename", from, to)) {
    return -1;
  }
  return next(from, to);
}

int renameat(int fromfd, const char* from, int tofd, const char* to) {
  static auto next = real<int (*)(int, const char*, int, const char*)>("renameat");
  if (hit("rename", from, to)) {
    return -1;
  }
  return next(fromfd, from, tofd, to);
}

int renameat2(int fromfd, const char* from, int tofd, const char* to, unsigned flags) {
  static auto next = real<int (*)(int, const char*, int, const char*, unsigned)>("renameat2");
  if (hit("rename", from, to)) {
    return -1;
  }
  return next(fromfd, from, tofd, to, flags);
}

int link(const char* from, const char* to) {
  static auto next = real<int (*)(const char*, const char*)>("link");
  if (hit("link", from, to)) {
    return -1;
  }
  return next(from, to);
}

int linkat(int fromfd, const char* from, int tofd, const char* to, int flags) {
  static auto next = real<int (*)(int, const char*, int, const char*, int)>("linkat");
  if (hit("link", from, to)) {
    return -1;
  }
  return next(fromfd, from, tofd, to, flags);
}

int unlink(const char* path) {
  static auto next = real<int (*)(const char*)>("unlink");
  if (hit("unlink", path)) {
    return -1;
  }
  return next(path);
}

int unlinkat(int dirfd, const char* path, int flags) {
  static auto next = real<int (*)(int, const char*, int)>("unlinkat");
  if (hit("unlink", path)) {
    return -1;
  }
  return next(dirfd, path, flags);
}

int remove(const char* path) {
  static auto next = real<int (*)(const char*)>("remove");
  if (hit("unlink", path)) {
    return -1;
  }
  return next(path);
}

int mkdir(const char* path, mode_t mode) {
  static auto next = real<int (*)(const char*, mode_t)>("mkdir");
  if (hit("mkdir", path)) {
    return -1;
  }
  return next(path, mode);
}

int mkdirat(int dirfd, const char* path, mode_t mode) {
  static auto next = real<int (*)(int, const char*, mode_t)>("mkdirat");
  if (hit("mkdir", path)) {
    return -1;
  }
  return next(dirfd, path, mode);
}

int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*start)(void*),
                   void* arg) {
  static auto next =
      real<int (*)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*)>("pthread_create");
  if (g_threads_fail_from > 0 && ++g_threads >= g_threads_fail_from) {
    return EAGAIN;
  }
  return next(thread, attr, start, arg);
}

}  // extern "C"
