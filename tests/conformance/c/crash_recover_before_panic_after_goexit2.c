/* conformance: as crash_recover_before_panic_after_goexit, with two loop-queued deferred calls under them: after the recovery the Goexit resumes and runs them, then the fatal error
 * rules: G2 D1 D3 R3 G5 C5
 * from: src/runtime/crash_test.go TestRecoverBeforePanicAfterGoexit2 (testprog RecoverBeforePanicAfterGoexit2)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void loop_deferred(long i) { printf("loop deferred call %ld\n", i); }

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
    for (long i = 0; i < 2; i++)
        go_defer_args(loop_deferred, i);
    go_defer(recoverer, NULL);
    go_defer(panicker, NULL);
    printf("main calls Goexit\n");
    go_goexit();
    printf("not reached\n");
    return rc;
}
