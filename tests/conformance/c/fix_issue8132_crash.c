/* conformance: a deferred closure recovers a panic and then panics again before returning;
 *   nothing recovers the newer panic, so the report lists the first one as recovered:
 *   `panic: first [recovered]` / `panic: second`; the outer function's deferred call runs
 * rules: R6 C1 P1 C5
 * from: test/fixedbugs/issue8132.go (variant: no outer recover)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void outer_deferred(void *unused)
{
    (void)unused;
    printf("outer: deferred call runs\n");
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

static void inner(void)
{
    go_frame_void();
    go_defer(inner_recover, NULL);
    go_panic("first");
}

static void outer(void)
{
    go_frame_void();
    go_defer(outer_deferred, NULL);
    inner();
}

int main(void)
{
    outer();
    printf("outer returned (must not happen)\n");
    return 0;
}
