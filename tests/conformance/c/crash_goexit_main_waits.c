/* conformance: go_goexit on the main thread runs main's deferred calls LIFO, lets a running goroutine finish, then dies with the Goexit deadlock fatal error, exit status 2
 * rules: G1 G5 C5
 * from: src/runtime/crash_test.go TestGoexitCrash, TestGoexitDeadlock (SEMANTICS.md G5)
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t started, release;

static void *worker(void *unused)
{
    (void)unused;
    (void)go_goid(); /* a goroutine from now on */
    sem_post(&started);
    sem_wait(&release);
    printf("worker runs after main's deferred calls\n");
    return NULL;
}

static void say(void *s) { printf("%s\n", (const char *)s); }
static void do_release(void *unused)
{
    (void)unused;
    sem_post(&release);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    sem_init(&started, 0, 0);
    sem_init(&release, 0, 0);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    sem_wait(&started);
    go_defer(do_release, NULL);
    go_defer(say, "main's first deferred call");
    go_defer(say, "main's second deferred call");
    printf("main calls Goexit\n");
    go_goexit();
    printf("not reached\n");
    return rc;
}
