/* conformance: sequential panic: a deferred closure recovers panic 2 (checking the value), then
 *   panics 3, which its own deferred call recovers; the closure returns normally and the earlier
 *   deferred call finds no panic
 * rules: R3 R4 R5 R1 D6
 * from: test/recover1.go test2
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

static void sequential(void *unused)
{
    go_frame_void();
    (void)unused;
    go_any v = go_recover();
    if (go_is_nil(v) || !go_any_is(v, &go_type_int) || v.v.i != 2)
        die("wrong value");
    printf("closure: recovered 2\n");
    go_defer_args(must_recover, 3);
    go_panic(3);
}

static void test2(void)
{
    go_frame_void();
    go_defer_args(must_not_recover);
    go_defer(sequential, NULL);
    go_panic(2);
}

int main(void)
{
    test2();
    printf("test2 returned\n");
    return 0;
}
