/* conformance: a deferred call run by panic 1 panics with 4 and its own deferred call recovers 4; panic 1 then carries on to the caller's deferred call, which recovers 1
 * rules: P3 R4 R5 D6
 * from: src/runtime/defer_test.go TestIssue43921
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void expect(long n, go_any v)
{
    char buf[64];
    printf("want %ld have %s %s\n", n, go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf),
           go_any_is(v, &go_type_int) && v.v.i == n ? "true" : "false");
}

static void expect1(void *unused)
{
    (void)unused;
    expect(1, go_recover());
}

static void expect4(void *unused)
{
    (void)unused;
    expect(4, go_recover());
}

static void nothing(void *unused) { (void)unused; }

static void panics4(void *unused)
{
    (void)unused;
    go_frame_void();
    go_defer(expect4, NULL);
    go_panic(4);
}

static void inner(void)
{
    go_frame_void();
    for (;;) {
        go_defer(nothing, NULL);
        break;
    }
    go_defer(panics4, NULL);
    go_panic(1);
}

static void issue43921(void)
{
    go_frame_void();
    go_defer(expect1, NULL);
    inner();
}

int main(void)
{
    issue43921();
    printf("returned normally\n");
    return 0;
}
