/* conformance: a panic in a call deferred before go_goexit, recovered inside that call, lets the Goexit go on: main still dies with the Goexit deadlock fatal error
 * rules: G2 R3 G5 C5
 * from: src/runtime/crash_test.go TestRecoveredPanicAfterGoexit (testprog RecoveredPanicAfterGoexit)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void recoverer(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("recovered: %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
    if (go_is_nil(r))
        go_panic("bad recover");
}

static void deferred(void *unused)
{
    (void)unused;
    go_frame_void();
    go_defer(recoverer, NULL);
    printf("deferred call panics\n");
    go_panic("hello");
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(deferred, NULL);
    printf("main calls Goexit\n");
    go_goexit();
    printf("not reached\n");
    return rc;
}
