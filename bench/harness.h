/*
 * harness.h — the timing loop shared by the C and C++ benchmark programs.
 *
 * A case is a loop function `long loop(long n)` that calls the measured function n times and
 * returns something derived from the results (the harness stores it in a volatile sink, so no
 * call can be dropped as dead). The harness calibrates n so that one timed run lasts about
 * BENCH_TARGET_MS milliseconds (default 60) in total, times it in slices that alternate with
 * the other cases of its group and reports ns per call of the fastest slice (see bench_main).
 *
 * Cases come in groups: a gort case and its peers. A program run measures every case of every
 * group once (one "round"); bench/run.sh runs the programs ROUNDS times and takes medians of
 * per-round ratios. Within a group the cases take turns in short slices, in an order that
 * reverses with the round number, so that neither side always runs first.
 *
 *   prog run ROUND        prints "group.impl <tab> ns/op <tab> iterations" per case
 *   prog icount N         runs each case (except those marked no_icount) once with N calls
 *                         inside bench_icount_region(), the function bench/run.sh tells
 *                         callgrind to collect and to dump after; prints the case order
 *   prog list             prints the case names
 *
 * BENCH_ONLY=g1,g2,...    limits run and icount to those groups (e.g. BENCH_ONLY=chan1,yield_p1
 *                         while working on one path); unset, every case runs.
 *
 * Written to compile as C (gnu11) and as C++.
 */
#ifndef BENCH_HARNESS_H
#define BENCH_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__clang__)
#define BENCH_NOINLINE __attribute__((noinline))
#else
#define BENCH_NOINLINE __attribute__((noinline, noclone))
#endif

typedef long (*bench_loop)(long n);

/* A case's loop: n calls of `call`, their results summed. */
#define BENCH_LOOP(name, call)                                                                 \
    static BENCH_NOINLINE long name(long n)                                                    \
    {                                                                                          \
        long s = 0;                                                                            \
        for (long i = 0; i < n; i++)                                                           \
            s += call;                                                                         \
        return s;                                                                              \
    }

struct bench_case {
    const char *group;  /* what is measured: "defer1", "panic_d10", ...          */
    const char *impl;   /* who does it: "gort", "goto", "cxx", ...                */
    bench_loop loop;
    int no_icount;      /* 1: skip under callgrind (threads, too slow)            */
};

static volatile long bench_sink __attribute__((unused));

__attribute__((unused)) static double bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

__attribute__((unused)) static double bench_time_run(bench_loop loop, long n)
{
    double t0 = bench_now_ns();
    long s = loop(n);
    double t1 = bench_now_ns();
    bench_sink = bench_sink + s;
    return t1 - t0;
}

/* Finds how many calls take about target_ns (the doubling runs also warm caches and branch
 * predictors). */
__attribute__((unused)) static long bench_calibrate(bench_loop loop, double target_ns)
{
    long n = 1;
    double t;
    for (;;) {
        t = bench_time_run(loop, n);
        if (t >= 2e6 || n >= (1L << 40))
            break;
        n = t < 2e5 ? n * 10 : n * 2;
    }
    double want = (double)n * target_ns / (t > 1 ? t : 1);
    return want < 1 ? 1 : (long)want;
}

/* The only function callgrind collects in icount mode (--toggle-collect / --dump-after). */
BENCH_NOINLINE __attribute__((used, unused)) static long bench_icount_region(bench_loop loop, long n)
{
    return loop(n);
}

__attribute__((unused)) static int bench_group_count(const struct bench_case *cs, int ncase, int first)
{
    int k = first;
    while (k < ncase && strcmp(cs[k].group, cs[first].group) == 0)
        k++;
    return k - first;
}

/* The group is wanted: BENCH_ONLY unset, or it names the group in its comma-separated list. */
__attribute__((unused)) static int bench_wanted(const char *group)
{
    const char *only = getenv("BENCH_ONLY");
    if (only == NULL || *only == 0)
        return 1;
    size_t len = strlen(group);
    for (const char *p = only; *p;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == len && strncmp(p, group, n) == 0)
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

__attribute__((unused)) static int bench_main(int argc, char **argv, const struct bench_case *cs, int ncase)
{
    const char *mode = argc > 1 ? argv[1] : "run";
    if (strcmp(mode, "list") == 0) {
        for (int i = 0; i < ncase; i++)
            printf("%s.%s\n", cs[i].group, cs[i].impl);
        return 0;
    }
    if (strcmp(mode, "icount") == 0) {
        long n = argc > 2 ? atol(argv[2]) : 20000;
        for (int i = 0; i < ncase; i++) {
            if (cs[i].no_icount || !bench_wanted(cs[i].group))
                continue;
            bench_sink = bench_sink + cs[i].loop(n / 10 + 1); /* warm-up: first-use costs stay outside */
            bench_sink = bench_sink + bench_icount_region(cs[i].loop, n);
            printf("%s.%s\t%ld\n", cs[i].group, cs[i].impl, n);
            fflush(stdout);
        }
        return 0;
    }
    if (strcmp(mode, "run") != 0) {
        fprintf(stderr, "usage: %s [run ROUND | icount N | list]\n", argv[0]);
        return 2;
    }
    int round = argc > 2 ? atoi(argv[2]) : 0;
    const char *env = getenv("BENCH_TARGET_MS");
    double target_ns = (env && atof(env) > 0 ? atof(env) : 60.0) * 1e6;
    /* Each case of a group is timed in BENCH_SLICES slices of target/BENCH_SLICES, the
     * group's cases taking turns slice by slice (A B C A B C ..., backwards on odd rounds), and
     * its figure for the round is its fastest slice: load from elsewhere only ever adds time,
     * so the least disturbed slice is the best estimate, and taking turns gives every side of
     * a ratio the same chances of getting one. */
    enum { BENCH_SLICES = 6, BENCH_MAX_GROUP = 16 };
    for (int i = 0; i < ncase;) {
        int g = bench_group_count(cs, ncase, i);
        if (g > BENCH_MAX_GROUP)
            g = BENCH_MAX_GROUP;
        if (!bench_wanted(cs[i].group)) {
            i += g;
            continue;
        }
        long n[BENCH_MAX_GROUP];
        double t[BENCH_MAX_GROUP];
        for (int j = 0; j < g; j++) {
            n[j] = bench_calibrate(cs[i + j].loop, target_ns / BENCH_SLICES);
            t[j] = -1;
        }
        for (int s = 0; s < BENCH_SLICES; s++)
            for (int j = 0; j < g; j++) {
                int k = round % 2 ? g - 1 - j : j;
                double ts = bench_time_run(cs[i + k].loop, n[k]);
                if (t[k] < 0 || ts < t[k])
                    t[k] = ts;
            }
        for (int j = 0; j < g; j++)
            printf("%s.%s\t%.4f\t%ld\n", cs[i + j].group, cs[i + j].impl, t[j] / (double)n[j],
                   n[j]);
        fflush(stdout);
        i += g;
    }
    return 0;
}

#endif /* BENCH_HARNESS_H */
