/* conformance: GOTRACEBACK=all prints the crashing goroutine and then every other goroutine (here a thread blocked in a function of its own); the crashing goroutine's frames match Go's
 * rules: C3 C5
 * from: src/runtime/crash_test.go TestGoroutineTraceback-like (SEMANTICS.md C3)
 * env: GOTRACEBACK=all
 */
#include <gort.h>
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

static __attribute__((noinline)) void blocked(void)
{
    for (;;)
        pause();
}

static void *worker(void *u)
{
    (void)u;
    (void)go_goid(); /* a goroutine from here on */
    pthread_mutex_lock(&mu);
    ready = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    blocked();
    return NULL;
}

static __attribute__((noinline)) void crash(void) { go_panic_str("all"); }

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&mu);
    while (!ready)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    crash();
    return 0;
}
