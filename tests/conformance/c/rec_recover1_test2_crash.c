/* conformance: test2 without the deferred mustRecover(3): the closure recovers panic 2 and then
 *   panics 3 before returning, so panic 2 stays on the chain; the earlier deferred call gets
 *   panic 3 (the newest), and re-panics it; the report reads `panic: 2 [recovered]` /
 *   `panic: 3 [recovered]` / `panic: 3` (Go 1.23 prints a re-panicked value twice)
 * rules: R6 R4 C1 P1
 * from: test/recover1.go test2 (variant)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void report(void)
{
    go_any v = go_recover();
    char buf[32];
    printf("report: recover() = %s\n", go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
    if (!go_is_nil(v))
        go_panic_value(v); /* re-panic what it caught */
}

static void sequential(void *unused)
{
    (void)unused;
    go_any v = go_recover();
    char buf[32];
    printf("closure: recovered %s\n", go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
    go_panic(3);
}

static void test2(void)
{
    go_frame_void();
    go_defer_args(report);
    go_defer(sequential, NULL);
    go_panic(2);
}

int main(void)
{
    test2();
    printf("test2 returned\n");
    return 0;
}
