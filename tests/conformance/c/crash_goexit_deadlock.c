/* conformance: main calls go_goexit after starting two short goroutines; when they have ended the program dies with the Goexit deadlock fatal error, exit status 2
 * rules: G5 C5
 * from: src/runtime/crash_test.go TestGoexitDeadlock (testprog GoexitDeadlock)
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

/* gort knows a thread as a goroutine from its first use; main waits for that (Go knows a
 * goroutine from its go statement). */
static sem_t started;

static void *f(void *unused)
{
    (void)unused;
    (void)go_goid();
    sem_post(&started);
    for (volatile int i = 0; i < 10; i++) {
    }
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    sem_init(&started, 0, 0);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, f, NULL);
    pthread_create(&t2, NULL, f, NULL);
    sem_wait(&started);
    sem_wait(&started);
    printf("main calls Goexit\n");
    go_goexit();
    printf("not reached\n");
}
