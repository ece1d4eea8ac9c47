/* conformance: unbounded recursion on the main thread is the fatal error "stack overflow" with Go's lines; the limit printed is RLIMIT_STACK, to which the kernel lets the main stack grow (the Go program sets the same limit); no deferred call runs; exit 2
 * rules: E4 C5
 * frames: compare
 * from: src/runtime/stack.go newstack; src/runtime/crash_test.go TestStackOverflow
 * env: TSAN_OPTIONS=halt_on_error=1:report_thread_leaks=0:report_signal_unsafe=0
 * skip: tsan — under GCC's TSan the main thread's overflow kills the process by SIGSEGV before gort's handler runs (threads are fine: sig_stack_overflow)
 */
#include <gort.h>
#include <stdio.h>
#include "stack_overflow.h"

static void say(void *s) { printf("%s\n", (const char *)s); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(say, "main's deferred call must not run");
    printf("%d\n", recurse(0));
    return rc;
}
