/* conformance: test6 with `defer recover()` written as a deferred closure: during panic 2 a
 *   deferred closure defers that wrapper, defers mustRecover(3) and panics 3; mustRecover(3)
 *   recovers 3; the wrapper then runs at the closure's normal return, not from panic 2, so it
 *   gets nil; panic 2 is still running and the outer deferred call recovers it
 * rules: R8 P3 R4 R3 D6
 * from: test/recover1.go test6 (variant: recover wrapped in a closure)
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

static void report(const char *who)
{
    go_any v = go_recover();
    char buf[32];
    printf("%s: recover() = %s\n", who, go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
}

static void wrapper(void *unused)
{
    (void)unused;
    go_any v = go_recover();
    char buf[32];
    printf("wrapper: recover() = %s\n", go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
}

static void closure(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer(wrapper, NULL);
    go_defer_args(must_recover, 3);
    go_panic(3);
}

static void test6(void)
{
    go_frame_void();
    go_defer_args(report, (const char *)"outer");
    go_defer(closure, NULL);
    go_panic(2);
}

int main(void)
{
    test6();
    printf("test6 returned\n");
    return 0;
}
