/*
 * chan.c — unbuffered channel round trip: gort against Go, with 1 and 2 worker threads.
 *
 * One op is a round trip: the benchmark's goroutine (goroutine 1, the main thread) sends an int
 * on an unbuffered channel to an echo goroutine, which sends it back on a second one — two
 * rendezvous, each one a hand-off to a parked goroutine and a park. With 1 worker both
 * goroutines take turns on the main thread; with 2 the echo goroutine may run on the other
 * worker and each hand-off may wake a sleeping thread. Go's peer (bench/go/chan_test.go) is
 * the same program with runtime.GOMAXPROCS set to 1 and 2 for the benchmark.
 */
#include <gort.h>

#include "harness.h"

static go_chan *ping, *pong;

static void echo(void *unused)
{
    (void)unused;
    int v;
    while (go_chan_recv2(ping, &v))
        go_chan_send(pong, &v);
}

static void start_echo(void)
{
    if (ping == NULL) {
        ping = go_chan_of(int, 0);
        pong = go_chan_of(int, 0);
        go_go(echo, NULL);
    }
}

static BENCH_NOINLINE long roundtrips(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++) {
        int v = (int)i;
        go_chan_send(ping, &v);
        go_chan_recv(pong, &v);
        s += v;
    }
    return s;
}

static long loop_chan1(long n)
{
    go_gomaxprocs(1);
    start_echo();
    return roundtrips(n);
}

static long loop_chan2(long n)
{
    go_gomaxprocs(2);
    start_echo();
    return roundtrips(n);
}

const struct bench_case ch_cases[] = {
    {"chan1", "gort", loop_chan1, 0},
    {"chan2", "gort", loop_chan2, 1},
};
const int ch_ncases = sizeof ch_cases / sizeof ch_cases[0];

/* A round trip returns what was sent. */
int ch_selftest(void)
{
    long want = 0;
    for (long i = 0; i < 1000; i++)
        want += i;
    if (loop_chan1(1000) != want || loop_chan2(1000) != want) {
        fprintf(stderr, "selftest: channel round trips lost values\n");
        return 1;
    }
    return 0;
}
