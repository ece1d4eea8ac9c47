/* conformance: recover in a deferred call returns the panic value exactly once; recover from a
 *   helper that deferred call makes (also a recursive helper) returns nil and leaves the panic
 *   for a later deferred call; after the recovery, a deferred call's recover returns nil
 * rules: R1 R2 R3 D1
 * from: test/recover.go test1
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void die(const char *why)
{
    printf("die: %s\n", why);
    go_panic("die");
}

static void must_recover_body(go_any v1, go_any v2, go_any v3, long x)
{
    if (!go_is_nil(v1))
        die("spurious recover");
    if (go_is_nil(v2)) {
        printf("missing recover %ld\n", x);
        die("missing recover");
    }
    if (!go_any_is(v2, &go_type_int) || v2.v.i != x)
        die("wrong value");
    if (!go_is_nil(v3))
        die("recover didn't recover");
    printf("mustRecover: recovered %ld\n", x);
}

static go_any double_recover(void)
{
    return go_recover();
}

static void must_recover(long x)
{
    go_any v1 = double_recover(); /* a helper: too deep */
    go_any v2 = go_recover();     /* the value */
    go_any v3 = go_recover();     /* already recovered */
    must_recover_body(v1, v2, v3, x);
}

static void must_not_recover(void)
{
    go_any v = go_recover();
    if (!go_is_nil(v))
        die("spurious recover");
    printf("mustNotRecover: nil\n");
}

static void without_recover(void)
{
    must_not_recover(); /* a sub-call */
    printf("withoutRecover: done\n");
}

static void without_recover_recursive(long n)
{
    if (n == 0) {
        without_recover_recursive(1);
        printf("withoutRecoverRecursive(0): done\n");
    } else {
        go_any v = go_recover();
        if (!go_is_nil(v))
            die("spurious recover (recursive)");
        printf("withoutRecoverRecursive(1): nil\n");
    }
}

static void test1(void)
{
    go_frame_void();
    go_defer_args(must_not_recover);             /* mustRecover squelches the panic first */
    go_defer_args(must_recover, 1);              /* recovers panic(1) */
    go_defer_args(without_recover);              /* no-op, leaves the panic */
    go_defer_args(without_recover_recursive, 0); /* likewise */
    go_panic(1);
}

int main(void)
{
    test1();
    printf("test1 returned\n");
    return 0;
}
