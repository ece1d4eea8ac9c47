/* conformance: sequential panic, less picky: recover() as a statement stops panic 2, the same
 *   closure then panics 3 and its deferred call recovers it; nothing is left for the earlier
 *   deferred call
 * rules: R4 R5 R1 D6
 * from: test/recover1.go test3, test4
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
    go_recover();
    go_defer_args(must_recover, 3);
    go_panic(3);
}

static void single(void *unused)
{
    (void)unused;
    go_recover();
}

static void test3(void)
{
    go_frame_void();
    go_defer_args(must_not_recover);
    go_defer(sequential, NULL);
    go_panic(2);
}

/* test4: a single panic squelched by a closure */
static void test4(void)
{
    go_frame_void();
    go_defer_args(must_not_recover);
    go_defer(single, NULL);
    go_panic(4);
}

int main(void)
{
    test3();
    printf("test3 returned\n");
    test4();
    printf("test4 returned\n");
    return 0;
}
