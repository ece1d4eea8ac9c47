/* conformance: a deferred call that recovers and then panics before returning leaves the recovered panic on the chain: "panic: first panic [recovered]" / "\tpanic: second panic"
 * rules: R6 C1 C5
 * from: src/runtime/crash_test.go TestRecursivePanic4 (testprog RecursivePanic4)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void deferred(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("recovered: %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
    go_panic("second panic");
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(deferred, NULL);
    go_panic("first panic");
}
