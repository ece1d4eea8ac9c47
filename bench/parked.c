/*
 * parked.c — resident memory per parked goroutine: starts N goroutines (default 100,000)
 * that all block on one WaitGroup, and prints the growth of the resident set divided by N,
 * as "parked.gort <tab> bytes". bench/go/parked does the same in Go (blocked on a
 * sync.WaitGroup); bench/run.sh runs both and reports the ratio.
 */
#include <gort.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static go_waitgroup gate, started, finished;

static void parked(void *unused)
{
    (void)unused;
    go_wg_done(&started);
    go_wg_wait(&gate);
    go_wg_done(&finished);
}

static long rss(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, res = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &res) != 2)
            res = 0;
        fclose(f);
    }
    return res * sysconf(_SC_PAGESIZE);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100000;
    go_wg_add(&finished, 1);
    go_go(parked, NULL); /* start the scheduler and its workers first */
    go_wg_add(&gate, 1);
    go_wg_add(&started, 1);
    go_wg_wait(&started);
    long before = rss();
    go_wg_add(&started, n);
    go_wg_add(&finished, n);
    for (long i = 0; i < n; i++)
        go_go(parked, NULL);
    go_wg_wait(&started);
    long after = rss();
    go_wg_done(&gate);
    go_wg_wait(&finished);
    printf("parked.gort\t%ld\n", (after - before) / n);
    return 0;
}
