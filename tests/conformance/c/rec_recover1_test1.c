/* conformance: nested recursive panic: a deferred closure panics again and its own deferred call
 *   recovers that newer panic; the older panic carries on to the next deferred call, which
 *   recovers it in turn
 * rules: P3 R4 R3 R2 D6
 * from: test/recover1.go test1
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void die(const char *why)
{
    printf("die: %s\n", why);
    go_panic("die");
}

static void must_not_recover(void)
{
    go_any v = go_recover();
    if (!go_is_nil(v)) {
        char buf[32];
        printf("spurious recover %s\n", go_any_format(v, buf, sizeof buf));
        die("spurious recover");
    }
    printf("mustNotRecover: nil\n");
}

static void must_recover(long x)
{
    must_not_recover(); /* not a deferred call */
    go_any v = go_recover();
    if (go_is_nil(v))
        die("missing recover");
    if (!go_any_is(v, &go_type_int) || v.v.i != x)
        die("wrong value");
    if (!go_is_nil(go_recover()))
        die("recover didn't recover");
    printf("mustRecover: recovered %ld\n", x);
}

/* func() { defer mustRecover(2); panic(2) } */
static void nested(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer_args(must_recover, 2);
    go_panic(2);
}

static void test1(void)
{
    go_frame_void();
    go_defer_args(must_recover, 1);
    go_defer(nested, NULL);
    go_panic(1);
}

int main(void)
{
    test1();
    printf("test1 returned\n");
    return 0;
}
