/* conformance: the main goroutine calls Goexit: its deferred call runs (sending 0), while another
 *   goroutine, still running, receives it and exits the process with that status: exit 0 and
 *   no fatal error
 * rules: G5 G1
 * from: test/fixedbugs/issue5963.go
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
    printf("deferred: c <- 0\n");
    fflush(stdout);
    int v = 0;
    if (write(c[1], &v, sizeof v) != sizeof v)
        abort();
}

static void *exiter(void *unused)
{
    (void)unused;
    (void)go_goid(); /* a goroutine from here on */
    sem_post(&started);
    int v = -1;
    if (read(c[0], &v, sizeof v) != sizeof v)
        abort();
    printf("goroutine: os.Exit(%d)\n", v);
    exit(v);
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
    pthread_create(&t, NULL, exiter, NULL);
    pthread_detach(t); /* never joined, as a goroutine */
    sem_wait(&started);
    go_goexit();
}
