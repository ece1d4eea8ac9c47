/* conformance: go_panic_errorf values print their formatted text, on each panic of a chain
 * rules: P5 C1 C5
 * from: src/runtime/panic.go preprintpanics (SEMANTICS.md P5)
 * frames: compare
 */
#include <gort.h>

static void second(void *u)
{
    (void)u;
    go_panic_errorf("while handling: %d%%", 100);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    const char *name = "/no/such/file";
    int code = 42;
    go_defer(second, NULL);
    go_panic_errorf("open %s: code %d", name, code);
}
