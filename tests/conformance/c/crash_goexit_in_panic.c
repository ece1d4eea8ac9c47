/* conformance: go_goexit in a deferred call run by a panic ends the thread quietly and drops the panic; main has called go_goexit, so the program dies with the deadlock fatal error
 * rules: G4 G5 C5
 * from: src/runtime/crash_test.go TestGoexitInPanic (testprog GoexitInPanic)
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

/* gort knows a thread as a goroutine from its first use; main waits for that (Go knows a
 * goroutine from its go statement). */
static sem_t started;

static void deferred(void *unused)
{
    (void)unused;
    printf("deferred call calls Goexit\n");
    go_goexit();
}

static void *goroutine(void *unused)
{
    void *result = NULL;
    go_frame(result);
    (void)unused;
    go_defer(deferred, NULL);
    sem_post(&started);
    printf("goroutine panics\n");
    go_panic("hello");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    printf("main starts the goroutine and calls Goexit\n");
    sem_init(&started, 0, 0);
    pthread_t t;
    pthread_create(&t, NULL, goroutine, NULL);
    sem_wait(&started);
    go_goexit();
}
