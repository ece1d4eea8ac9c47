/* conformance: a nil panic value is recovered as a non-nil run-time error whose text is "panic called with nil argument"; a second recover in the same deferred call returns nil
 * rules: P4 R3 R5
 * from: src/runtime/panicnil_test.go TestPanicNil (default)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void check(void *u)
{
    (void)u;
    go_any e = go_recover();
    char buf[128];
    printf("recovered non-nil: %s\n", go_is_nil(e) ? "false" : "true");
    printf("runtime.Error: %s\n", go_is_runtime_error(e) ? "true" : "false");
    printf("value: %s\n", go_is_nil(e) ? "<nil>" : go_any_format(e, buf, sizeof buf));
    go_any again = go_recover();
    printf("second recover: %s\n", go_is_nil(again) ? "<nil>" : go_any_format(again, buf, sizeof buf));
}

static void check_panic_nil(void)
{
    go_frame_void();
    go_defer(check, NULL);
    go_panic_value(go_nil());
}

int main(void)
{
    check_panic_nil();
    printf("checkPanicNil returned normally\n");
    return 0;
}
