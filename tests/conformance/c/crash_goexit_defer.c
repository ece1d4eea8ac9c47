/* conformance: go_goexit on a thread runs its deferred call, whose recover returns nil; the thread ends and main carries on
 * rules: G1 R9 R1
 * from: src/runtime/crash_test.go TestGoexitDefer
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

static void deferred(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("recover during Goexit: %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void *goroutine(void *unused)
{
    void *result = NULL;
    go_frame(result);
    (void)unused;
    go_defer(deferred, NULL);
    printf("goroutine calls Goexit\n");
    go_goexit();
    printf("not reached\n");
    return result;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, goroutine, NULL);
    pthread_join(t, NULL);
    printf("main received\n");
    return 0;
}
