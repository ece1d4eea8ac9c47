/* conformance: after a deferred call recovers, the function keeps running its earlier deferred
 *   calls (a closure setting a captured flag) before it returns normally
 * rules: R5 D1 R3
 * from: test/recover.go test7
 * frames: compare
 */
#include <gort.h>
#include <stdbool.h>
#include <stdio.h>

static void die(const char *why)
{
    printf("die: %s\n", why);
    go_panic("die");
}

static go_any double_recover(void)
{
    return go_recover();
}

static void must_recover(long x)
{
    go_any v1 = double_recover();
    go_any v2 = go_recover();
    go_any v3 = go_recover();
    if (!go_is_nil(v1))
        die("spurious recover");
    if (go_is_nil(v2))
        die("missing recover");
    if (!go_any_is(v2, &go_type_int) || v2.v.i != x)
        die("wrong value");
    if (!go_is_nil(v3))
        die("recover didn't recover");
    printf("mustRecover: recovered %ld\n", x);
}

/* func() { ok = true } */
static void set_ok(void *ok)
{
    *(bool *)ok = true;
    printf("ok func ran\n");
}

static void inner(bool *ok)
{
    go_frame_void();
    go_defer(set_ok, ok);
    go_defer_args(must_recover, 7);
    go_panic(7);
}

static void test7(void)
{
    bool ok = false;
    inner(&ok);
    if (!ok)
        die("did not run ok func");
    printf("test7: ok = %s\n", ok ? "true" : "false");
}

int main(void)
{
    test7();
    return 0;
}
