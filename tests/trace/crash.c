/*
 * crash.c — a traced program that crashes: the crash must write the trace (the last
 * GORT_TRACE_CRASH_EVENTS events of each thread), async-signal-safely. run.sh checks the file.
 *
 * A worker thread defers a few calls in a loop (many events), then main dereferences nil in a
 * deferring function with nothing to recover it: a signal, the run-time error panic, the
 * deferred calls, the unrecovered-panic crash report, the trace written, exit status 2.
 *
 * With `broken-heap` as argument the program declares its heap broken just before the fault:
 * from then on malloc, calloc, realloc and free (this file's, which replace glibc's for the
 * whole process) end it with status 97 and a message. The crash path must not reach them; it
 * writes the trace with open/write/close only. (Not under a sanitizer, which owns malloc.)
 */
#define _GNU_SOURCE
#include <gort.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifdef CRASH_BROKEN_HEAP
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static volatile int heap_broken;

static void heap_used(const char *what)
{
    static const char msg[] = "crash.c: the heap was used after the crash began: ";
    (void)!write(2, msg, sizeof msg - 1);
    (void)!write(2, what, strlen(what));
    (void)!write(2, "\n", 1);
    _exit(97);
}

void *malloc(size_t n)
{
    if (heap_broken)
        heap_used("malloc");
    return __libc_malloc(n);
}
void *calloc(size_t n, size_t k)
{
    if (heap_broken)
        heap_used("calloc");
    return __libc_calloc(n, k);
}
void *realloc(void *p, size_t n)
{
    if (heap_broken)
        heap_used("realloc");
    return __libc_realloc(p, n);
}
void free(void *p)
{
    if (heap_broken)
        heap_used("free");
    __libc_free(p);
}
#define BREAK_HEAP() (heap_broken = 1)
#else
#define BREAK_HEAP() ((void)0)
#endif

static void noted(void *p) { (void)p; }
static void say(void *p) { (void)!write(1, p, strlen(p)); }

static __attribute__((noinline)) void churn(int n)
{
    go_frame_void();
    for (int i = 0; i < n; i++)
        go_defer(noted, NULL);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 50; i++)
        churn(4);
    return NULL;
}

static int *volatile nowhere;

/* A real SIGSEGV under UBSan too (which would report the null store itself). */
static __attribute__((noinline, no_sanitize("undefined"))) void fault(void)
{
    go_frame_void();
    go_defer(say, "deferred call ran\n");
    *nowhere = 1;
}

int main(int argc, char **argv)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    churn(3);
    fflush(stdout);
    if (argc > 1 && strcmp(argv[1], "broken-heap") == 0)
        BREAK_HEAP();
    fault();
    return 0;
}
