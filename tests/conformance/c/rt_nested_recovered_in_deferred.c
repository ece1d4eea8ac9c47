/* conformance: while a panic runs a deferred call, that call makes three calls that each panic and recover their own panic; the outer panic then carries on and the next deferred call recovers it
 * rules: P3 R4 R7 R5
 * from: src/runtime/crash_test.go TestRecursivePanic3 (recovered three times, then recovered)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void helper_deferred(long i)
{
    go_any r = go_recover();
    char buf[64];
    printf("helper %ld recovered: %s\n", i, go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void helper(long i)
{
    go_frame_void();
    go_defer_args(helper_deferred, i);
    go_panicf("inner %ld", i);
}

static void f_recover(void *u)
{
    (void)u;
    go_any r = go_recover();
    char buf[64];
    printf("f recovered: %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void helpers(void *u)
{
    (void)u;
    for (long i = 0; i < 3; i++)
        helper(i);
    printf("deferred call done; outer panic still running\n");
}

static void f(void)
{
    go_frame_void();
    go_defer(f_recover, NULL);
    go_defer(helpers, NULL);
    go_panic("outer");
}

int main(void)
{
    f();
    printf("f returned\n");
    return 0;
}
