/* conformance: test7 with `defer recover()` written as a deferred closure: during panic 2 a
 *   deferred closure defers report(3), then the wrapper, and panics 3; the wrapper is run by
 *   panic 3 itself, so unlike the builtin it does recover 3; report(3) then runs at the closure's
 *   normal return and gets nil; panic 2 goes on to the outer deferred call, which recovers it
 * rules: R4 R8 P3 R5 D6
 * from: test/recover1.go test7 (variant: recover wrapped in a closure)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

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
    go_defer_args(report, (const char *)"report(3)");
    go_defer(wrapper, NULL);
    go_panic(3);
}

static void test7(void)
{
    go_frame_void();
    go_defer_args(report, (const char *)"report(2)");
    go_defer(closure, NULL);
    go_panic(2);
}

int main(void)
{
    test7();
    printf("test7 returned\n");
    return 0;
}
