/*
 * platform.c -- the few OS services fwpsim needs: the cross-process transaction lock, atomic state-file
 * replacement, stat stamps, sleeping and entropy. POSIX on Linux, Win32 under mingw (fwpuclnt.dll build).
 * Deliberately does not include sim.h: windows.h defines the same FWP_E_* / ERROR_* names.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int plat_lock(const char *statePath, uint32_t timeoutMs);
void plat_unlock(void);
int plat_write_atomic(const char *path, const void *buf, size_t n);
int plat_stat(const char *path, uint64_t stamp[3]);
void *plat_read_file(const char *path, size_t *n);
void plat_sleep_us(uint32_t us);
uint64_t plat_entropy(void);
const char *plat_getenv(const char *name);

#ifdef _WIN32
#include <windows.h>

/* The process environment as it is now: the CRT's getenv() only sees the block copied at start-up, so a
 * variable a host (e.g. Deno.env.set) sets later would be missed. One static buffer per name is enough:
 * callers read each variable once. */
const char *plat_getenv(const char *name) {
  static char buf[4][4096];
  static unsigned next;
  char *b = buf[next++ % 4];
  DWORD n = GetEnvironmentVariableA(name, b, sizeof buf[0]);
  return (n == 0 || n >= sizeof buf[0]) ? NULL : b;
}

static HANDLE lockHandle = INVALID_HANDLE_VALUE;

int plat_lock(const char *statePath, uint32_t timeoutMs) {
  char path[4096];
  snprintf(path, sizeof path, "%s.lock", statePath);
  HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) return -1;
  for (uint32_t waited = 0;; waited += 10) {
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    if (LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov)) break;
    if (waited >= timeoutMs) {
      CloseHandle(h);
      return 1;
    }
    Sleep(10);
  }
  lockHandle = h;
  return 0;
}

void plat_unlock(void) {
  if (lockHandle == INVALID_HANDLE_VALUE) return;
  OVERLAPPED ov;
  memset(&ov, 0, sizeof ov);
  UnlockFileEx(lockHandle, 0, 1, 0, &ov);
  CloseHandle(lockHandle);
  lockHandle = INVALID_HANDLE_VALUE;
}

int plat_write_atomic(const char *path, const void *buf, size_t n) {
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp.%lu", path, (unsigned long)GetCurrentProcessId());
  HANDLE h = CreateFileA(tmp, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) return -1;
  DWORD w = 0;
  BOOL ok = WriteFile(h, buf, (DWORD)n, &w, NULL) && w == n && FlushFileBuffers(h);
  CloseHandle(h);
  if (!ok || !MoveFileExA(tmp, path, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    DeleteFileA(tmp);
    return -1;
  }
  return 0;
}

int plat_stat(const char *path, uint64_t stamp[3]) {
  WIN32_FILE_ATTRIBUTE_DATA d;
  if (!GetFileAttributesExA(path, GetFileExInfoStandard, &d)) return 1;
  stamp[0] = ((uint64_t)d.ftLastWriteTime.dwHighDateTime << 32) | d.ftLastWriteTime.dwLowDateTime;
  stamp[1] = ((uint64_t)d.nFileSizeHigh << 32) | d.nFileSizeLow;
  stamp[2] = ((uint64_t)d.ftCreationTime.dwHighDateTime << 32) | d.ftCreationTime.dwLowDateTime;
  return 0;
}

void plat_sleep_us(uint32_t us) { Sleep((us + 999) / 1000); }

uint64_t plat_entropy(void) {
  LARGE_INTEGER c;
  QueryPerformanceCounter(&c);
  return (uint64_t)c.QuadPart ^ ((uint64_t)GetCurrentProcessId() << 32) ^ (uint64_t)GetTickCount64();
}

#else

const char *plat_getenv(const char *name) { return getenv(name); }

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int lockFd = -1;

int plat_lock(const char *statePath, uint32_t timeoutMs) {
  char path[4096];
  snprintf(path, sizeof path, "%s.lock", statePath);
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  for (uint32_t waited = 0;; waited += 5) {
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) break;
    if (errno != EWOULDBLOCK && errno != EINTR) {
      close(fd);
      return -1;
    }
    if (waited >= timeoutMs) {
      close(fd);
      return 1;
    }
    usleep(5000);
  }
  lockFd = fd;
  return 0;
}

void plat_unlock(void) {
  if (lockFd < 0) return;
  flock(lockFd, LOCK_UN);
  close(lockFd);
  lockFd = -1;
}

int plat_write_atomic(const char *path, const void *buf, size_t n) {
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  const uint8_t *p = buf;
  size_t left = n;
  while (left > 0) {
    ssize_t w = write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      close(fd);
      unlink(tmp);
      return -1;
    }
    p += w;
    left -= (size_t)w;
  }
  if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
    unlink(tmp);
    return -1;
  }
  /* make the rename itself durable */
  char dir[4096];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash) {
    *(slash == dir ? slash + 1 : slash) = 0;
  } else {
    snprintf(dir, sizeof dir, ".");
  }
  int dfd = open(dir, O_RDONLY | O_CLOEXEC);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return 0;
}

int plat_stat(const char *path, uint64_t stamp[3]) {
  struct stat st;
  if (stat(path, &st) != 0) return errno == ENOENT ? 1 : -1;
  stamp[0] = (uint64_t)st.st_ino;
  stamp[1] = (uint64_t)st.st_size;
  stamp[2] = (uint64_t)st.st_mtim.tv_sec * 1000000000ull + (uint64_t)st.st_mtim.tv_nsec;
  return 0;
}

void plat_sleep_us(uint32_t us) { usleep(us); }

uint64_t plat_entropy(void) {
  uint64_t v = 0;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    if (read(fd, &v, sizeof v) != (ssize_t)sizeof v) v = 0;
    close(fd);
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return v ^ ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 40);
}
#endif

void *plat_read_file(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  uint8_t *buf = malloc(cap);
  for (;;) {
    if (!buf) break;
    size_t r = fread(buf + len, 1, cap - len, f);
    len += r;
    if (len < cap) break;
    uint8_t *nb = realloc(buf, cap * 2);
    if (!nb) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = nb;
    cap *= 2;
  }
  fclose(f);
  *n = len;
  return buf;
}
