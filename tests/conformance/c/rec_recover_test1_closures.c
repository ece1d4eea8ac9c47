/* conformance: test1 with closures as the deferred calls: a closure taking the expected value as
 *   its argument recovers it after a helper it calls got nil; the earlier-deferred closure,
 *   run after the recovery, gets nil
 * rules: R1 R2 R3 D2
 * from: test/recover.go test1WithClosures
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
    if (!go_is_nil(v))
        die("spurious recover");
    printf("mustNotRecover: nil\n");
}

/* defer func() { v := recover(); ... }() */
static void closure_last(void *unused)
{
    (void)unused;
    go_any v = go_recover();
    if (!go_is_nil(v))
        die("spurious recover in closure");
    printf("closure 1: nil\n");
}

/* defer func(x interface{}) { mustNotRecover(); v := recover(); ... }(1) */
static void closure_recovers(long x)
{
    must_not_recover();
    go_any v = go_recover();
    if (go_is_nil(v)) {
        printf("missing recover %ld\n", x);
        die("missing recover");
    }
    if (!go_any_is(v, &go_type_int) || v.v.i != x)
        die("wrong value");
    printf("closure 2: recovered %ld\n", (long)v.v.i);
}

/* defer func() { mustNotRecover() }() */
static void closure_first(void *unused)
{
    (void)unused;
    must_not_recover();
    printf("closure 3: done\n");
}

static void test1_with_closures(void)
{
    go_frame_void();
    go_defer(closure_last, NULL);
    go_defer_args(closure_recovers, 1);
    go_defer(closure_first, NULL);
    go_panic(1);
}

int main(void)
{
    test1_with_closures();
    printf("test1WithClosures returned\n");
    return 0;
}
