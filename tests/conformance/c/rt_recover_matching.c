/* conformance: a call deferred inside a deferred call runs when that call returns, not from the panic, so its recover returns nil; the next deferred call of the panicking frame recovers
 * rules: D6 R2 R8 R5
 * from: src/runtime/defer_test.go TestRecoverMatching
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void print_recovered(const char *who, go_any r)
{
    char buf[64];
    printf("%s recovered: %s\n", who, go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void outer(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    print_recovered("outer deferred call", r);
}

static void nested(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    print_recovered("nested deferred call", r);
}

static void defers_nested(void *unused)
{
    (void)unused;
    go_frame_void();
    go_defer(nested, NULL);
    printf("deferred call returns\n");
}

static void matching(void)
{
    go_frame_void();
    go_defer(outer, NULL);
    go_defer(defers_nested, NULL);
    go_panic("panic1");
}

int main(void)
{
    matching();
    printf("matching returned normally\n");
    return 0;
}
