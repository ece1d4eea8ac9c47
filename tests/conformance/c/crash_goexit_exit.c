/* conformance: go_goexit on the main thread while another goroutine sleeps: when it ends, the program dies with "no goroutines (main called runtime.Goexit) - deadlock!", exit status 2
 * rules: G5 C5
 * from: src/runtime/crash_test.go TestGoexitCrash (testprog GoexitExit)
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

/* gort knows a thread as a goroutine from its first use; main waits for that (Go knows a
 * goroutine from its go statement). */
static sem_t started;

static void *sleeper(void *unused)
{
    (void)unused;
    (void)go_goid(); /* this thread is a goroutine */
    sem_post(&started);
    usleep(1000);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    printf("t1\n");
    sem_init(&started, 0, 0);
    pthread_t t;
    pthread_create(&t, NULL, sleeper, NULL);
    sem_wait(&started);
    printf("t2\n");
    printf("t3\n");
    printf("t4\n");
    go_goexit();
}
