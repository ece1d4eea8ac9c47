/* conformance: deferring a nil function does not panic at the defer: the function body goes on
 *   (x = 1) and the panic, a nil-dereference run-time error, comes when the call would run at
 *   return; the caller's deferred call recovers it
 * rules: D5 E3 R3
 * from: test/defernil.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static int x = 0;

static void check(void *unused)
{
    (void)unused;
    go_any err = go_recover();
    if (go_is_nil(err))
        go_panic("did not panic");
    if (x != 1)
        go_panic("FAIL");
    char buf[128];
    printf("recovered: %s\n", go_any_format(err, buf, sizeof buf));
    printf("runtime.Error: %s\n", go_is_runtime_error(err) ? "true" : "false");
}

static void f(void)
{
    go_frame_void();
    void (*nilf)(void *) = NULL;
    go_defer(nilf, NULL);
    x = 1;
    printf("f: x = %d\n", x);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    go_defer(check, NULL);
    f();
    printf("f returned\n");
    return rc;
}
