/*
 * symheap.c — the symbolizing child's private heap (src/symheap.c), and the crash report it
 * makes possible when the crashing process's allocator is unusable.
 *
 *   - In a forked child after gort__symheap_install: every way the symbolizer's libraries
 *     allocate — malloc, calloc, realloc, posix_memalign, strdup, strndup, realpath called
 *     through a GOT (this program's, unless a sanitizer's runtime is linked into it), and libc
 *     allocating for itself (open_memstream, asprintf, canonicalize_file_name, getline) — is
 *     served by the private heap, so nothing reaches the allocator the process was forked
 *     from; a block from before the fork is still readable by realloc, and free of it does
 *     nothing.
 *   - The regression the heap exists for: another thread holds the allocator's lock when the
 *     program crashes. The report must still be symbolized, at once. Before the private heap,
 *     the symbolizing child waited on the copied lock until the crash printer's deadline (15 s)
 *     and the frames printed raw; under ASan a goroutine thread freeing memory at the crash
 *     made this happen to chan_select_send_closed in one run in three to six. The lock is held
 *     deterministically here: malloc_stats keeps glibc's main arena locked while it writes,
 *     and its stderr is a stream whose write blocks. Not under the sanitizers, whose
 *     malloc_stats does not lock (or print) anything; their allocators are covered by the first
 *     part and by the conformance suite.
 */
#include "check.h"

#include "../../src/traceback.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <gort.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>

/* The allocating functions, called from this executable through its GOT; before is a block
 * from before the fork. */
static void direct_calls(char *before)
{
    char *p = malloc(100);
    CHECK(p != NULL, "malloc");
    memset(p, 'x', 100); /* first: GCC warns about passing uninitialized memory on */
    CHECK(gort__symheap_owns(p), "malloc: %p", (void *)p);
    CHECK((uintptr_t)p % 16 == 0, "malloc alignment: %p", (void *)p);
    char *q = realloc(p, 100000);
    CHECK(gort__symheap_owns(q) && q[0] == 'x' && q[99] == 'x', "realloc");
    free(q);

    unsigned char *z = calloc(1000, 4);
    CHECK(gort__symheap_owns(z), "calloc");
    for (int i = 0; i < 4000; i++)
        CHECK(z[i] == 0, "calloc: byte %d is %d", i, z[i]);

    void *al = NULL;
    CHECK(posix_memalign(&al, 4096, 10) == 0 && gort__symheap_owns(al) && (uintptr_t)al % 4096 == 0,
          "posix_memalign: %p", al);

    volatile const char *src = "symbolize"; /* volatile: the call goes through the GOT */
    char *d = strdup((const char *)src);
    CHECK(gort__symheap_owns(d) && strcmp(d, "symbolize") == 0, "strdup");
    char *dn = strndup((const char *)src, 3);
    CHECK(gort__symheap_owns(dn) && strcmp(dn, "sym") == 0, "strndup");

    char *rp = realpath("/proc/self/../self/exe", NULL);
    CHECK(rp && gort__symheap_owns(rp) && rp[0] == '/' && strstr(rp, "/proc") == NULL, "realpath: %s",
          rp ? rp : "NULL");
    CHECK(realpath("/no/such/file/gort", NULL) == NULL, "realpath of a missing file");

    /* The parent's block: realloc copies it, free leaves it alone. */
    CHECK(!gort__symheap_owns(before), "the parent's block");
    char *volatile alias = before;
    char *moved = realloc(before, 64);
    CHECK(gort__symheap_owns(moved) && strcmp(moved, "from the parent") == 0, "realloc of the parent's block");
    free(alias);
}

static void main_addr(void);

/* Whether the allocator is defined in the executable itself: Clang links its sanitizers'
 * runtimes statically, and the executable's own calls to malloc are then direct, with no GOT
 * slot to point elsewhere. The shared libraries' calls (libdw's, libc's) still go through
 * theirs, and gort's code in the child allocates nothing. */
static bool allocator_in_executable(void)
{
    Dl_info a, m;
    return dladdr((void *)malloc, &a) && dladdr((void *)main_addr, &m) && a.dli_fbase == m.dli_fbase;
}

static void heap_child(void *u)
{
    char *before = u; /* from the parent's allocator */
    gort__symheap_install();
    if (!allocator_in_executable())
        direct_calls(before);

    /* libc allocating for itself goes through its own GOT. */
    char *ms = NULL;
    size_t msn = 0;
    FILE *f = open_memstream(&ms, &msn);
    CHECK(f != NULL, "open_memstream");
    fprintf(f, "%d", 42);
    fclose(f);
    CHECK(gort__symheap_owns(ms) && strcmp(ms, "42") == 0, "open_memstream's buffer: %p", (void *)ms);
    char *pr = NULL;
    CHECK(asprintf(&pr, "%s-%d", "gort", 7) == 6 && gort__symheap_owns(pr), "asprintf's buffer");
    char *canon = canonicalize_file_name("/proc/self/../self/exe");
    CHECK(canon && gort__symheap_owns(canon) && strstr(canon, "/proc") == NULL, "canonicalize_file_name");
    FILE *mem = fmemopen((void *)"one line\n", 9, "r");
    char *line = NULL;
    size_t ln = 0;
    CHECK(mem && getline(&line, &ln, mem) == 9 && gort__symheap_owns(line), "getline's buffer");
    fclose(mem);
    _exit(0);
}

static void test_heap(void)
{
    char *before = strdup("from the parent");
    struct death d;
    run_death(heap_child, before, &d);
    free(before);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 0, "status %#x\n%s", d.status, d.err);
    ok(allocator_in_executable()
           ? "symheap: the child's allocations by libc come from its private heap (the allocator is linked into the program: its direct calls not checked)"
           : "symheap: the child's allocations, libc's own included, come from its private heap");
}

#ifndef UNIT_SANITIZER
static int stats_fd[2]; /* the blocked writer says it is inside malloc_stats */

static ssize_t block_write(void *c, const char *buf, size_t n)
{
    (void)c;
    (void)buf;
    (void)n;
    char x = 1;
    (void)!write(stats_fd[1], &x, 1);
    for (;;)
        pause(); /* holding the main arena's lock, until the process exits */
    return -1;
}

static void *hold_malloc_lock(void *u)
{
    (void)u;
    malloc_stats(); /* locks main_arena, then writes to stderr (block_write) */
    return NULL;
}

static __attribute__((noinline)) void crash_with_malloc_locked(void) { go_panic_str("malloc locked"); }

static void locked_child(void *u)
{
    (void)u;
    CHECK(pipe(stats_fd) == 0, "pipe");
    FILE *blocked = fopencookie(NULL, "w", (cookie_io_functions_t){.write = block_write});
    CHECK(blocked != NULL, "fopencookie");
    setvbuf(blocked, NULL, _IONBF, 0);
    FILE *real = stderr;
    stderr = blocked; /* malloc_stats writes to stderr */
    pthread_t t;
    CHECK(pthread_create(&t, NULL, hold_malloc_lock, NULL) == 0, "pthread_create");
    char x;
    CHECK(read(stats_fd[0], &x, 1) == 1, "the holder did not start writing");
    stderr = real; /* the crash flushes it on exit */
    crash_with_malloc_locked();
}

static void test_malloc_locked(void)
{
    struct timespec t0, t1;
    struct death d;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_death(locked_child, NULL, &d);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 2, "status %#x\n%s", d.status, d.err);
    CHECK(strncmp(d.err, "panic: malloc locked\n", 21) == 0, "%s", d.err);
    CHECK(strstr(d.err, "crash_with_malloc_locked(...)\n\t/"), "frames not symbolized:\n%s", d.err);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    CHECK(ms < 10000, "took %ld ms (the symbolizing child waited out its deadline)", ms);
    ok("symheap: another thread holds malloc's lock at the crash; the report is symbolized");
}
#endif

static void main_addr(void) {}

int main(void)
{
    test_heap();
#ifndef UNIT_SANITIZER
    test_malloc_locked();
#else
    ok("# skip malloc locked at the crash: the sanitizers' malloc_stats holds no lock");
#endif
    return 0;
}
