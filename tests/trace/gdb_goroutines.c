/*
 * gdb_goroutines.c — the gdb extension on scheduler goroutines (tests/trace/run.sh, TRACE_GDB=1).
 * Goroutine 2 (receiver) parks in a channel receive; goroutine 3 (sender) sleeps, then stops
 * in stop_here() on a worker thread while 2 is still parked. `info goroutines` must list both
 * with their states, `goroutine 2 bt` must walk 2's saved context down to receiver(), and
 * `gort defers` must show sender's pending call (and not take the goroutine's own entry call,
 * made through the trampoline, for a running deferred call).
 */
#include <gort.h>
#include <stdio.h>

static go_waitgroup wg;
static go_chan *ch;

__attribute__((noinline)) void stop_here(void) { __asm__ volatile("" ::: "memory"); }
static void done(void *p) { (void)p; go_wg_done(&wg); }

static __attribute__((noinline)) void receiver(void *p)
{
    (void)p;
    go_frame_void();
    go_defer(done, NULL);
    int v;
    go_chan_recv(ch, &v);
}

static __attribute__((noinline)) void sender(void *p)
{
    (void)p;
    go_frame_void();
    go_defer(done, NULL);
    go_sleep(20000000);
    stop_here();
    int v = 7;
    go_chan_send(ch, &v);
}

int main(void)
{
    ch = go_chan_make(sizeof(int), 0);
    go_wg_add(&wg, 2);
    go_go(receiver, NULL);
    go_go(sender, NULL);
    go_wg_wait(&wg);
    go_chan_free(ch);
    puts("ok");
    return 0;
}
