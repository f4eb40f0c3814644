/* Counts heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc) of a
 * process: LD_PRELOAD=bench/data/malloc_count.so MALLOC_COUNT_FILE=PATH etl ...; at exit it
 * writes "ALLOCATIONS BYTES" to PATH. scripts/bench builds it with cc and divides by the
 * records read to report allocations per record. Not part of etl. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static atomic_ulong allocations, bytes;

static void count(size_t size) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&bytes, size, memory_order_relaxed);
}

void *malloc(size_t size) { count(size); return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { count(n * size); return __libc_calloc(n, size); }
void *realloc(void *p, size_t size) { count(size); return __libc_realloc(p, size); }
void *aligned_alloc(size_t alignment, size_t size) { count(size); return __libc_memalign(alignment, size); }
int posix_memalign(void **p, size_t alignment, size_t size) {
    count(size);
    *p = __libc_memalign(alignment, size);
    return *p ? 0 : 12; /* ENOMEM */
}

__attribute__((destructor)) static void report(void) {
    const char *path = getenv("MALLOC_COUNT_FILE");
    if (!path) return;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return;
    char line[64];
    int n = snprintf(line, sizeof line, "%lu %lu\n", (unsigned long)allocations, (unsigned long)bytes);
    if (n > 0) (void)!write(fd, line, (size_t)n);
    close(fd);
}
