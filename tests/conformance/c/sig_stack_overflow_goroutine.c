/* conformance: unbounded recursion on a scheduler goroutine (go_go) is the fatal error "stack overflow": "runtime: goroutine stack exceeds 262144-byte limit" (the goroutine stack size, set on both sides), "runtime: sp=... stack=[..., ...]", "fatal error: stack overflow", the goroutine's trace from the overflowing frame (elided to 50 + 50 frames as Go elides them) with its "created by main in goroutine 1" line, then main blocked in a channel receive; no deferred call runs; exit 2
 * rules: E4 C2 C5
 * frames: compare
 * frames-skip: asan, tsan — the sanitizers' runtimes put frames of their own on the overflowing stack (TSan's signal interceptor above the recursion, ASan's at its base); the report's lines still compare
 * from: src/runtime/stack.go newstack; src/runtime/crash_test.go TestStackOverflow (testprog StackOverflow), TestGoroutineStackOverflow
 * env: TSAN_OPTIONS=halt_on_error=1:report_thread_leaks=0:report_signal_unsafe=0
 */
#include <gort.h>
#include <gort/chan.h>
#include <stdio.h>
#include "stack_overflow.h"

static void say(void *s) { printf("%s\n", (const char *)s); }

static void goroutine(void *done)
{
    go_frame_void();
    go_defer(say, "the goroutine's deferred call must not run");
    int v = recurse(0);
    go_chan_send(done, &v);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_set_stack_size(256 << 10); /* GORT_STACK_SIZE's default, whatever the environment says */
    go_defer(say, "main's deferred call must not run");
    go_chan *done = go_chan_make(sizeof(int), 0);
    go_go(goroutine, done);
    int v;
    go_chan_recv(done, &v);
    printf("not reached: %d\n", v);
    return rc;
}
