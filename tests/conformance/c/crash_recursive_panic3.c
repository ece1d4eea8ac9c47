/* conformance: a newer panic recovered inside the deferred call the first panic was running lets the first panic carry on; it is printed alone ("panic: first panic"), exit status 2
 * rules: P3 R4 R7 C1 C5
 * from: src/runtime/crash_test.go TestRecursivePanic3 (testprog RecursivePanic3)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void print_recover(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("recovered: %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void deferred(void *unused)
{
    (void)unused;
    go_frame_void();
    go_defer(print_recover, NULL);
    go_panic("second panic");
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(deferred, NULL);
    go_panic("first panic");
}
