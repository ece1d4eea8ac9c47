/* conformance: a function that ends in an unconditional panic still runs its deferred call, which recovers the exact value; the function then returns normally
 * rules: P1 R3 R5
 * from: src/runtime/defer_test.go TestUnconditionalPanic
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <string.h>

static const char *const msg = "testUnconditional";

static void check(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    int same = go_any_is(r, &go_type_string) && strcmp(r.v.s, msg) == 0;
    printf("recovered: %s %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf),
           same ? "true" : "false");
}

static void unconditional(void)
{
    go_frame_void();
    go_defer(check, NULL);
    go_panic(msg);
}

int main(void)
{
    unconditional();
    printf("unconditional returned normally\n");
    return 0;
}
