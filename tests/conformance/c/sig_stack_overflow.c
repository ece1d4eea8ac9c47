/* conformance: unbounded recursion on a thread created with a 1 MiB stack is the fatal error "stack overflow", reported from the alternate signal stack with Go's lines ("runtime: goroutine stack exceeds 1048576-byte limit", "runtime: sp=... stack=[..., ...]"); no deferred call runs; exit 2
 * rules: E4 C5
 * frames: compare
 * from: src/runtime/stack.go newstack; src/runtime/crash_test.go TestStackOverflow
 * env: TSAN_OPTIONS=halt_on_error=1:report_thread_leaks=0:report_signal_unsafe=0
 */
#include "crash_thread.h"
#include "stack_overflow.h"

static void *goroutine(void *unused)
{
    void *result = NULL;
    go_frame(result);
    (void)unused;
    go_defer(say, "the goroutine's deferred call must not run");
    printf("%d\n", recurse(0));
    return result;
}

CRASH_ON_THREAD_MAIN(goroutine, 1 << 20)
