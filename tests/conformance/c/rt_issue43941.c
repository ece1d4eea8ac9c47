/* conformance: nested deferred panics recovered at several levels, then a later panic that unwinds through frames whose unreached defers queued nothing; steps run in order 8..14
 * rules: D1 D3 P2 P3 R4 R5
 * from: src/runtime/defer_test.go TestIssue43941
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

static void nothing(void *unused) { (void)unused; }

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

static void outer_deferred(int *steps)
{
    step(steps, 14);
    expect(4, go_recover());
}

static void panics2(void *unused)
{
    (void)unused;
    go_frame_void();
    go_defer(expect3, NULL);
    go_defer_args(go_panic_int, 3); /* defer panic(3) */
    go_panic(2);
}

static void level2(void)
{
    go_frame_void();
    go_defer(panics2, NULL);
    go_defer(expect1, NULL);
    go_defer_args(go_panic_int, 1); /* defer panic(1) */
}

static void level1(int *steps)
{
    go_frame_void();
    level2();
    go_defer(nothing, NULL);
    go_defer(nothing, NULL);
    go_defer_args(step, steps, 10);
    go_defer_args(step, steps, 9);
    step(steps, 8);
}

static void panics4(int *steps)
{
    go_frame_void();
    go_defer_args(step, steps, 11);
    go_panic(4);
}

static volatile int reached_after_panic;

static void second(int *steps)
{
    go_frame_void();
    go_defer_args(step, steps, 13);
    go_defer_args(step, steps, 12);
    panics4(steps);

    /* Not reached. */
    reached_after_panic = 1;
    go_defer(nothing, NULL);
    go_defer_args(go_panic_int, -1);
    go_defer_args(step, steps, -1);
    go_defer_args(step, steps, -1);
    go_defer(nothing, NULL);
}

static void issue43941(void)
{
    go_frame_void();
    int steps = 7;
    go_defer_args(outer_deferred, &steps);
    level1(&steps);
    second(&steps);
}

int main(void)
{
    issue43941();
    printf("returned normally\n");
    return 0;
}
