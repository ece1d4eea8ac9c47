/* conformance: on a thread, a panic raised by a call deferred during go_goexit and recovered in a caller's deferred call does not cancel the Goexit: the caller does not return, the remaining deferred calls run and the thread ends
 * rules: G2 G1 R3
 * from: src/runtime/crash_test.go TestRecoveredPanicAfterGoexit, TestRecoverBeforePanicAfterGoexit
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

static void say(void *s) { printf("%s\n", (const char *)s); }

static void inner_deferred(void *unused)
{
    (void)unused;
    printf("inner's deferred call panics\n");
    go_panic("hello");
}

static void inner(void)
{
    go_frame_void();
    go_defer(inner_deferred, NULL);
    printf("inner calls Goexit\n");
    go_goexit();
}

static void middle_deferred(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("middle recovered: %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void middle(void)
{
    go_frame_void();
    go_defer(middle_deferred, NULL);
    inner();
    printf("middle: inner returned (wrong)\n");
}

static void worker(void)
{
    go_frame_void();
    go_defer(say, "worker's deferred call");
    middle();
    printf("worker: middle returned (wrong)\n");
}

static void *goroutine(void *unused)
{
    (void)unused;
    worker();
    printf("goroutine: worker returned (wrong)\n");
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, goroutine, NULL);
    pthread_join(t, NULL);
    printf("goroutine ended\n");
    return 0;
}
