/*
 * goroutines.c — scheduler goroutines in the trace: goroutine 1 starts a consumer that parks
 * on an unbuffered channel receive, sends it a value, and waits for it on a WaitGroup (parking
 * in turn); the consumer defers a call, receives, and exits. One worker (go_gomaxprocs(1)), so
 * the park and the resumption really happen. run.sh checks the events (create with the parent,
 * start, park with Go's wait reason, exit) and the JSON's track per goroutine.
 */
#include <gort.h>

#include <stdio.h>

static go_waitgroup wg;

static void done(void *p) { go_wg_done(p); }

static void consumer(void *arg)
{
    go_frame_void();
    go_defer(done, &wg);
    int v = 0;
    go_chan_recv(arg, &v);
    printf("consumer received %d\n", v);
}

int main(void)
{
    go_gomaxprocs(1);
    go_chan *c = go_chan_make(sizeof(int), 0);
    go_wg_add(&wg, 1);
    go_go(consumer, c);
    go_yield(); /* the consumer runs and parks on its receive */
    int v = 42;
    go_chan_send(c, &v);
    go_wg_wait(&wg);
    printf("main done\n");
    return 0;
}
