/* conformance: a handler that panics again with the value it recovered prints, as Go 1.23 does, "panic: V [recovered]" then "\tpanic: V"
 * rules: C1 R6 R3 C5
 * from: SEMANTICS.md C1 (runtime/panic.go printpanics)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void handler(void *u)
{
    (void)u;
    go_any r = go_recover();
    char buf[64];
    printf("recovered: %s - panicking again with it\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
    go_panic_value(r);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(handler, NULL);
    go_panic("V");
}
