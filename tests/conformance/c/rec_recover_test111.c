/* conformance: a deferred call that the panic is running first calls a function that panics
 *   again and recovers that newer panic in its own deferred closure; the older panic then
 *   carries on and the deferred call still recovers it directly
 * rules: P3 R4 R2 R3
 * from: test/recover.go test111 (T3deeper, badstate, Tiny)
 * frames: compare
 */
#include <gort.h>
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

/* func() { recover() } */
static void squelch(void *unused)
{
    (void)unused;
    go_any v = go_recover();
    char buf[32];
    printf("badstate: recovered %s\n", go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
}

/* Tiny.M */
static void tiny_m(void)
{
    go_panic(112);
}

static void badstate(void)
{
    go_frame_void();
    go_defer(squelch, NULL);
    tiny_m();
}

/* T3deeper.M */
static void t3deeper_m(void *recv)
{
    (void)recv;
    badstate();
    printf("badstate returned\n");
    go_any v1 = double_recover();
    go_any v2 = go_recover();
    go_any v3 = go_recover();
    if (!go_is_nil(v1))
        die("spurious recover");
    if (go_is_nil(v2))
        die("missing recover");
    if (!go_any_is(v2, &go_type_int) || v2.v.i != 111)
        die("wrong value");
    if (!go_is_nil(v3))
        die("recover didn't recover");
    printf("recovered 111\n");
}

static void test111(void)
{
    go_frame_void();
    static char recv;
    go_defer(t3deeper_m, &recv);
    go_panic(111);
}

int main(void)
{
    test111();
    printf("test111 returned\n");
    return 0;
}
