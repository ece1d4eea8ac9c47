/* conformance: deferred panics (Go's `defer panic(n)`) inside deferred calls: each newer panic is recovered in the frame that deferred it and the first panic still reaches the outermost recover
 * rules: P2 P3 R4 R5 D6
 * from: src/runtime/defer_test.go TestIssue43920
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

static void step(int *steps, long want)
{
    ++*steps;
    printf("step %d want %ld\n", *steps, want);
}

static void expect1(void *unused)
{
    (void)unused;
    expect(1, go_recover());
}

static void expect3(void *unused)
{
    (void)unused;
    expect(3, go_recover());
}

static void expect5(void *unused)
{
    (void)unused;
    expect(5, go_recover());
}

static void panics4(void) { go_panic(4); }

static void innermost(void *unused)
{
    (void)unused;
    go_frame_void();
    go_defer(expect5, NULL);
    go_defer_args(go_panic_int, 5); /* defer panic(5) */
    panics4();
}

static void middle(void *unused)
{
    (void)unused;
    go_frame_void();
    go_defer(innermost, NULL);
    go_defer(expect3, NULL);
    go_defer_args(go_panic_int, 3); /* defer panic(3) */
}

static void panics1(int *steps)
{
    go_frame_void();
    go_defer_args(step, steps, 1);
    go_panic(1);
}

static void issue43920(void)
{
    go_frame_void();
    int steps = 0;
    go_defer(expect1, NULL);
    go_defer(middle, NULL);
    panics1(&steps);
}

int main(void)
{
    issue43920();
    printf("returned normally\n");
    return 0;
}
