/*
 * netev_plat.c -- the OS services of net-event delivery (netevents.c): one lock and condition variable, a
 * detached delivery thread, and the append-only journal file other processes inject into. POSIX threads on
 * Linux, Win32 (SRW lock, condition variable, CreateThread, FILE_APPEND_DATA) under mingw. Like platform.c it
 * does not include sim.h: windows.h defines the same FWP_E_* / ERROR_* names.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nplat_lock(void);
void nplat_unlock(void);
void nplat_wait_ms(uint32_t ms); /* with the lock held: releases it while waiting */
void nplat_broadcast(void);
void *nplat_thread(void (*fn)(void *), void *arg); /* a joinable thread, NULL when it cannot start */
void nplat_join(void *thread);                      /* waits for it to end, then releases it */
void nplat_detach(void *thread);                    /* releases it without waiting */
int nplat_append(const char *path, const void *buf, size_t n); /* 0 ok: one write, appended atomically */
void *nplat_read_from(const char *path, uint64_t off, size_t *n); /* bytes from off to the end (malloc) */
int nplat_exists(const char *path);
int nplat_create(const char *path);
int nplat_remove(const char *path);

#ifdef _WIN32
#include <windows.h>

static SRWLOCK lock = SRWLOCK_INIT;
static CONDITION_VARIABLE cond = CONDITION_VARIABLE_INIT;

void nplat_lock(void) { AcquireSRWLockExclusive(&lock); }
void nplat_unlock(void) { ReleaseSRWLockExclusive(&lock); }
void nplat_wait_ms(uint32_t ms) { SleepConditionVariableSRW(&cond, &lock, ms, 0); }
void nplat_broadcast(void) { WakeAllConditionVariable(&cond); }

typedef struct { void (*fn)(void *); void *arg; } Start;
static DWORD WINAPI thread_main(LPVOID p) {
  Start st = *(Start *)p;
  free(p);
  st.fn(st.arg);
  return 0;
}
void *nplat_thread(void (*fn)(void *), void *arg) {
  Start *st = malloc(sizeof *st);
  if (!st) return NULL;
  st->fn = fn;
  st->arg = arg;
  HANDLE h = CreateThread(NULL, 0, thread_main, st, 0, NULL);
  if (!h) free(st);
  return h;
}
void nplat_join(void *thread) {
  WaitForSingleObject(thread, INFINITE);
  CloseHandle(thread);
}
void nplat_detach(void *thread) { CloseHandle(thread); }

int nplat_append(const char *path, const void *buf, size_t n) {
  HANDLE h = CreateFileA(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                         OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) return -1;
  DWORD w = 0;
  BOOL ok = WriteFile(h, buf, (DWORD)n, &w, NULL) && w == n;
  CloseHandle(h);
  return ok ? 0 : -1;
}

void *nplat_read_from(const char *path, uint64_t off, size_t *n) {
  *n = 0;
  HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                         OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) return NULL;
  LARGE_INTEGER size;
  void *buf = NULL;
  if (GetFileSizeEx(h, &size) && (uint64_t)size.QuadPart > off) {
    size_t want = (size_t)((uint64_t)size.QuadPart - off);
    LARGE_INTEGER pos;
    pos.QuadPart = (LONGLONG)off;
    buf = malloc(want);
    DWORD got = 0;
    if (buf && SetFilePointerEx(h, pos, NULL, FILE_BEGIN) && ReadFile(h, buf, (DWORD)want, &got, NULL)) {
      *n = got;
    } else {
      free(buf);
      buf = NULL;
    }
  }
  CloseHandle(h);
  return buf;
}

int nplat_exists(const char *path) { return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES; }
int nplat_create(const char *path) {
  HANDLE h = CreateFileA(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                         OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) return -1;
  CloseHandle(h);
  return 0;
}
int nplat_remove(const char *path) { return DeleteFileA(path) || GetLastError() == ERROR_FILE_NOT_FOUND ? 0 : -1; }

#else
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;

void nplat_lock(void) { pthread_mutex_lock(&lock); }
void nplat_unlock(void) { pthread_mutex_unlock(&lock); }
void nplat_wait_ms(uint32_t ms) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_sec += ms / 1000;
  ts.tv_nsec += (long)(ms % 1000) * 1000000L;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000L;
  }
  pthread_cond_timedwait(&cond, &lock, &ts);
}
void nplat_broadcast(void) { pthread_cond_broadcast(&cond); }

typedef struct { void (*fn)(void *); void *arg; } Start;
static void *thread_main(void *p) {
  Start st = *(Start *)p;
  free(p);
  st.fn(st.arg);
  return NULL;
}
void *nplat_thread(void (*fn)(void *), void *arg) {
  Start *st = malloc(sizeof *st);
  pthread_t *t = malloc(sizeof *t);
  if (st) {
    st->fn = fn;
    st->arg = arg;
  }
  if (!st || !t || pthread_create(t, NULL, thread_main, st) != 0) {
    free(st);
    free(t);
    return NULL;
  }
  return t;
}
void nplat_join(void *thread) {
  pthread_join(*(pthread_t *)thread, NULL);
  free(thread);
}
void nplat_detach(void *thread) {
  pthread_detach(*(pthread_t *)thread);
  free(thread);
}

int nplat_append(const char *path, const void *buf, size_t n) {
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  ssize_t w = write(fd, buf, n);
  close(fd);
  return w == (ssize_t)n ? 0 : -1;
}

void *nplat_read_from(const char *path, uint64_t off, size_t *n) {
  *n = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  struct stat st;
  void *buf = NULL;
  if (fstat(fd, &st) == 0 && (uint64_t)st.st_size > off) {
    size_t want = (size_t)((uint64_t)st.st_size - off);
    buf = malloc(want);
    ssize_t got = buf ? pread(fd, buf, want, (off_t)off) : -1;
    if (got > 0) {
      *n = (size_t)got;
    } else {
      free(buf);
      buf = NULL;
    }
  }
  close(fd);
  return buf;
}

int nplat_exists(const char *path) { return access(path, F_OK) == 0; }
int nplat_create(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  close(fd);
  return 0;
}
int nplat_remove(const char *path) { return unlink(path) == 0 || errno == ENOENT ? 0 : -1; }
#endif
