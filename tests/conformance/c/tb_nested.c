/* conformance: a panic in a deferred call of a function three frames below main, while an older panic runs it: the trace shows the deferred call, the panic entry, the panicking frames and main, in Go's order
 * rules: C1 C2 P2 C5
 * from: src/runtime/crash_test.go TestRecursivePanic (trace shape, SEMANTICS.md C2)
 * frames: compare
 */
#include <gort.h>

static __attribute__((noinline)) void inner(void) { go_panic_str("first"); }

static void second(void *u)
{
    (void)u;
    go_panic_str("second");
}

static __attribute__((noinline)) void middle(void)
{
    go_frame_void();
    go_defer(second, NULL);
    inner();
}

static __attribute__((noinline)) void outer(void) { middle(); }

int main(void)
{
    outer();
    return 0;
}
