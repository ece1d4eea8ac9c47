/* Panic in a goroutine (a second thread), unrecovered: its deferred calls run, then the
 * program dies with exit status 2 (P1); the crash writes the trace. */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

static void cleanup(void *p) { printf("cleanup %s\n", (char *)p); }

static __attribute__((noinline)) void fail(void)
{
    go_frame_void();
    go_defer(cleanup, "fail");
    go_panic_errorf("worker %d failed", 2);
}

static void *worker(void *arg)
{
    void *result = arg;
    go_frame(result);
    go_defer(cleanup, "worker");
    fail();
    return result;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    return 0;
}
