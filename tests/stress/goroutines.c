/*
 * goroutines.c — stress of goroutines' own defer and panic chains on the M:N scheduler.
 *
 * N goroutines (default 100,000) each run a random nest of frames (1-8 deep, drawn from a
 * stream seeded by the goroutine's index). Every frame defers a counting call; some also defer
 * a recover; frames yield at random, and deferred calls yield too, so goroutines interleave
 * in the middle of their panics. The innermost frame panics (half the time), calls Goexit
 * (one in eight) or returns. The outermost frame always recovers, so no panic escapes.
 *
 * Checked, on GOMAXPROCS 1 and then 2: every deferred call ran exactly once (the count equals
 * the frames entered), every panic was recovered by its own goroutine (recovered == panicked,
 * and each recovered value is the goroutine's own), every goroutine ended (a WaitGroup), and
 * nothing leaks: the goroutine count is back to 1, and a second round does not grow the
 * resident set by more than a few MB (dead goroutines' stacks are reused).
 *
 * Usage: goroutines [N]
 */
#include <gort.h>

/* Sanitizers: their shadow memory (and TSan's state per fiber) makes the resident-set check
 * meaningless, and TSan runs fewer goroutines to stay within the suite's time. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TSAN 1
#endif
#endif

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static long frames_entered, deferred_runs, panicked, recovered, wrong_value, exited;
static go_waitgroup wg;

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void count(void *unused)
{
    (void)unused;
    __atomic_add_fetch(&deferred_runs, 1, __ATOMIC_RELAXED);
}

static void recover_own(void *id)
{
    go_any r = go_recover();
    if (go_is_nil(r))
        return;
    __atomic_add_fetch(&recovered, 1, __ATOMIC_RELAXED);
    if (r.v.i != (int64_t)(intptr_t)id)
        __atomic_add_fetch(&wrong_value, 1, __ATOMIC_RELAXED);
}

static void yield_then_count(void *unused)
{
    go_yield();
    count(unused);
}

static int level(uint64_t *rng, int depth, intptr_t id)
{
    int result = 0;
    go_frame(result);
    __atomic_add_fetch(&frames_entered, 1, __ATOMIC_RELAXED);
    uint64_t r = next(rng);
    go_defer(r & 1 ? yield_then_count : count, NULL);
    if ((r >> 1) % 4 == 0)
        go_defer(recover_own, (void *)id);
    if ((r >> 3) % 3 == 0)
        go_yield();
    if (depth == 0) {
        switch ((r >> 5) % 8) {
        case 0: case 1: case 2: case 3:
            __atomic_add_fetch(&panicked, 1, __ATOMIC_RELAXED);
            go_panic_int(id);
        case 4:
            __atomic_add_fetch(&exited, 1, __ATOMIC_RELAXED);
            go_goexit();
        default:
            return 1;
        }
    }
    result = level(rng, depth - 1, id) + 1;
    return result;
}

static void done(void *unused)
{
    (void)unused;
    go_wg_done(&wg);
}

static void goroutine(void *arg)
{
    intptr_t id = (intptr_t)arg;
    go_frame_void();
    go_defer(done, NULL);
    go_defer(recover_own, (void *)id);
    uint64_t rng = 0x9e3779b97f4a7c15ull ^ ((uint64_t)id * 0xbf58476d1ce4e5b9ull);
    if (rng == 0)
        rng = 1;
    int depth = (int)(next(&rng) % 8);
    level(&rng, depth, id);
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, res = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &res) != 2)
            res = 0;
        fclose(f);
    }
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static int round_(int procs, long n)
{
    frames_entered = deferred_runs = panicked = recovered = wrong_value = exited = 0;
    go_gomaxprocs(procs);
    for (long i = 0; i < n; i++) {
        go_wg_add(&wg, 1);
        go_go(goroutine, (void *)(intptr_t)(i + 1));
        if (i % 1000 == 999)
            go_yield();
    }
    go_wg_wait(&wg);
    int bad = 0;
    if (deferred_runs != frames_entered) {
        fprintf(stderr, "GOMAXPROCS %d: %ld deferred calls ran for %ld frames\n", procs,
                deferred_runs, frames_entered);
        bad = 1;
    }
    if (recovered != panicked || wrong_value) {
        fprintf(stderr, "GOMAXPROCS %d: %ld panics, %ld recovered, %ld with another's value\n",
                procs, panicked, recovered, wrong_value);
        bad = 1;
    }
    /* The last goroutines are past their wg_done but may still be exiting on the other
     * worker, whose thread a loaded machine can keep off a CPU for milliseconds: wait for
     * them (up to 10 s; a goroutine that never ends is the leak this checks for). */
    for (int k = 0; k < 10000 && go_num_goroutine() != 1; k++)
        go_sleep(1000000);
    if (go_num_goroutine() != 1) {
        fprintf(stderr, "GOMAXPROCS %d: %d goroutines left\n", procs, go_num_goroutine());
        bad = 1;
    }
    printf("GOMAXPROCS %d: %ld goroutines, %ld frames, %ld panics recovered, %ld Goexits\n", procs,
           n, frames_entered, recovered, exited);
    return bad;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100000;
    if (n > 100000)
        n = 100000;
#ifdef TSAN
    if (n > 4000)
        n = 4000; /* GCC's TSan counts fibers as threads: at most 8128 alive */
#endif
    int bad = round_(1, n);
    long rss1 = rss_kb();
    bad |= round_(2, n);
    bad |= round_(1, n);
    long rss2 = rss_kb();
    printf("resident set after round 1: %ld KB, after round 3: %ld KB\n", rss1, rss2);
#ifndef SANITIZER
    if (rss2 - rss1 > 64 * 1024) {
        fprintf(stderr, "resident set grew by %ld KB between rounds\n", rss2 - rss1);
        bad = 1;
    }
#endif
    return bad;
}
