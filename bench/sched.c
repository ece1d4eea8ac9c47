/*
 * sched.c — goroutine benchmarks against Go (bench/go/sched_test.go does the same in Go):
 *
 *   spawn_join_pN  start one goroutine that marks a WaitGroup done, wait for it; N workers
 *   yield_pN       two goroutines each call go_yield() n times; ns per op = time / n, so one
 *                  op is one yield by each goroutine (a ping-pong on one worker)
 *
 * N is GOMAXPROCS (1 or 2), set at the start of every timed loop with go_gomaxprocs, as the Go
 * side sets runtime.GOMAXPROCS.
 */
#include "harness.h"

#include <gort.h>

static void sj_body(void *wg) { go_wg_done(wg); }

static long spawn_join(long n, int procs)
{
    go_gomaxprocs(procs);
    go_waitgroup wg = {0};
    for (long i = 0; i < n; i++) {
        go_wg_add(&wg, 1);
        go_go(sj_body, &wg);
        go_wg_wait(&wg);
    }
    return n;
}

struct yarg {
    long n;
    go_waitgroup *wg;
};

static void yielder(void *p)
{
    struct yarg *a = p;
    for (long i = 0; i < a->n; i++)
        go_yield();
    go_wg_done(a->wg);
}

static long yield_pingpong(long n, int procs)
{
    go_gomaxprocs(procs);
    go_waitgroup wg = {0};
    struct yarg a = {n, &wg};
    go_wg_add(&wg, 2);
    go_go(yielder, &a);
    go_go(yielder, &a);
    go_wg_wait(&wg);
    return n;
}

static BENCH_NOINLINE long loop_spawn_join_p1(long n) { return spawn_join(n, 1); }
static BENCH_NOINLINE long loop_spawn_join_p2(long n) { return spawn_join(n, 2); }
static BENCH_NOINLINE long loop_yield_p1(long n) { return yield_pingpong(n, 1); }
static BENCH_NOINLINE long loop_yield_p2(long n) { return yield_pingpong(n, 2); }

/* Worker threads: not counted under callgrind. */
const struct bench_case sched_cases[] = {
    {"spawn_join_p1", "gort", loop_spawn_join_p1, 1},
    {"spawn_join_p2", "gort", loop_spawn_join_p2, 1},
    {"yield_p1", "gort", loop_yield_p1, 1},
    {"yield_p2", "gort", loop_yield_p2, 1},
};
const int sched_ncases = sizeof sched_cases / sizeof sched_cases[0];

int sched_selftest(void)
{
    return spawn_join(100, 2) == 100 && yield_pingpong(100, 1) == 100 ? 0 : 1;
}
