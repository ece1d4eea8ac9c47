/* conformance: an unrecovered panic on a thread runs that goroutine's deferred calls across its frames, then crashes the program (goroutine N, exit 2) without running main's deferred calls
 * rules: P1 C1 C2 C5
 * from: SEMANTICS.md P1 (spec "Handling panics"; panic.go fatalpanic)
 * frames: compare
 */
#include "crash_thread.h"

static void work(void)
{
    go_frame_void();
    go_defer(say, "work's deferred call runs");
    printf("goroutine panics\n");
    go_panic("in goroutine");
}

static void *goroutine(void *unused)
{
    void *result = NULL;
    go_frame(result);
    (void)unused;
    go_defer(say, "goroutine's deferred call runs");
    work();
    return result;
}

CRASH_ON_THREAD_MAIN(goroutine, 0)
