/* conformance: go_goexit runs a deferred call that panics; the next deferred call recovers it; main does not return normally: the Goexit resumes and ends in the deadlock fatal error
 * rules: G2 R3 G5 C5
 * from: src/runtime/crash_test.go TestRecoverBeforePanicAfterGoexit (testprog RecoverBeforePanicAfterGoexit)
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

static void panicker(void *unused)
{
    (void)unused;
    printf("deferred call panics\n");
    go_panic("hello");
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(recoverer, NULL);
    go_defer(panicker, NULL);
    printf("main calls Goexit\n");
    go_goexit();
    printf("not reached\n");
    return rc;
}
