/* conformance: deferred calls with very large frames (an 800 KB local array) still recover
 *   exactly when called by the panic, both as plain functions with an argument and as closures
 * rules: R2 R3 R1 D2
 * from: test/recover.go test6, test6WithClosures
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void die(const char *why)
{
    printf("die: %s\n", why);
    go_panic("die");
}

static void big(long must_recover)
{
    volatile long x[100000];
    x[0] = 1;
    x[99999] = 1;
    (void)x;

    go_any v = go_recover();
    if (must_recover) {
        if (go_is_nil(v))
            die("missing big recover");
        printf("big(true): recovered\n");
    } else {
        if (!go_is_nil(v))
            die("spurious big recover");
        printf("big(false): nil\n");
    }
}

static void test6(void)
{
    go_frame_void();
    go_defer_args(big, 0);
    go_defer_args(big, 1);
    go_panic(6);
}

static void big_closure_no(void *unused)
{
    (void)unused;
    volatile long x[100000];
    x[0] = 1;
    x[99999] = 1;
    (void)x;
    if (!go_is_nil(go_recover()))
        die("spurious big closure recover");
    printf("big closure 1: nil\n");
}

static void big_closure_yes(void *unused)
{
    (void)unused;
    volatile long x[100000];
    x[0] = 1;
    x[99999] = 1;
    (void)x;
    go_any v = go_recover();
    if (go_is_nil(v))
        die("missing big closure recover");
    char buf[32];
    printf("big closure 2: recovered %s\n", go_any_format(v, buf, sizeof buf));
}

static void test6_with_closures(void)
{
    go_frame_void();
    go_defer(big_closure_no, NULL);
    go_defer(big_closure_yes, NULL);
    go_panic("6WithClosures");
}

int main(void)
{
    test6();
    printf("test6 returned\n");
    test6_with_closures();
    printf("test6WithClosures returned\n");
    return 0;
}
