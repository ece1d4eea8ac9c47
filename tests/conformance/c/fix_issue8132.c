/* conformance: a deferred closure recovers a panic and then panics again before returning; the
 *   newer panic leaves the inner function and the outer function's deferred closure recovers
 *   it (the newest), after which the outer function returns normally
 * rules: R6 R4 R5 P2
 * from: test/fixedbugs/issue8132.go (the nil dereferences become explicit panics)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <string.h>

static void outer_recover(void *unused)
{
    (void)unused;
    go_any v = go_recover();
    char buf[32];
    printf("outer: recovered %s\n", go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
}

static void inner_recover(void *unused)
{
    (void)unused;
    go_any err = go_recover();
    if (!go_is_nil(err)) {
        char buf[32];
        printf("inner: recovered %s, panicking again\n", go_any_format(err, buf, sizeof buf));
        go_panic("second");
    }
}

struct big {
    unsigned char x[8192];
};

static void inner(struct big *x)
{
    go_frame_void();
    struct big copy;
    memcpy(&copy, x, sizeof copy);
    go_defer(inner_recover, NULL);
    go_panic("first");
}

static void outer(void)
{
    go_frame_void();
    go_defer(outer_recover, NULL);
    struct big x;
    memset(&x, 0, sizeof x);
    inner(&x);
    printf("inner returned (must not happen)\n");
}

int main(void)
{
    outer();
    printf("outer returned\n");
    return 0;
}
