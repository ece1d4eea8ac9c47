/* conformance: on a thread other than main (its own alternate signal stack), a NULL dereference is recovered there; a second, unrecovered one runs the thread's deferred calls and crashes the program as goroutine N with the [signal ...] line, exit 2
 * rules: E1 P1 C2 C5
 * frames: compare
 * from: SEMANTICS.md E1, P1; src/runtime/crash_test.go TestPanicInGoroutine-style
 */
#include "crash_thread.h"

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

typedef struct T { int x; } T;

static FAULTS int read(T *volatile p) { return p->x; }

static volatile int sink;

static void report(void *unused)
{
    (void)unused;
    char buf[128];
    printf("goroutine recovered: %s\n", go_any_format(go_recover(), buf, sizeof buf));
}

static __attribute__((noinline)) void safe(void)
{
    go_frame_void();
    go_defer(report, NULL);
    sink = read(NULL);
}

static void *goroutine(void *unused)
{
    void *result = NULL;
    go_frame(result);
    (void)unused;
    go_defer(say, "the goroutine's deferred call runs");
    safe();
    sink = read(NULL);
    return result;
}

CRASH_ON_THREAD_MAIN(goroutine, 0)
