/*
 * cases.c — gort against its C peers, one group per benchmark (see bench/README.md).
 *
 * Every measured function is out of line (noinline, noclone, external linkage, so the compiler
 * can assume nothing about its callers) and defers or cleans up with bench_noop(p), an empty
 * function in another translation unit. Loops add the measured functions' results into a sum
 * that ends in a volatile sink. The recovery-point stand-ins of bench/rpoint.c are linked into
 * the same program and measured in the same rounds.
 */
#include <gort.h>
#include <gort/trace.h>

#include <pthread.h>
#include <setjmp.h>

#include "harness.h"

void bench_noop(void *p);
extern const struct bench_case rp_cases[];
extern const int rp_ncases;
extern const struct bench_case sched_cases[]; /* sched.c */
extern const int sched_ncases;
int sched_selftest(void);
int rp_selftest(void);
extern const struct bench_case st_cases[]; /* stack.c */
extern const int st_ncases;
int st_selftest(void);
extern const struct bench_case ch_cases[]; /* bench/chan.c */
extern const int ch_ncases;
int ch_selftest(void);
int nohooks_selftest(void); /* bench/nohooks.c */

#define MEASURED BENCH_NOINLINE
/* Keeps a recursive call from becoming a loop or a tail call: every level is a real frame. */
#define NOT_A_TAIL() __asm__ volatile("" ::: "memory")

int core_obj;                    /* the pointer every deferred call gets */
int loop_count = 8;              /* deferloop's count; a variable so no loop is unrolled */

/* gort's side of the core cases: defer1_gort, frame_cond_gort, defer8_gort, deferloop_gort,
 * panic_gort and their loops (bench/core_gort.h; bench/nohooks.c compiles the same code without
 * the inline trace hooks). */
#define CORE(name) name##_gort
#include "core_gort.h"

/* ===================================================================================== */
/* defer1: a function that defers one call                                               */
/* ===================================================================================== */

MEASURED int defer1_goto(void *p);
MEASURED int defer1_goto(void *p)
{
    int r = 0;
    goto cleanup;
cleanup:
    bench_noop(p);
    return r;
}

static inline void run_noop(void **pp) { bench_noop(*pp); }

MEASURED int defer1_cleanup(void *p);
MEASURED int defer1_cleanup(void *p)
{
    void *guard __attribute__((cleanup(run_noop))) = p;
    (void)guard;
    return 0;
}

/* ===================================================================================== */
/* frame_nodefer / frame_cond: a frame that never defers                                 */
/* ===================================================================================== */

/* No go_defer at all: the frame's own cost. */
MEASURED int frame_nodefer_gort(void *p);
MEASURED int frame_nodefer_gort(void *p)
{
    int r = 0;
    go_frame(r);
    bench_noop(p);
    return r;
}

MEASURED int frame_nodefer_plain(void *p);
MEASURED int frame_nodefer_plain(void *p)
{
    bench_noop(p);
    return 0;
}

/* ===================================================================================== */
/* defer8: eight defers in one function                                                  */
/* ===================================================================================== */

MEASURED int defer8_goto(void *p);
MEASURED int defer8_goto(void *p)
{
    int r = 0;
    goto cleanup;
cleanup:
    bench_noop(p);
    bench_noop(p);
    bench_noop(p);
    bench_noop(p);
    bench_noop(p);
    bench_noop(p);
    bench_noop(p);
    bench_noop(p);
    return r;
}

MEASURED int defer8_cleanup(void *p);
MEASURED int defer8_cleanup(void *p)
{
    void *g1 __attribute__((cleanup(run_noop))) = p;
    void *g2 __attribute__((cleanup(run_noop))) = p;
    void *g3 __attribute__((cleanup(run_noop))) = p;
    void *g4 __attribute__((cleanup(run_noop))) = p;
    void *g5 __attribute__((cleanup(run_noop))) = p;
    void *g6 __attribute__((cleanup(run_noop))) = p;
    void *g7 __attribute__((cleanup(run_noop))) = p;
    void *g8 __attribute__((cleanup(run_noop))) = p;
    (void)g1, (void)g2, (void)g3, (void)g4, (void)g5, (void)g6, (void)g7, (void)g8;
    return 0;
}

/* ===================================================================================== */
/* deferloop8: eight defers registered in a loop                                         */
/* ===================================================================================== */

/* The hand-written equivalent: an array of pending calls, run backwards at the end. */
MEASURED int deferloop_array(void *p, int n);
MEASURED int deferloop_array(void *p, int n)
{
    struct { void (*fn)(void *); void *arg; } pending[16];
    int k = 0;
    for (int i = 0; i < n && k < 16; i++) {
        pending[k].fn = bench_noop;
        pending[k].arg = p;
        k++;
    }
    while (k > 0) {
        k--;
        pending[k].fn(pending[k].arg);
    }
    return 0;
}

/* ===================================================================================== */
/* panic_d1 / panic_d10: panic at depth d below the frame whose deferred call recovers   */
/* ===================================================================================== */

MEASURED void descend_setjmp(int d, jmp_buf *jb);
MEASURED void descend_setjmp(int d, jmp_buf *jb)
{
    if (d <= 0)
        return;
    if (d == 1)
        longjmp(*jb, 1);
    descend_setjmp(d - 1, jb);
    NOT_A_TAIL();
}

/* The floor: glibc setjmp in the recovering function, longjmp from depth d, a handler call. */
MEASURED int panic_setjmp(void *p, int d);
MEASURED int panic_setjmp(void *p, int d)
{
    jmp_buf jb;
    if (setjmp(jb)) {
        bench_noop(p);
        return 1;
    }
    descend_setjmp(d, &jb);
    return 0;
}

/* ===================================================================================== */
/* goexit: a thread that runs 4 deferred calls and ends with go_goexit(), spawn + join   */
/* ===================================================================================== */

static void *goexit_gort_body(void *p)
{
    void *res = NULL;
    go_frame(res);
    go_defer(bench_noop, p);
    go_defer(bench_noop, p);
    go_defer(bench_noop, p);
    go_defer(bench_noop, p);
    go_goexit();
}

/* The floor: the same thread with its four cleanups written out, ending with pthread_exit. */
static void *goexit_pthread_body(void *p)
{
    bench_noop(p);
    bench_noop(p);
    bench_noop(p);
    bench_noop(p);
    pthread_exit(NULL);
}

static long spawn_join(long n, void *(*body)(void *))
{
    for (long i = 0; i < n; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, body, &core_obj) != 0 || pthread_join(t, NULL) != 0) {
            fprintf(stderr, "bench: pthread_create/join failed\n");
            exit(1);
        }
    }
    return n;
}

/* ===================================================================================== */
/* Loops                                                                                 */
/* ===================================================================================== */

#define LOOP BENCH_LOOP /* harness.h */

LOOP(loop_defer1_goto, defer1_goto(&core_obj))
LOOP(loop_defer1_cleanup, defer1_cleanup(&core_obj))
LOOP(loop_frame_nodefer_gort, frame_nodefer_gort(&core_obj))
LOOP(loop_frame_nodefer_plain, frame_nodefer_plain(&core_obj))
LOOP(loop_defer8_goto, defer8_goto(&core_obj))
LOOP(loop_defer8_cleanup, defer8_cleanup(&core_obj))
LOOP(loop_deferloop_array, deferloop_array(&core_obj, loop_count))
LOOP(loop_panic_d1_setjmp, panic_setjmp(&core_obj, 1))
LOOP(loop_panic_d10_setjmp, panic_setjmp(&core_obj, 10))

static BENCH_NOINLINE long loop_goexit_gort(long n) { return spawn_join(n, goexit_gort_body); }
static BENCH_NOINLINE long loop_goexit_pthread(long n) { return spawn_join(n, goexit_pthread_body); }

/* ===================================================================================== */
/* Tracing on and off: the core loops with tracing on, off, and built without the hooks      */
/* ===================================================================================== */

/* Per core case a group of three: "off" is the gort loop of the main table (the trace hooks
 * compiled in, tracing off), "on" the same loop while gort records every event in memory (no
 * file), "nohooks" the same code compiled with GORT_NO_TRACE_HOOKS (bench/nohooks.c). Off
 * against nohooks is the cost of tracing off, which should be within noise. The start and stop
 * of a traced run (a module scan, a few microseconds) are inside the timed run, spread over
 * the calibrated number of calls. */
extern const bench_loop core_loops_nohooks[6]; /* bench/nohooks.c */
static const char *const trace_groups[6] = {
    "trace_defer1", "trace_frame_cond", "trace_defer8",
    "trace_deferloop8", "trace_panic_d1", "trace_panic_d10",
};

static long traced(long n, bench_loop loop)
{
    if (go_trace_start(NULL) != 0)
        return 0;
    long s = loop(n);
    go_trace_stop();
    return s;
}
#define TRACED(i)                                                                              \
    static BENCH_NOINLINE long loop_traced_##i(long n) { return traced(n, core_loops_gort[i]); }
TRACED(0)
TRACED(1)
TRACED(2)
TRACED(3)
TRACED(4)
TRACED(5)
static const bench_loop traced_loops[6] = {
    loop_traced_0, loop_traced_1, loop_traced_2, loop_traced_3, loop_traced_4, loop_traced_5,
};

static const struct bench_case c_cases[] = {
    {"defer1", "gort", loop_defer1_gort, 0},
    {"defer1", "goto", loop_defer1_goto, 0},
    {"defer1", "cleanup", loop_defer1_cleanup, 0},
    {"frame_nodefer", "gort", loop_frame_nodefer_gort, 0},
    {"frame_nodefer", "plain", loop_frame_nodefer_plain, 0},
    {"frame_nodefer", "cond", loop_frame_cond_gort, 0},
    {"defer8", "gort", loop_defer8_gort, 0},
    {"defer8", "goto", loop_defer8_goto, 0},
    {"defer8", "cleanup", loop_defer8_cleanup, 0},
    {"deferloop8", "gort", loop_deferloop_gort, 0},
    {"deferloop8", "array", loop_deferloop_array, 0},
    {"panic_d1", "gort", loop_panic_d1_gort, 0},
    {"panic_d1", "setjmp", loop_panic_d1_setjmp, 0},
    {"panic_d10", "gort", loop_panic_d10_gort, 0},
    {"panic_d10", "setjmp", loop_panic_d10_setjmp, 0},
    {"goexit", "gort", loop_goexit_gort, 1},
    {"goexit", "pthread", loop_goexit_pthread, 1},
};

/* ===================================================================================== */
/* Self-test: a benchmark of something that does not work measures nothing              */
/* ===================================================================================== */

static void count_call(void *p) { ++*(int *)p; }

static BENCH_NOINLINE int three_defers(int *n)
{
    int r = 7;
    go_frame(r);
    go_defer(count_call, n);
    go_defer(count_call, n);
    go_defer(count_call, n);
    return r;
}

static int selftest(void)
{
    int bad = 0, n = 0;
    if (three_defers(&n) != 7 || n != 3) {
        fprintf(stderr, "selftest: three defers ran %d times\n", n);
        bad = 1;
    }
    for (int d = 1; d <= 10; d += 9) {
        int rec = 0;
        int r = panic_gort(&rec, d);
        if (r != 1 || rec != 1) {
            fprintf(stderr, "selftest: panic at depth %d: result %d, recovered %d\n", d, r, rec);
            bad = 1;
        }
    }
    if (defer1_gort(&core_obj) != 0 || deferloop_gort(&core_obj, 20) != 0)
        bad = 1;
    loop_goexit_gort(2);
    if (rp_selftest() != 0 || st_selftest() != 0 || sched_selftest() != 0)
        bad = 1;
    if (ch_selftest() != 0 || nohooks_selftest() != 0)
        bad = 1;
    return bad;
}

int main(int argc, char **argv)
{
    if (selftest() != 0) {
        fprintf(stderr, "bench: self-test failed; not measuring\n");
        return 1;
    }
    enum { NC = sizeof c_cases / sizeof c_cases[0] };
    static struct bench_case all[NC + 18 + 32];
    int n = 0;
    for (int i = 0; i < (int)NC; i++)
        all[n++] = c_cases[i];
    for (int i = 0; i < 6; i++) {
        all[n++] = (struct bench_case){trace_groups[i], "off", core_loops_gort[i], 0};
        all[n++] = (struct bench_case){trace_groups[i], "on", traced_loops[i], 0};
        all[n++] = (struct bench_case){trace_groups[i], "nohooks", core_loops_nohooks[i], 0};
    }
    for (int i = 0; i < rp_ncases && n < (int)(sizeof all / sizeof all[0]); i++)
        all[n++] = rp_cases[i];
    for (int i = 0; i < st_ncases && n < (int)(sizeof all / sizeof all[0]); i++)
        all[n++] = st_cases[i];
    for (int i = 0; i < sched_ncases && n < (int)(sizeof all / sizeof all[0]); i++)
        all[n++] = sched_cases[i];
    for (int i = 0; i < ch_ncases && n < (int)(sizeof all / sizeof all[0]); i++)
        all[n++] = ch_cases[i];
    return bench_main(argc, argv, all, n);
}
