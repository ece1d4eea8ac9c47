/* conformance: a hundred goroutines, one after the other, each ending with Goexit after using
 *   some stack: each runs its deferred call and its thread ends (the code after Goexit never
 *   runs); the main goroutine carries on
 * rules: G1 D1
 * from: test/fixedbugs/issue11256.go
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

static int deferred_runs, after_goexit;

static void count(void *unused)
{
    (void)unused;
    deferred_runs++;
}

static void *worker(void *unused)
{
    void *ret = NULL;
    go_frame(ret);
    (void)unused;
    volatile char buf[1024] = {0};
    buf[0]++;
    go_defer(count, NULL);
    go_goexit();
}

static void *worker_caller(void *arg)
{
    worker(arg);
    after_goexit++;
    return NULL;
}

int main(void)
{
    for (int i = 0; i < 100; i++) {
        pthread_t t;
        pthread_create(&t, NULL, worker_caller, NULL);
        pthread_join(t, NULL);
    }
    printf("deferred calls run: %d, returns after Goexit: %d\n", deferred_runs, after_goexit);
    return 0;
}
