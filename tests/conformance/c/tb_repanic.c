/* conformance: a deferred call recovers and panics again with the value it recovered: "panic: boom [recovered]" / "\tpanic: boom", the trace shows the handler, the panic entry, the panicking function and main
 * rules: C1 C2 R6 C5
 * from: SEMANTICS.md C1 (re-panic of a recovered value), trace shape C2
 * frames: compare
 */
#include <gort.h>

static void handler(void *u)
{
    (void)u;
    go_any r = go_recover();
    go_panic_value(r);
}

static __attribute__((noinline)) void work(void)
{
    go_frame_void();
    go_defer(handler, NULL);
    go_panic_str("boom");
}

int main(void)
{
    work();
    return 0;
}
