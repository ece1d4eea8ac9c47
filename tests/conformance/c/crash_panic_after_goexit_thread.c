/* conformance: on a thread, a deferred call run by go_goexit panics; unrecovered, the program crashes with "panic: hello" on that goroutine (not 1) without running main's deferred calls
 * rules: G3 P1 C1 C2 C5
 * from: src/runtime/crash_test.go TestPanicAfterGoexit (in a non-main goroutine)
 * frames: compare
 */
#include "crash_thread.h"

static void panicker(void *unused)
{
    (void)unused;
    printf("deferred call panics\n");
    go_panic("hello");
}

static void *goroutine(void *unused)
{
    void *result = NULL;
    go_frame(result);
    (void)unused;
    go_defer(panicker, NULL);
    printf("goroutine calls Goexit\n");
    go_goexit();
}

CRASH_ON_THREAD_MAIN(goroutine, 0)
