/* conformance: handlers in two frames each recover and panic again before returning: both recovered panics stay on the chain: "panic: one [recovered]" / "\tpanic: wrapped(one) [recovered]" / "\tpanic: wrapped(one)"
 * rules: R6 C1 R3 C5
 * from: src/runtime/crash_test.go TestRecursivePanic4 (two levels, SEMANTICS.md C1)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void inner_handler(void *u)
{
    (void)u;
    go_any r = go_recover();
    char buf[64];
    go_panicf("wrapped(%s)", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void inner(void)
{
    go_frame_void();
    go_defer(inner_handler, NULL);
    go_panic("one");
}

static void outer_handler(void *u)
{
    (void)u;
    go_any r = go_recover();
    char buf[64];
    printf("outer recovered: %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
    go_panic_value(r);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(outer_handler, NULL);
    inner();
    return rc;
}
