/* Goexit in a deferred call during a panic, on a second goroutine (a thread): the goroutine
 * ends quietly, its panic dropped (G4); the remaining deferred calls still run (G1). */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

static void last_words(void *p) { printf("last words %s\n", (char *)p); }
static void quit(void *p)
{
    (void)p;
    go_goexit();
}

static void *worker(void *arg)
{
    void *result = arg;
    go_frame(result);
    go_defer(last_words, "worker");
    go_defer(quit, NULL);
    go_panic("never reported");
    return result;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    printf("main goes on\n");
    return 0;
}
