/*
 * rpoint.c — where and how to set a frame's recovery point: the numbers behind gort's choice.
 *
 * A recovered panic resumes in the function whose deferred call recovered it, so that function
 * needs a recovery point (a jump buffer) set in its own frame. This file measures four ways of
 * setting it, on a small stand-in of gort's machinery that is identical for all four: a
 * thread-local g with a bump-allocated defer stack and a chain of linked frames; a frame links
 * itself (out of line) on its first defer, pushes records inline, and its exit (out of line)
 * runs the records LIFO and unlinks. Only the recovery point differs:
 *
 *   setjmp      (a) glibc setjmp at every frame entry
 *   sigsetjmp   (b) sigsetjmp(buf, 1) at every frame entry (saves the signal mask: a syscall)
 *   bsetjmp_entry (c) __builtin_setjmp at every frame entry
 *   bsetjmp_lazy  (d) __builtin_setjmp when the frame's first defer is registered
 *   capture_lazy  (e) an `asm goto` that stores the callee-saved registers, the stack pointer
 *                     and a landing label's address, when the first defer is registered
 *                     (gort's choice: include/gort.h, GORT__CAPTURE)
 *
 * Two shapes: rp1 — a function with one deferred call (floor: goto cleanup); rp0 — a function
 * that could defer but does not on this call (floor: the plain function). gort's own functions
 * of the same shapes are measured in the same groups for comparison.
 */
#include <gort.h>
#include <setjmp.h>
#include <stddef.h>

#include "harness.h"
#include "../src/arch/x86_64/resume.h"

void bench_noop(void *p);
int defer1_gort(void *p);
int frame_cond_gort(void *p);

enum { RP_SETJMP, RP_SIGSETJMP, RP_BSETJMP, RP_CAPTURE };

struct rp_defer {
    void (*fn)(void *);
    void *arg;
};

struct rp_frame;

struct rp_g {
    struct rp_defer *defers; /* the defer stack, LIFO across all linked frames */
    size_t n, cap;
    struct rp_frame *top;    /* newest linked frame */
};

struct rp_frame {
    struct rp_g *g;          /* NULL until the first defer links the frame */
    struct rp_frame *prev;
    size_t base;             /* the frame's first record in g->defers */
    int kind;                /* how the recovery point was set, so the thrower jumps alike */
    union {
        jmp_buf jb;
        sigjmp_buf sjb;
        void *bjb[8]; /* (c), (d): 5 words; (e): fp, landing, sp, rbx, r12-r15 */
    } rp;
};

static __thread struct rp_g *rp_cur;

static BENCH_NOINLINE void rp_grow(struct rp_g *g)
{
    size_t cap = g->cap ? g->cap * 2 : 64;
    struct rp_defer *d = realloc(g->defers, cap * sizeof *d);
    if (!d)
        abort();
    g->defers = d;
    g->cap = cap;
}

BENCH_NOINLINE void rp_link(struct rp_frame *f, int kind);
BENCH_NOINLINE void rp_link(struct rp_frame *f, int kind)
{
    struct rp_g *g = rp_cur;
    if (__builtin_expect(g == NULL, 0)) {
        g = calloc(1, sizeof *g);
        if (!g)
            abort();
        rp_grow(g);
        rp_cur = g;
    }
    f->prev = g->top;
    f->base = g->n;
    f->kind = kind;
    g->top = f;
    f->g = g;
}

BENCH_NOINLINE void rp_finish(struct rp_frame *f);
BENCH_NOINLINE void rp_finish(struct rp_frame *f)
{
    struct rp_g *g = f->g;
    while (g->n > f->base) {
        struct rp_defer *d = &g->defers[--g->n];
        d->fn(d->arg);
    }
    g->top = f->prev;
    f->g = NULL;
}

static inline __attribute__((always_inline)) void rp_push(struct rp_frame *f,
                                                          void (*fn)(void *), void *arg)
{
    struct rp_g *g = f->g;
    if (__builtin_expect(g->n == g->cap, 0))
        rp_grow(g);
    g->defers[g->n].fn = fn;
    g->defers[g->n].arg = arg;
    g->n++;
}

static inline __attribute__((always_inline)) void rp_exit(struct rp_frame *f)
{
    if (__builtin_expect(f->g != NULL, 0))
        rp_finish(f);
}

/* A panic on the stand-in: runs the newest frame's records, then jumps to its recovery point
 * (as if its last deferred call had recovered). Used by the self-test only. */
BENCH_NOINLINE void rp_throw(void);
BENCH_NOINLINE void rp_throw(void)
{
    struct rp_g *g = rp_cur;
    struct rp_frame *f = g->top;
    while (g->n > f->base) {
        struct rp_defer *d = &g->defers[--g->n];
        d->fn(d->arg);
    }
    switch (f->kind) {
    case RP_SETJMP:
        longjmp(f->rp.jb, 1);
    case RP_SIGSETJMP:
        siglongjmp(f->rp.sjb, 1);
    case RP_CAPTURE:
        gort__resume(f->rp.bjb); /* the library's own jump (src/arch/x86_64/resume.h) */
    default:
        __builtin_longjmp(f->rp.bjb, 1);
    }
}

/* (e): gort's own capture (include/gort.h, GORT__CAPTURE), which jumps to gort__recovered. */

/* Recovery point at frame entry (a, b, c) and the matching "link on first defer". */
#define ENTRY_setjmp(f) if (setjmp((f).rp.jb)) goto landing
#define ENTRY_sigsetjmp(f) if (sigsetjmp((f).rp.sjb, 1)) goto landing
#define ENTRY_bsetjmp(f) if (__builtin_setjmp((f).rp.bjb)) goto landing
#define ENTRY_none(f) (void)0
#define ARM_link(f, kind)                                                                       \
    do {                                                                                        \
        if (__builtin_expect((f).g == NULL, 0))                                                 \
            rp_link(&(f), kind);                                                                \
    } while (0)
/* (d): recovery point and link together, on the first defer only. */
#define ARM_lazy(f, kind)                                                                       \
    do {                                                                                        \
        if (__builtin_expect((f).g == NULL, 0)) {                                               \
            if (__builtin_setjmp((f).rp.bjb))                                                   \
                goto landing;                                                                   \
            rp_link(&(f), kind);                                                                \
        }                                                                                       \
    } while (0)

/* (e): the capture and the link together, on the first defer only. */
#define ARM_capture(f, kind)                                                                    \
    do {                                                                                        \
        if (__builtin_expect((f).g == NULL, 0)) {                                               \
            GORT__CAPTURE((f).rp.bjb, 0);                                                       \
            rp_link(&(f), kind);                                                                \
        }                                                                                       \
    } while (0)

#define RP_STRATEGY(name, ENTRY, ARM, kind)                                                     \
    BENCH_NOINLINE int rp_one_##name(void *p);                                                  \
    BENCH_NOINLINE int rp_one_##name(void *p)                                                   \
    {                                                                                           \
        struct rp_frame f;                                                                      \
        f.g = NULL;                                                                             \
        ENTRY(f);                                                                               \
        ARM(f, kind);                                                                           \
        rp_push(&f, bench_noop, p);                                                             \
        rp_exit(&f);                                                                            \
        return 0;                                                                               \
    landing: __attribute__((unused));                                                           \
    gort__recovered: __attribute__((unused));                                                   \
        rp_exit(&f);                                                                            \
        return 1;                                                                               \
    }                                                                                           \
    BENCH_NOINLINE int rp_cond_##name(void *p);                                                 \
    BENCH_NOINLINE int rp_cond_##name(void *p)                                                  \
    {                                                                                           \
        struct rp_frame f;                                                                      \
        f.g = NULL;                                                                             \
        ENTRY(f);                                                                               \
        if (__builtin_expect(p == NULL, 0)) {                                                   \
            ARM(f, kind);                                                                       \
            rp_push(&f, bench_noop, p);                                                         \
        }                                                                                       \
        bench_noop(p);                                                                          \
        rp_exit(&f);                                                                            \
        return 0;                                                                               \
    landing: __attribute__((unused));                                                           \
    gort__recovered: __attribute__((unused));                                                   \
        rp_exit(&f);                                                                            \
        return 1;                                                                               \
    }                                                                                           \
    static BENCH_NOINLINE int rp_throw_##name(void (*fn)(void *), void *p)                      \
    {                                                                                           \
        struct rp_frame f;                                                                      \
        f.g = NULL;                                                                             \
        ENTRY(f);                                                                               \
        ARM(f, kind);                                                                           \
        rp_push(&f, fn, p);                                                                     \
        rp_throw();                                                                             \
        rp_exit(&f);                                                                            \
        return 0;                                                                               \
    landing: __attribute__((unused));                                                           \
    gort__recovered: __attribute__((unused));                                                   \
        rp_exit(&f);                                                                            \
        return 1;                                                                               \
    }                                                                                           \
    static BENCH_NOINLINE long loop_rp1_##name(long n)                                          \
    {                                                                                           \
        long s = 0;                                                                             \
        for (long i = 0; i < n; i++)                                                            \
            s += rp_one_##name(&rp_obj);                                                        \
        return s;                                                                               \
    }                                                                                           \
    static BENCH_NOINLINE long loop_rp0_##name(long n)                                          \
    {                                                                                           \
        long s = 0;                                                                             \
        for (long i = 0; i < n; i++)                                                            \
            s += rp_cond_##name(&rp_obj);                                                       \
        return s;                                                                               \
    }

static int rp_obj;

RP_STRATEGY(setjmp, ENTRY_setjmp, ARM_link, RP_SETJMP)
RP_STRATEGY(sigsetjmp, ENTRY_sigsetjmp, ARM_link, RP_SIGSETJMP)
RP_STRATEGY(bsetjmp_entry, ENTRY_bsetjmp, ARM_link, RP_BSETJMP)
RP_STRATEGY(bsetjmp_lazy, ENTRY_none, ARM_lazy, RP_BSETJMP)
RP_STRATEGY(capture_lazy, ENTRY_none, ARM_capture, RP_CAPTURE)

/* The floors: the same shapes written by hand. */
BENCH_NOINLINE int rp_one_goto(void *p);
BENCH_NOINLINE int rp_one_goto(void *p)
{
    goto cleanup;
cleanup:
    bench_noop(p);
    return 0;
}

BENCH_NOINLINE int rp_cond_plain(void *p);
BENCH_NOINLINE int rp_cond_plain(void *p)
{
    if (__builtin_expect(p == NULL, 0))
        return 1;
    bench_noop(p);
    return 0;
}

#define SIMPLE_LOOP BENCH_LOOP /* harness.h */
SIMPLE_LOOP(loop_rp1_goto, rp_one_goto(&rp_obj))
SIMPLE_LOOP(loop_rp0_plain, rp_cond_plain(&rp_obj))
SIMPLE_LOOP(loop_rp1_gort, defer1_gort(&rp_obj))
SIMPLE_LOOP(loop_rp0_gort, frame_cond_gort(&rp_obj))

const struct bench_case rp_cases[] = {
    {"rp1", "goto", loop_rp1_goto, 0},
    {"rp1", "setjmp", loop_rp1_setjmp, 0},
    {"rp1", "sigsetjmp", loop_rp1_sigsetjmp, 0},
    {"rp1", "bsetjmp_entry", loop_rp1_bsetjmp_entry, 0},
    {"rp1", "bsetjmp_lazy", loop_rp1_bsetjmp_lazy, 0},
    {"rp1", "capture_lazy", loop_rp1_capture_lazy, 0},
    {"rp1", "gort", loop_rp1_gort, 0},
    {"rp0", "plain", loop_rp0_plain, 0},
    {"rp0", "setjmp", loop_rp0_setjmp, 0},
    {"rp0", "sigsetjmp", loop_rp0_sigsetjmp, 0},
    {"rp0", "bsetjmp_entry", loop_rp0_bsetjmp_entry, 0},
    {"rp0", "bsetjmp_lazy", loop_rp0_bsetjmp_lazy, 0},
    {"rp0", "capture_lazy", loop_rp0_capture_lazy, 0},
    {"rp0", "gort", loop_rp0_gort, 0},
};
const int rp_ncases = sizeof rp_cases / sizeof rp_cases[0];

static void rp_count(void *p) { ++*(int *)p; }

int rp_selftest(void);
int rp_selftest(void)
{
    int (*throwers[])(void (*)(void *), void *) = {rp_throw_setjmp, rp_throw_sigsetjmp,
                                                   rp_throw_bsetjmp_entry, rp_throw_bsetjmp_lazy,
                                                   rp_throw_capture_lazy};
    int bad = 0;
    for (size_t i = 0; i < sizeof throwers / sizeof throwers[0]; i++) {
        int n = 0;
        int r = throwers[i](rp_count, &n);
        if (r != 1 || n != 1 || rp_cur->n != 0 || rp_cur->top != NULL) {
            fprintf(stderr, "rpoint selftest: strategy %zu: result %d, deferred calls %d\n", i,
                    r, n);
            bad = 1;
        }
        if (rp_one_setjmp(&n) != 0 || rp_cond_bsetjmp_lazy(&n) != 0 ||
            rp_one_capture_lazy(&n) != 0 || rp_cond_capture_lazy(&n) != 0)
            bad = 1;
    }
    return bad;
}
