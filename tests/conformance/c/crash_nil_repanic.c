/* conformance: the run-time error of a nil panic, recovered and panicked again, prints "panic: panic called with nil argument [recovered]" / "\tpanic: panic called with nil argument"
 * rules: P4 R6 C1 C5
 * from: src/runtime/panicnil_test.go TestPanicNil (re-panicked, SEMANTICS.md C1)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void handler(void *u)
{
    (void)u;
    go_any r = go_recover();
    char buf[128];
    printf("recovered: %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
    go_panic_value(r);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(handler, NULL);
    go_panic_value(go_nil());
}
