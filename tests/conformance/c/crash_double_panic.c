/* conformance: both values of a two-panic chain print through their format function (Go's String method): "panic: XXX" / "\tpanic: YYY"
 * rules: P5 P2 C1 C5
 * from: src/runtime/crash_test.go TestDoublePanic (testprog DoublePanic)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static int format_p(void *v, char *buf, size_t size) { return snprintf(buf, size, "%s", (const char *)v); }
static const go_type p_type = {"main.P", GO_KIND_POINTER, format_p};

static char xxx[] = "XXX", yyy[] = "YYY";

static void deferred(void *u)
{
    (void)u;
    go_panic_ptr(yyy, &p_type);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    go_defer(deferred, NULL);
    go_panic_ptr(xxx, &p_type);
}
