/* conformance: go_goexit in a deferred call run by a panic ends the thread quietly: the panic is dropped (a later recover sees nil), the remaining deferred calls run, main exits 0
 * rules: G4 G1 R9
 * from: src/runtime/crash_test.go TestGoexitInPanic (in a thread, with main continuing)
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

static void goexit_deferred(void *unused)
{
    (void)unused;
    printf("deferred call calls Goexit\n");
    go_goexit();
}

static void work(void)
{
    go_frame_void();
    go_defer(goexit_deferred, NULL);
    printf("work panics\n");
    go_panic("dropped");
}

static void outer_deferred(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("outer deferred call: recover = %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void *goroutine(void *unused)
{
    void *result = NULL;
    go_frame(result);
    (void)unused;
    go_defer(outer_deferred, NULL);
    work();
    printf("not reached\n");
    return result;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, goroutine, NULL);
    pthread_join(t, NULL);
    printf("main continues; the panic was dropped\n");
    return 0;
}
