/* conformance: deferred calls in two frames each panic while a panic unwinds; the report lists "panic: hello", "\tpanic: panic pt2", "\tpanic: panic pt1"
 * rules: P1 P2 C1 C5
 * from: src/runtime/crash_test.go TestPanicTraceback (testprog PanicTraceback)
 * frames: compare
 */
#include <gort.h>

static void panic_pt1(void *u)
{
    (void)u;
    go_panic("panic pt1");
}

static void panic_pt2(void *u)
{
    (void)u;
    go_panic("panic pt2");
}

static void pt2(void)
{
    go_frame_void();
    go_defer(panic_pt2, NULL);
    go_panic("hello");
}

static void pt1(void)
{
    go_frame_void();
    go_defer(panic_pt1, NULL);
    pt2();
}

int main(void)
{
    pt1();
    return 0;
}
