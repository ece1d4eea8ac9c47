/* conformance: the main goroutine calls Goexit; its deferred call hands a value to another
 *   goroutine, which prints it and ends; with no goroutine left the program dies with
 *   `fatal error: no goroutines (main called runtime.Goexit) - deadlock!`, exit status 2
 * rules: G5 G1 C5
 * from: test/fixedbugs/issue5963.go (variant: the other goroutine returns instead of exiting)
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int c[2]; /* the channel: a pipe */
static sem_t started;

static void send0(void *unused)
{
    (void)unused;
    printf("main: deferred send\n");
    fflush(stdout);
    int v = 0;
    if (write(c[1], &v, sizeof v) != sizeof v)
        abort();
}

static void *helper(void *unused)
{
    (void)unused;
    (void)go_goid(); /* a goroutine from here on */
    sem_post(&started);
    int v = -1;
    if (read(c[0], &v, sizeof v) != sizeof v)
        abort();
    printf("helper: got %d\n", v);
    fflush(stdout);
    return NULL;
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    if (pipe(c) != 0)
        abort();
    sem_init(&started, 0, 0);
    go_defer(send0, NULL);
    pthread_t t;
    pthread_create(&t, NULL, helper, NULL);
    pthread_detach(t); /* never joined, as a goroutine */
    sem_wait(&started);
    go_goexit();
}
