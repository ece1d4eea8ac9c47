/*
 * stress.c — randomized differential stress test of gort's defer, panic, recover and Goexit.
 *
 * Every worker thread is a goroutine of its own (gort gives each OS thread its own defer and
 * panic chains). For each sequence a worker
 *   1. builds a small random program: a tree of function bodies (int, void and frameless
 *      functions, deferred functions with 0-4 captured words or a pointer, with or without a frame
 *      of their own) whose statements defer (singly, in loops, conditionally), call, panic with
 *      several kinds of value, recover directly or through a helper, re-panic, set the named
 *      result or the deferring frame's result, return early (plain return or go_return) and,
 *      in short-lived child threads, call Goexit;
 *   2. runs it through the model: a reference interpreter of Go 1.23's rules written in plain C
 *      (no gort, no setjmp except to give up), which yields the expected event log;
 *   3. runs it for real: an interpreter whose functions use go_frame, go_defer, go_defer_args,
 *      go_panic*, go_recover, go_return and go_goexit, which yields the actual event log;
 *   4. compares the two logs word by word.
 * The model is itself checked against real Go: `stress --go` prints the same programs as a Go
 * program whose output must equal `stress --model` (check-model.sh does both).
 *
 * Programs stay inside the rules the model implements (SEMANTICS.md D1-D4, D6, P1-P3, R1-R5, G1):
 * a program that would reach anything else (Goexit while a panic is active, a panic escaping a
 * call deferred during Goexit) is rejected by the model and a new one is drawn.
 *
 * Usage: stress [N [SEED]] [-T threads] [-x goexit_every] [-v]
 *        stress -t THREAD -i INDEX [-s SEED] [-x E] [-m]    replay one sequence verbosely (-m: minimize)
 *        stress --go|--model -t THREAD -i FROM -c COUNT [-s SEED] [-x E]
 * See README.md.
 */
#define _GNU_SOURCE
#include <gort.h>

#include <inttypes.h>
#include <malloc.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define STRESS_SAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                   \
    __has_feature(memory_sanitizer)
#define STRESS_SAN 1
#endif
#endif
#ifdef STRESS_SAN
/* From the sanitizer runtime (sanitizer/allocator_interface.h, which gcc does not install). */
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

/* ===================================================================================== */
/* Limits and encodings                                                                  */
/* ===================================================================================== */

enum {
    MAXTHREADS = 64,
    MAXBODIES = 96,   /* bodies per program (the generator stays below 88)               */
    MAXSTMTS = 640,   /* statements per program (at most 10 in the root, 7 in others)    */
    MAXDEPTH = 6,     /* nesting of calls and deferred calls below the root              */
    MAXFANOUT = 8,    /* deferred calls registered by one frame                          */
    MAXMULT = 16,     /* product of loop counts along a path: bounds repeated execution  */
    MAXLOG = 1024,    /* events per sequence (the model rejects longer programs)         */
    LOGCAP = MAXLOG + 64,
    MAXCHAIN = 32,    /* panics on the model's chain                                     */
    ZID_BASE = 0x1f0, /* event ids of the zero-argument deferred functions                */
};

/* Body kinds. */
enum { BK_INT, BK_VOID, BK_NOFRAME, BK_DEFER };
/* How a deferred body is deferred: four fixed zero-argument functions, then 1-4 words, pointer. */
enum { DV_ZLOG, DV_ZREC, DV_ZREPANIC, DV_ZPANIC, DV_1, DV_2, DV_3, DV_4, DV_P, DV_COUNT };
#define DV_ZERO(v) ((v) <= DV_ZPANIC)
#define DV_OUTER(v) ((v) == DV_4 || (v) == DV_P)
/* Statement kinds. */
enum {
    ST_DEFER,      /* defer target n times (i = 0..n-1), only where i % mod == res if mod      */
    ST_CALL,       /* call target; an int result is logged and folded into result         */
    ST_PANIC,      /* panic with a value of kind n (PK_*) and number v                     */
    ST_RETURN,     /* return now: go_return if n (int bodies), else a plain return         */
    ST_SET,        /* result = v                                                           */
    ST_SET_OUTER,  /* *outer = combine(*outer, v): the deferring frame's result (D4)       */
    ST_RECOVER,    /* go_recover() called directly; the value is logged                    */
    ST_REPANIC,    /* go_recover(); if it returned a value, panic again with that value    */
    ST_RECH,       /* go_recover() called from a helper function: always nil (R2)          */
    ST_GOEXIT,     /* go_goexit()                                                          */
    ST_COUNT
};
/* Panic value kinds: the value's code is (kind + 1) << 8 | v. */
enum { PK_STR, PK_INT, PK_PANICF, PK_ERROR, PK_ERRORF, PK_TYPED, PK_UINT, PK_COUNT };
#define PCODE(pk, v) ((uint32_t)((pk) + 1) << 8 | (uint32_t)(v))
#define BADCODE 0xfffffu
/* Events: tag << 24 | payload. */
enum { EV_ENTER = 1, EV_DEFER, EV_RET, EV_PANIC, EV_REC, EV_REPANIC, EV_RECH, EV_GOEXIT, EV_END };
#define EV(tag, p) ((uint32_t)(tag) << 24 | ((uint32_t)(p) & 0xffffffu))
#define DPAY(id, i, x) ((uint32_t)(id) << 15 | ((uint32_t)(i) & 7u) << 12 | ((uint32_t)(x) & 0xfffu))

static inline int combine(int a, int v) { return (a * 31 + v + 7) & 0xffff; }
static inline int mutx(int x) { return (x * 5 + 3) & 0xfff; }

struct body {
    uint8_t kind;  /* BK_*                                                     */
    uint8_t dvar;  /* BK_DEFER: DV_*                                           */
    uint8_t framed;/* BK_DEFER: has a frame of its own (so it may defer: D6)   */
    uint8_t goret; /* BK_INT: falls off its end with go_return, else plain     */
    uint16_t id, first, nstmt;
    int32_t init, xseed;
    int *rt_outer; /* DV_P: the deferring frame's result, set when deferred    */
};

struct stmt {
    uint8_t kind, n, mod, res;
    uint16_t target;
    int16_t v;
};

struct prog {
    unsigned nb, ns;
    bool gx; /* runs in a child thread and may call Goexit */
    struct body b[MAXBODIES];
    struct stmt s[MAXSTMTS];
};

/* ===================================================================================== */
/* Random numbers                                                                        */
/* ===================================================================================== */

static inline uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static inline uint64_t next64(uint64_t *s) { return mix64(*s += 0x9e3779b97f4a7c15ULL); }
static inline unsigned rnd(uint64_t *s, unsigned n)
{
    return (unsigned)(((next64(s) >> 32) * n) >> 32);
}
/* Each sequence has its own stream, so any one of them can be replayed alone. */
static uint64_t seq_seed(uint64_t seed, unsigned t, uint64_t idx)
{
    return mix64(mix64(seed ^ mix64((uint64_t)t + 1)) + idx);
}

/* ===================================================================================== */
/* Allocation accounting (the test's own allocations)                                    */
/* ===================================================================================== */

static atomic_long g_live_allocs;

static __attribute__((unused)) void *xcalloc(size_t n)
{
    void *p = calloc(1, n);
    if (!p) {
        fprintf(stderr, "stress: out of memory\n");
        exit(3);
    }
    atomic_fetch_add(&g_live_allocs, 1);
    return p;
}
static __attribute__((unused)) void xfree(void *p)
{
    if (p) {
        atomic_fetch_sub(&g_live_allocs, 1);
        free(p);
    }
}

/* Bytes the allocator has handed out and not taken back. */
static __attribute__((unused)) size_t heap_in_use(void)
{
#ifdef STRESS_SAN
    return __sanitizer_get_current_allocated_bytes();
#else
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
#endif
}

/* Threads run on stacks the test maps itself: glibc caches the stacks it allocates, and a
 * cached stack keeps its thread's TLS vector allocated (bytes in use that would read as growth);
 * a thread on a caller-supplied stack has that vector freed when it is joined. */
enum { STACK_SIZE = 2 << 20 };

struct thread {
    pthread_t th;
    void *stack;
};

static __attribute__((unused)) void spawn(struct thread *t, void *(*fn)(void *), void *arg)
{
    pthread_attr_t a;
    t->stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (t->stack == MAP_FAILED) {
        perror("stress: mmap");
        exit(3);
    }
    int e = pthread_attr_init(&a);
    if (!e)
        e = pthread_attr_setstack(&a, t->stack, STACK_SIZE);
    if (!e)
        e = pthread_create(&t->th, &a, fn, arg);
    if (e) {
        fprintf(stderr, "stress: pthread_create: %s\n", strerror(e));
        exit(3);
    }
    pthread_attr_destroy(&a);
}

static __attribute__((unused)) void join(struct thread *t)
{
    int e = pthread_join(t->th, NULL);
    if (e) {
        fprintf(stderr, "stress: pthread_join: %s\n", strerror(e));
        exit(3);
    }
    munmap(t->stack, STACK_SIZE);
}

/* ===================================================================================== */
/* Program generator                                                                     */
/* ===================================================================================== */

struct gen {
    struct prog *P;
    uint64_t *rng;
    int left;      /* bodies that may still be created */
    unsigned mult; /* how many times the body being generated may run */
};

static unsigned g_body(struct gen *G, int kind)
{
    struct prog *P = G->P;
    if (P->nb >= MAXBODIES) {
        fprintf(stderr, "stress: generator bug: too many bodies\n");
        abort();
    }
    unsigned bi = P->nb++;
    struct body *b = &P->b[bi];
    memset(b, 0, sizeof *b);
    b->kind = (uint8_t)kind;
    b->id = (uint16_t)bi;
    b->init = (int32_t)rnd(G->rng, 100);
    b->xseed = (int32_t)rnd(G->rng, 4096);
    b->goret = kind == BK_INT ? (uint8_t)rnd(G->rng, 2) : 0;
    G->left--;
    return bi;
}

static struct stmt *g_reserve(struct gen *G, struct body *b, unsigned n)
{
    if (G->P->ns + n > MAXSTMTS) {
        fprintf(stderr, "stress: generator bug: program too large\n");
        abort();
    }
    b->first = (uint16_t)G->P->ns;
    b->nstmt = (uint16_t)n;
    G->P->ns += n;
    struct stmt *s = &G->P->s[b->first];
    memset(s, 0, n * sizeof *s);
    return s;
}

static unsigned g_pick(struct gen *G, const unsigned *w, unsigned n)
{
    unsigned sum = 0;
    for (unsigned i = 0; i < n; i++)
        sum += w[i];
    unsigned r = rnd(G->rng, sum);
    for (unsigned i = 0; i < n; i++) {
        if (r < w[i])
            return i;
        r -= w[i];
    }
    return n - 1;
}

static void g_stmts(struct gen *G, unsigned bi, int depth);

static unsigned g_deferred(struct gen *G, int depth)
{
    unsigned bi = g_body(G, BK_DEFER);
    struct body *b = &G->P->b[bi];
    if (rnd(G->rng, 5) == 0) {
        /* One of the fixed zero-argument functions (d0_*): their statements are fixed too. */
        b->dvar = (uint8_t)rnd(G->rng, 4);
        if (b->dvar == DV_ZLOG) {
            g_reserve(G, b, 0);
        } else {
            struct stmt *s = g_reserve(G, b, 1);
            if (b->dvar == DV_ZREC)
                s->kind = ST_RECOVER;
            else if (b->dvar == DV_ZREPANIC)
                s->kind = ST_REPANIC;
            else {
                s->kind = ST_PANIC;
                s->n = PK_INT;
                s->v = 99;
            }
        }
        return bi;
    }
    b->dvar = (uint8_t)(DV_1 + rnd(G->rng, 5));
    b->framed = rnd(G->rng, 4) != 0;
    g_stmts(G, bi, depth);
    return bi;
}

static void g_stmts(struct gen *G, unsigned bi, int depth)
{
    struct prog *P = G->P;
    struct body *b = &P->b[bi];
    bool dfr = b->kind == BK_DEFER;
    bool can_defer = b->kind == BK_INT || b->kind == BK_VOID || (dfr && b->framed);
    bool outer = dfr && DV_OUTER(b->dvar);
    unsigned maxst = depth == 0 ? 10 : depth <= 2 ? 7 : 4;
    unsigned n = rnd(G->rng, maxst + 1), k = 0, regs = 0;
    if (bi == 0 && n < 3)
        n = 3; /* the root: a guard that recovers anything, then at least two statements */
    struct stmt *s = g_reserve(G, b, n);
    if (bi == 0) {
        s[0].kind = ST_DEFER;
        s[0].n = 1;
        unsigned g = g_body(G, BK_DEFER);
        P->b[g].dvar = DV_ZREC;
        struct stmt *gs = g_reserve(G, &P->b[g], 1);
        gs->kind = ST_RECOVER;
        s[0].target = (uint16_t)g;
        k = regs = 1;
    }
    for (; k < n; k++) {
        bool deeper = depth < MAXDEPTH && G->left > 0;
        unsigned w[ST_COUNT] = {0};
        w[ST_DEFER] = can_defer && deeper && regs < MAXFANOUT ? 30 : 0;
        w[ST_CALL] = deeper ? 14 : 0;
        w[ST_PANIC] = 7;
        w[ST_RETURN] = 2;
        w[ST_SET] = 5;
        w[ST_SET_OUTER] = outer ? 8 : 0;
        w[ST_RECOVER] = dfr ? 20 : 1;
        w[ST_REPANIC] = dfr ? 5 : 0;
        w[ST_RECH] = dfr ? 3 : 1;
        w[ST_GOEXIT] = P->gx ? 10 : 0;
        s[k].kind = (uint8_t)g_pick(G, w, ST_COUNT);
        switch (s[k].kind) {
        case ST_DEFER: {
            unsigned cnt = 1, room = MAXFANOUT - regs;
            if (room > 1 && G->mult < MAXMULT && rnd(G->rng, 10) < 3)
                cnt = 2 + rnd(G->rng, room - 1);
            if (cnt > 2 && rnd(G->rng, 4) == 0) {
                s[k].mod = (uint8_t)(2 + rnd(G->rng, 2));
                s[k].res = (uint8_t)rnd(G->rng, s[k].mod);
            }
            unsigned reg = 0;
            for (;; cnt--) {
                reg = 0;
                for (unsigned i = 0; i < cnt; i++)
                    reg += !s[k].mod || i % s[k].mod == s[k].res;
                if (cnt == 1 || G->mult * (reg ? reg : 1) <= MAXMULT)
                    break;
            }
            s[k].n = (uint8_t)cnt;
            regs += reg;
            unsigned save = G->mult;
            G->mult *= reg ? reg : 1;
            s[k].target = (uint16_t)g_deferred(G, depth + 1);
            G->mult = save;
            break;
        }
        case ST_CALL: {
            unsigned r = rnd(G->rng, 10);
            unsigned t = g_body(G, r < 6 ? BK_INT : r < 8 ? BK_VOID : BK_NOFRAME);
            s[k].target = (uint16_t)t;
            g_stmts(G, t, depth + 1);
            break;
        }
        case ST_PANIC:
            s[k].n = (uint8_t)rnd(G->rng, PK_COUNT);
            s[k].v = (int16_t)rnd(G->rng, 256);
            b->nstmt = (uint16_t)(k + 1);
            return;
        case ST_RETURN:
            s[k].n = b->kind == BK_INT ? (uint8_t)rnd(G->rng, 2) : 0;
            b->nstmt = (uint16_t)(k + 1);
            return;
        case ST_SET:
        case ST_SET_OUTER:
            s[k].v = (int16_t)rnd(G->rng, 1000);
            break;
        case ST_GOEXIT:
            b->nstmt = (uint16_t)(k + 1);
            return;
        default:
            break;
        }
    }
}

static void gen_prog(struct prog *P, uint64_t *rng, bool gx)
{
    struct gen G = {P, rng, 0, 1};
    unsigned c = rnd(rng, 20);
    G.left = c < 8    ? 3 + (int)rnd(rng, 4)
             : c < 16 ? 8 + (int)rnd(rng, 12)
             : c < 19 ? 20 + (int)rnd(rng, 25)
                      : 45 + (int)rnd(rng, 40);
    P->nb = P->ns = 0;
    P->gx = gx;
    g_body(&G, BK_INT); /* the root, body 0 */
    g_stmts(&G, 0, 0);
}

/* ===================================================================================== */
/* The model: Go 1.23's rules, interpreted                                               */
/* ===================================================================================== */
/*
 * A panic travels up as a flow result (FL_PANIC); each frame on the way runs its deferred calls
 * LIFO, each started by the newest panic. That gives Go's order (deferred calls run on top of the
 * panicking stack, newest frame first). The rules, as the model applies them:
 *  - recover() returns the newest panic's value iff it is called directly in a deferred call
 *    started by that panic (uid match), and that panic is neither recovered nor a Goexit (R1-R4);
 *  - after a deferred call returns with its panic recovered, the frame that deferred it stops
 *    unwinding: every panic started since the frame was entered leaves the chain (Go drops the
 *    panics whose start is below the frame), the frame's remaining deferred calls run as on a
 *    normal return and the frame returns its result variable (R5; gort's go_frame result);
 *  - a panic leaving a deferred call started by an older panic aborts that one, and unwinding
 *    continues with the newer panic (P2); a newer panic recovered inside the deferred call leaves
 *    the older one running (P3);
 *  - Goexit pushes a goexit record and runs every deferred call LIFO; recover returns nil (G1).
 */

enum { FL_NORMAL, FL_PANIC, FL_GOEXIT };

struct stats {
    uint64_t seqs, rejected, goexit_seqs, events, big, defers, panics, recovers, nil_recovers,
        aborted, resumed, repanics, goexits, outer_sets, plain_recovered;
};

struct mpanic {
    uint32_t code, uid;
    bool recovered, goexit;
};

struct mdefer {
    const struct body *b;
    unsigned i;
    int x;
    int *outer;
};

struct model {
    const struct prog *P;
    unsigned n;
    int nchain;
    uint32_t uid;
    struct stats st;
    jmp_buf bail;
    struct mpanic chain[MAXCHAIN];
    uint32_t log[MAXLOG];
};

static void m_log(struct model *M, uint32_t w)
{
    if (M->n >= MAXLOG)
        longjmp(M->bail, 1);
    M->log[M->n++] = w;
}

static void m_push(struct model *M, uint32_t code, bool goexit)
{
    if (M->nchain >= MAXCHAIN)
        longjmp(M->bail, 1);
    M->chain[M->nchain++] = (struct mpanic){code, ++M->uid, false, goexit};
}

static uint32_t m_recover(struct model *M, uint32_t sb)
{
    if (sb && M->nchain) {
        struct mpanic *p = &M->chain[M->nchain - 1];
        if (p->uid == sb && !p->recovered && !p->goexit) {
            p->recovered = true;
            M->st.recovers++;
            return p->code;
        }
    }
    if (sb)
        M->st.nil_recovers++;
    return 0;
}

static int m_body(struct model *M, const struct body *b, int *outer, uint32_t sb, int *ret);

static int m_defer_call(struct model *M, const struct mdefer *d, uint32_t sb)
{
    const struct body *t = d->b;
    unsigned id = t->id, i = 0;
    int x = 0, dummy = 0, r;
    if (DV_ZERO(t->dvar))
        id = ZID_BASE + t->dvar;
    else if (t->dvar == DV_2)
        i = d->i;
    else if (t->dvar == DV_3 || t->dvar == DV_4)
        i = d->i, x = d->x;
    m_log(M, EV(EV_DEFER, DPAY(id, i, x)));
    M->st.defers++;
    return m_body(M, t, d->outer ? d->outer : &dummy, sb, &r);
}

/* Runs body b; sb is the uid of the panic (or Goexit) that started it when it is a deferred
 * call, else 0. Returns FL_*; on FL_NORMAL, *ret is what the call returns. */
static int m_body(struct model *M, const struct body *b, int *outer, uint32_t sb, int *ret)
{
    const struct prog *P = M->P;
    int result = b->init, x = b->xseed, fl = FL_NORMAL, nd = 0, entry = M->nchain;
    int plainval = 0;
    bool plain = true, recovered = false, returned = false;
    struct mdefer defs[MAXFANOUT];

    if (b->kind != BK_DEFER)
        m_log(M, EV(EV_ENTER, b->id));
    for (unsigned k = 0; k < b->nstmt; k++) {
        const struct stmt *s = &P->s[b->first + k];
        switch (s->kind) {
        case ST_DEFER: {
            const struct body *t = &P->b[s->target];
            for (unsigned i = 0; i < s->n; i++) {
                if (s->mod && i % s->mod != s->res)
                    continue;
                if (nd >= MAXFANOUT)
                    longjmp(M->bail, 1);
                defs[nd++] = (struct mdefer){t, i, x, DV_OUTER(t->dvar) ? &result : NULL};
                x = mutx(x);
            }
            break;
        }
        case ST_CALL: {
            const struct body *t = &P->b[s->target];
            int r = 0, f = m_body(M, t, NULL, 0, &r);
            if (f != FL_NORMAL) {
                fl = f;
                goto unwind;
            }
            if (t->kind != BK_VOID) {
                m_log(M, EV(EV_RET, r));
                result = combine(result, r);
            }
            break;
        }
        case ST_PANIC: {
            uint32_t c = PCODE(s->n, s->v);
            m_log(M, EV(EV_PANIC, c));
            m_push(M, c, false);
            M->st.panics++;
            fl = FL_PANIC;
            goto unwind;
        }
        case ST_RETURN:
            plain = !(b->kind == BK_INT && s->n);
            plainval = result;
            returned = true;
            goto unwind;
        case ST_SET:
            result = s->v;
            break;
        case ST_SET_OUTER:
            *outer = combine(*outer, s->v);
            M->st.outer_sets++;
            break;
        case ST_RECOVER:
            m_log(M, EV(EV_REC, m_recover(M, sb)));
            break;
        case ST_REPANIC: {
            uint32_t c = m_recover(M, sb);
            m_log(M, EV(EV_REPANIC, c));
            if (c) {
                m_push(M, c, false);
                M->st.repanics++;
                fl = FL_PANIC;
                goto unwind;
            }
            break;
        }
        case ST_RECH:
            m_log(M, EV(EV_RECH, 0));
            break;
        case ST_GOEXIT:
            if (M->nchain) /* Goexit during a panic (G4): outside the rules checked here */
                longjmp(M->bail, 1);
            m_log(M, EV(EV_GOEXIT, 0));
            m_push(M, 0, true);
            M->st.goexits++;
            fl = FL_GOEXIT;
            goto unwind;
        }
    }
    plain = !(b->kind == BK_INT && b->goret);
    plainval = result;
    returned = true;
unwind:
    while (nd > 0) {
        const struct mdefer *d = &defs[--nd];
        uint32_t dsb = fl == FL_NORMAL ? 0 : M->chain[M->nchain - 1].uid;
        int f = m_defer_call(M, d, dsb);
        if (fl == FL_NORMAL) {
            fl = f;
        } else if (fl == FL_GOEXIT) {
            if (f != FL_NORMAL) /* a panic or Goexit escaping a call run by Goexit (G2, G3) */
                longjmp(M->bail, 1);
        } else if (f == FL_PANIC) {
            M->st.aborted++; /* the newer panic left the call: the older one is aborted */
        } else if (f == FL_GOEXIT) {
            longjmp(M->bail, 1); /* Goexit in a call run by a panic (G4) */
        } else {
            const struct mpanic *p = &M->chain[M->nchain - 1];
            if (p->uid != dsb) {
                fprintf(stderr, "stress: model bug: chain top changed under a deferred call\n");
                abort();
            }
            if (p->recovered) {
                M->nchain = entry;
                fl = FL_NORMAL;
                recovered = true;
                if (entry > 0)
                    M->st.resumed++;
                if (returned && plain && b->kind == BK_INT)
                    M->st.plain_recovered++;
            }
        }
    }
    if (fl == FL_NORMAL)
        *ret = plain && !recovered ? plainval : result;
    return fl;
}

/* Runs P in the model. Returns false if the program leaves the rules the model checks. */
static bool model_run(struct model *M, const struct prog *P)
{
    M->P = P;
    M->n = 0;
    M->nchain = 0;
    M->uid = 0;
    memset(&M->st, 0, sizeof M->st);
    if (setjmp(M->bail))
        return false;
    int r = 0, dummy = 0;
    int f = m_body(M, &P->b[0], &dummy, 0, &r);
    if (f == FL_NORMAL)
        m_log(M, EV(EV_END, r));
    else if (f == FL_PANIC || !P->gx) {
        fprintf(stderr, "stress: model bug: a panic escaped the root's guard\n");
        abort();
    }
    return true;
}

/* Draws programs for sequence idx until the model accepts one. */
static void make_seq(struct prog *P, struct model *M, uint64_t seed, unsigned t, uint64_t idx,
                     unsigned gxevery, struct stats *st)
{
    uint64_t rng = seq_seed(seed, t, idx);
    bool gx = gxevery && idx % gxevery == gxevery - 1;
    for (;;) {
        gen_prog(P, &rng, gx);
        if (model_run(M, P))
            break;
        st->rejected++;
    }
}

/* ===================================================================================== */
/* Printing programs, events; the Go version of a program                                */
/* ===================================================================================== */

static const char *const kind_name[] = {"int", "void", "noframe", "deferred"};
static const char *const dvar_name[] = {"d0_log", "d0_rec", "d0_repanic", "d0_panic", "1 word",
                                        "2 words", "3 words", "4 words", "pointer"};

static void fmt_code(char *buf, size_t n, uint32_t c)
{
    unsigned v = c & 0xff;
    switch (c == 0 ? 0 : (int)(c >> 8)) {
    case 0: snprintf(buf, n, "nil"); break;
    case PK_STR + 1: snprintf(buf, n, "\"s%u\"", v); break;
    case PK_INT + 1: snprintf(buf, n, "int(%u)", v); break;
    case PK_PANICF + 1: snprintf(buf, n, "panicf \"pf%u\"", v); break;
    case PK_ERROR + 1: snprintf(buf, n, "error e%u", v); break;
    case PK_ERRORF + 1: snprintf(buf, n, "errorf ef%u", v); break;
    case PK_TYPED + 1: snprintf(buf, n, "main.MyInt(%u)", v); break;
    case PK_UINT + 1: snprintf(buf, n, "uint(%u)", v); break;
    default: snprintf(buf, n, "BAD(0x%x)", c); break;
    }
}

static void fmt_ev(char *buf, size_t n, uint32_t w)
{
    uint32_t p = w & 0xffffff;
    char c[40];
    fmt_code(c, sizeof c, p);
    switch (w >> 24) {
    case EV_ENTER: snprintf(buf, n, "enter b%u", p); break;
    case EV_DEFER: {
        unsigned id = p >> 15;
        if (id >= ZID_BASE && id <= ZID_BASE + DV_ZPANIC)
            snprintf(buf, n, "deferred %s runs", dvar_name[id - ZID_BASE]);
        else if (id >= MAXBODIES)
            snprintf(buf, n, "BAD EVENT 0x%08x", w);
        else
            snprintf(buf, n, "deferred b%u runs (i=%u x=%u)", id, (p >> 12) & 7, p & 0xfff);
        break;
    }
    case EV_RET: snprintf(buf, n, "call returned %u", p); break;
    case EV_PANIC: snprintf(buf, n, "panic(%s)", c); break;
    case EV_REC: snprintf(buf, n, "recover() = %s", c); break;
    case EV_REPANIC: snprintf(buf, n, "recover() = %s, re-panic if non-nil", c); break;
    case EV_RECH: snprintf(buf, n, "helper's recover() = %s", c); break;
    case EV_GOEXIT: snprintf(buf, n, "Goexit"); break;
    case EV_END: snprintf(buf, n, "root returned %u", p); break;
    default: snprintf(buf, n, "BAD EVENT 0x%08x", w); break;
    }
}

static __attribute__((unused)) void dump_body(FILE *f, const struct prog *P, unsigned bi, int ind)
{
    const struct body *b = &P->b[bi];
    fprintf(f, "%*sb%u: %s", ind, "", bi, kind_name[b->kind]);
    if (b->kind == BK_DEFER)
        fprintf(f, " %s%s", dvar_name[b->dvar],
                DV_ZERO(b->dvar) ? "" : b->framed ? " framed" : " no-frame");
    if (b->kind == BK_INT)
        fprintf(f, " end=%s", b->goret ? "go_return" : "return");
    fprintf(f, " init=%d xseed=%d\n", b->init, b->xseed);
    if (b->kind == BK_DEFER && DV_ZERO(b->dvar))
        return;
    for (unsigned k = 0; k < b->nstmt; k++) {
        const struct stmt *s = &P->s[b->first + k];
        char c[40];
        fprintf(f, "%*s  ", ind, "");
        switch (s->kind) {
        case ST_DEFER:
            fprintf(f, "defer b%u", s->target);
            if (s->n > 1)
                fprintf(f, " in a loop i=0..%u", s->n - 1);
            if (s->mod)
                fprintf(f, " if i%%%u==%u", s->mod, s->res);
            fprintf(f, ":\n");
            dump_body(f, P, s->target, ind + 4);
            break;
        case ST_CALL:
            fprintf(f, "call b%u:\n", s->target);
            dump_body(f, P, s->target, ind + 4);
            break;
        case ST_PANIC:
            fmt_code(c, sizeof c, PCODE(s->n, s->v));
            fprintf(f, "panic %s\n", c);
            break;
        case ST_RETURN: fprintf(f, "%s\n", s->n ? "go_return(result)" : "return"); break;
        case ST_SET: fprintf(f, "result = %d\n", s->v); break;
        case ST_SET_OUTER: fprintf(f, "*outer = combine(*outer, %d)\n", s->v); break;
        case ST_RECOVER: fprintf(f, "recover()\n"); break;
        case ST_REPANIC: fprintf(f, "if r := recover(); r != nil { panic(r) }\n"); break;
        case ST_RECH: fprintf(f, "helper() calls recover()\n"); break;
        case ST_GOEXIT: fprintf(f, "Goexit()\n"); break;
        }
    }
}

static __attribute__((unused)) void print_log(FILE *f, const char *name, const uint32_t *log, unsigned n)
{
    fprintf(f, "%s (%u events):\n", name, n);
    for (unsigned i = 0; i < n; i++) {
        char buf[96];
        fmt_ev(buf, sizeof buf, log[i]);
        fprintf(f, "  %3u %08x %s\n", i, log[i], buf);
    }
}

static __attribute__((unused)) void print_compare(FILE *f, const uint32_t *exp, unsigned ne, const uint32_t *act,
                          unsigned na)
{
    unsigned n = ne > na ? ne : na, first = n;
    for (unsigned i = 0; i < n && first == n; i++)
        if (i >= ne || i >= na || exp[i] != act[i])
            first = i;
    fprintf(f, "first difference at event %u\n  %-44s | %s\n", first, "expected (model)",
            "actual (gort)");
    for (unsigned i = 0; i < n; i++) {
        char a[96] = "", b[96] = "";
        if (i < ne)
            fmt_ev(a, sizeof a, exp[i]);
        if (i < na)
            fmt_ev(b, sizeof b, act[i]);
        fprintf(f, "%s %3u %-44s | %s\n", i == first ? ">>" : "  ", i, a, b);
    }
}

static void go_body(FILE *f, const struct prog *P, const char *pfx, unsigned bi)
{
    const struct body *b = &P->b[bi];
    bool dfr = b->kind == BK_DEFER;
    switch (b->kind) {
    case BK_INT: fprintf(f, "func %s_b%u() (out int) {\n", pfx, bi); break;
    case BK_VOID: fprintf(f, "func %s_b%u() {\n", pfx, bi); break;
    case BK_NOFRAME: fprintf(f, "func %s_b%u() int {\n", pfx, bi); break;
    default: fprintf(f, "func %s_b%u(i, x0 int, outer *int, ofr *frame) {\n", pfx, bi); break;
    }
    fprintf(f, "\tresult, x, fr := %d, %d, &frame{}\n\t_, _, _ = result, x, fr\n", b->init,
            b->xseed);
    if (b->kind == BK_INT)
        fprintf(f, "\tplainRet, ret := false, 0\n"
                   "\tdefer func() {\n\t\tif plainRet && !fr.recovered {\n\t\t\tout = ret\n"
                   "\t\t} else {\n\t\t\tout = result\n\t\t}\n\t}()\n");
    if (!dfr)
        fprintf(f, "\tev(0x%08x)\n", EV(EV_ENTER, bi));
    else if (DV_ZERO(b->dvar))
        fprintf(f, "\tev(0x%08x)\n", EV(EV_DEFER, DPAY(ZID_BASE + b->dvar, 0, 0)));
    else
        fprintf(f, "\tev(evd(%u, %s, %s))\n", bi, b->dvar == DV_2 || b->dvar == DV_3 || b->dvar == DV_4 ? "i" : "0",
                b->dvar == DV_3 || b->dvar == DV_4 ? "x0" : "0");
    const char *plainret = b->kind == BK_INT ? "ret, plainRet = result, true\n\treturn"
                           : b->kind == BK_NOFRAME ? "return result"
                                                   : "return";
    for (unsigned k = 0; k < b->nstmt; k++) {
        const struct stmt *s = &P->s[b->first + k];
        const struct body *t = &P->b[s->target];
        switch (s->kind) {
        case ST_DEFER:
            fprintf(f, "\tfor i := 0; i < %u; i++ {\n", s->n);
            if (s->mod)
                fprintf(f, "\t\tif i%%%u != %u {\n\t\t\tcontinue\n\t\t}\n", s->mod, s->res);
            fprintf(f, "\t\tdefer %s_b%u(i, x, &result, fr)\n\t\tx = mutx(x)\n\t}\n", pfx,
                    s->target);
            break;
        case ST_CALL:
            if (t->kind == BK_VOID)
                fprintf(f, "\t%s_b%u()\n", pfx, s->target);
            else
                fprintf(f, "\t{\n\t\tr := %s_b%u()\n\t\tev(0x%08x | uint32(r))\n"
                           "\t\tresult = combine(result, r)\n\t}\n",
                        pfx, s->target, EV(EV_RET, 0));
            break;
        case ST_PANIC:
            fprintf(f, "\tev(0x%08x)\n", EV(EV_PANIC, PCODE(s->n, s->v)));
            switch (s->n) {
            case PK_STR: fprintf(f, "\tpanic(\"s%d\")\n", s->v); break;
            case PK_INT: fprintf(f, "\tpanic(%d)\n", s->v); break;
            case PK_PANICF: fprintf(f, "\tpanic(fmt.Sprintf(\"pf%%d\", %d))\n", s->v); break;
            case PK_ERROR: fprintf(f, "\tpanic(errors.New(\"e%d\"))\n", s->v); break;
            case PK_ERRORF: fprintf(f, "\tpanic(fmt.Errorf(\"ef%%d\", %d))\n", s->v); break;
            case PK_TYPED: fprintf(f, "\tpanic(MyInt(%d))\n", s->v); break;
            default: fprintf(f, "\tpanic(uint(%d))\n", s->v); break;
            }
            break;
        case ST_RETURN:
            fprintf(f, "\t%s\n", s->n ? "return" : plainret);
            break;
        case ST_SET: fprintf(f, "\tresult = %d\n", s->v); break;
        case ST_SET_OUTER: fprintf(f, "\t*outer = combine(*outer, %d)\n", s->v); break;
        case ST_RECOVER:
            if (dfr)
                fprintf(f, "\tif c := code(recover()); true {\n\t\tev(0x%08x | c)\n"
                           "\t\tif c != 0 {\n\t\t\tofr.recovered = true\n\t\t}\n\t}\n",
                        EV(EV_REC, 0));
            else
                fprintf(f, "\tev(0x%08x | code(recover()))\n", EV(EV_REC, 0));
            break;
        case ST_REPANIC:
            fprintf(f, "\tif r := recover(); true {\n\t\tev(0x%08x | code(r))\n"
                       "\t\tif r != nil {\n\t\t\tofr.recovered = true\n\t\t\tpanic(r)\n\t\t}\n\t}\n",
                    EV(EV_REPANIC, 0));
            break;
        case ST_RECH: fprintf(f, "\tev(0x%08x | code(helper()))\n", EV(EV_RECH, 0)); break;
        case ST_GOEXIT:
            fprintf(f, "\tev(0x%08x)\n\truntime.Goexit()\n", EV(EV_GOEXIT, 0));
            break;
        }
    }
    if (b->kind == BK_INT)
        fprintf(f, "\t%s\n", b->goret ? "return" : plainret);
    else if (b->kind == BK_NOFRAME)
        fprintf(f, "\treturn result\n");
    fprintf(f, "}\n\n");
}

static void go_prelude(FILE *f)
{
    fprintf(f, "// Generated by tests/stress/stress.c --go: the same programs as the C stress test.\n"
               "package main\n\n"
               "import (\n\t\"bufio\"\n\t\"errors\"\n\t\"fmt\"\n\t\"os\"\n\t\"runtime\"\n"
               "\t\"strconv\"\n\t\"strings\"\n)\n\n"
               "type MyInt int\n\ntype frame struct{ recovered bool }\n\n"
               "var evs []uint32\n\nfunc ev(w uint32) { evs = append(evs, w) }\n\n"
               "func mutx(x int) int { return (x*5 + 3) & 0xfff }\n\n"
               "func combine(a, v int) int { return (a*31 + v + 7) & 0xffff }\n\n"
               "func evd(id, i, x int) uint32 {\n"
               "\treturn %#x<<24 | uint32(id)<<15 | uint32(i&7)<<12 | uint32(x&0xfff)\n}\n\n"
               "//go:noinline\nfunc helper() any { return recover() }\n\n"
               "func num(s string) uint32 {\n\tn, err := strconv.Atoi(s)\n"
               "\tif err != nil || n < 0 || n > 255 {\n\t\treturn 0xfffff\n\t}\n"
               "\treturn uint32(n)\n}\n\n"
               "func code(r any) uint32 {\n\tswitch v := r.(type) {\n\tcase nil:\n\t\treturn 0\n"
               "\tcase string:\n\t\tif strings.HasPrefix(v, \"pf\") {\n"
               "\t\t\treturn %d<<8 | num(v[2:])\n\t\t}\n\t\treturn %d<<8 | num(v[1:])\n"
               "\tcase int:\n\t\treturn %d<<8 | uint32(v)\n"
               "\tcase MyInt:\n\t\treturn %d<<8 | uint32(v)\n"
               "\tcase uint:\n\t\treturn %d<<8 | uint32(v)\n"
               "\tcase error:\n\t\ts := v.Error()\n\t\tif strings.HasPrefix(s, \"ef\") {\n"
               "\t\t\treturn %d<<8 | num(s[2:])\n\t\t}\n\t\treturn %d<<8 | num(s[1:])\n\t}\n"
               "\treturn 0xfffff\n}\n\n"
               "var out = bufio.NewWriter(os.Stdout)\n\n"
               "var _, _ = errors.New, runtime.Goexit\n\n"
               "func report(idx int) {\n\tfmt.Fprintf(out, \"%%d:\", idx)\n"
               "\tfor _, w := range evs {\n\t\tfmt.Fprintf(out, \" %%08x\", w)\n\t}\n"
               "\tfmt.Fprintln(out)\n\tevs = evs[:0]\n}\n\n"
               "func run(idx int, root func() int) {\n\tr := root()\n"
               "\tev(%#x<<24 | uint32(r))\n\treport(idx)\n}\n\n"
               "func runGoexit(idx int, root func() int) {\n\tdone := make(chan struct{})\n"
               "\tgo func() {\n\t\tdefer close(done)\n\t\tr := root()\n"
               "\t\tev(%#x<<24 | uint32(r))\n\t}()\n\t<-done\n\treport(idx)\n}\n\n",
            EV_DEFER, PK_PANICF + 1, PK_STR + 1, PK_INT + 1, PK_TYPED + 1, PK_UINT + 1,
            PK_ERRORF + 1, PK_ERROR + 1, EV_END, EV_END);
}

static void mark_reachable(const struct prog *P, unsigned bi, bool *seen)
{
    seen[bi] = true;
    const struct body *b = &P->b[bi];
    for (unsigned k = 0; k < b->nstmt; k++) {
        const struct stmt *s = &P->s[b->first + k];
        if ((s->kind == ST_DEFER || s->kind == ST_CALL) && !seen[s->target])
            mark_reachable(P, s->target, seen);
    }
}

/* The Go functions of P's bodies (those reachable from the root: a minimized program has
 * orphans), named q<idx>_b<body>. */
static void go_prog(FILE *f, const struct prog *P, uint64_t idx)
{
    char pfx[32];
    bool seen[MAXBODIES] = {false};
    snprintf(pfx, sizeof pfx, "q%" PRIu64, idx);
    mark_reachable(P, 0, seen);
    for (unsigned bi = 0; bi < P->nb; bi++)
        if (seen[bi])
            go_body(f, P, pfx, bi);
}

/* ===================================================================================== */
/* The real run: the same programs through gort                                          */
/* ===================================================================================== */

#ifndef STRESS_MODEL_ONLY

/* gcc's -Wclobbered (in -Wextra) flags the locals of these interpreter functions, the header's
 * macro temporaries included, because each function holds many recovery points (one per
 * go_defer site). After a recovery the landing only runs the frame's remaining deferred calls
 * and returns the result variable, which is in memory: none of the flagged values is read
 * again, so the warnings are false positives here. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wclobbered"
#endif

struct wctx {
    unsigned t;
    uint64_t seed, from, count;
    unsigned gxevery;
    int verbose, minimize;
    struct prog *P;
    struct model *M;
    unsigned n;
    int64_t goid, child_goid;
    struct stats st;
    uint32_t log[LOGCAP];
};

static __thread struct wctx *W;
static char g_str[256][16], g_err[256][16];
static const go_type T_myint = {"main.MyInt", GO_KIND_INT, NULL};

static inline void ev(uint32_t w)
{
    struct wctx *c = W;
    if (c->n < LOGCAP)
        c->log[c->n] = w;
    c->n++;
}

static uint32_t small_num(const char *s, uint32_t tag)
{
    unsigned n = 0;
    if (!*s)
        return BADCODE;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || n > 255)
            return BADCODE;
        n = n * 10 + (unsigned)(*s - '0');
    }
    return n > 255 ? BADCODE : tag << 8 | n;
}

/* The code of a recovered value: its dynamic type and exactly the value that was panicked. */
static uint32_t decode(go_any r)
{
    if (go_is_nil(r))
        return 0;
    if (go_any_is(r, &go_type_string)) {
        const char *s = r.v.s;
        if (!s)
            return BADCODE;
        if (s[0] == 'p' && s[1] == 'f')
            return small_num(s + 2, PK_PANICF + 1);
        uint32_t c = s[0] == 's' ? small_num(s + 1, PK_STR + 1) : BADCODE;
        return c != BADCODE && s == g_str[c & 0xff] ? c : BADCODE;
    }
    if (go_any_is(r, &go_type_error)) {
        const char *s = r.v.s;
        if (!s)
            return BADCODE;
        if (s[0] == 'e' && s[1] == 'f')
            return small_num(s + 2, PK_ERRORF + 1);
        uint32_t c = s[0] == 'e' ? small_num(s + 1, PK_ERROR + 1) : BADCODE;
        return c != BADCODE && s == g_err[c & 0xff] ? c : BADCODE;
    }
    if (go_any_is(r, &go_type_int)) {
#ifdef STRESS_SELFTEST_BUG
        /* Checks the checker: a wrong value for one panic value must be caught and minimized. */
        if (r.v.i == 7)
            return PCODE(PK_INT, 8);
#endif
        return r.v.i >= 0 && r.v.i <= 255 ? PCODE(PK_INT, r.v.i) : BADCODE;
    }
    if (go_any_is(r, &T_myint))
        return r.v.i >= 0 && r.v.i <= 255 ? PCODE(PK_TYPED, r.v.i) : BADCODE;
    if (go_any_is(r, &go_type_uint))
        return r.v.u <= 255 ? PCODE(PK_UINT, r.v.u) : BADCODE;
    return BADCODE;
}

static _Noreturn __attribute__((noinline)) void do_panic(int pk, int v)
{
    ev(EV(EV_PANIC, PCODE(pk, v)));
    switch (pk) {
    case PK_STR: go_panic((const char *)g_str[v]);
    case PK_INT: go_panic(v);
    case PK_PANICF: go_panicf("pf%d", v);
    case PK_ERROR: go_panic_error(g_err[v]);
    case PK_ERRORF: go_panic_errorf("ef%d", v);
    case PK_TYPED: go_panic(go_any_typed(&T_myint, .i = v));
    default: go_panic((unsigned)v);
    }
}

static __attribute__((noinline)) go_any helper_recover(void) { return go_recover(); }

static int exec_int(struct body *b);
static void exec_void(struct body *b);
static int exec_nf(struct body *b);

static int do_call(struct body *t, int result)
{
    int r;
    switch (t->kind) {
    case BK_INT: r = exec_int(t); break;
    case BK_NOFRAME: r = exec_nf(t); break;
    default: exec_void(t); return result;
    }
    ev(EV(EV_RET, r));
    return combine(result, r);
}

/* The zero-argument deferred functions: fixed bodies, mirrored by g_deferred's statements. */
static void d0_log(void) { ev(EV(EV_DEFER, DPAY(ZID_BASE + DV_ZLOG, 0, 0))); }
static void d0_rec(void)
{
    ev(EV(EV_DEFER, DPAY(ZID_BASE + DV_ZREC, 0, 0)));
    ev(EV(EV_REC, decode(go_recover())));
}
static void d0_repanic(void)
{
    ev(EV(EV_DEFER, DPAY(ZID_BASE + DV_ZREPANIC, 0, 0)));
    go_any r = go_recover();
    ev(EV(EV_REPANIC, decode(r)));
    if (!go_is_nil(r))
        go_panic_value(r);
}
static void d0_panic(void)
{
    ev(EV(EV_DEFER, DPAY(ZID_BASE + DV_ZPANIC, 0, 0)));
    ev(EV(EV_PANIC, PCODE(PK_INT, 99)));
    go_panic(99);
}

static void d1f(go_word a);
static void d1n(go_word a);
static void d2f(go_word a, go_word i);
static void d2n(go_word a, go_word i);
static void d3f(go_word a, go_word i, go_word x0);
static void d3n(go_word a, go_word i, go_word x0);
static void d4f(go_word a, go_word i, go_word x0, go_word outer);
static void d4n(go_word a, go_word i, go_word x0, go_word outer);
static void dpf(void *a);
static void dpn(void *a);

/* One execution of a DEFER statement, in the function that declared the frame (S: the
 * statement; uses the function's `result` and `x`). */
#define DO_DEFER(S)                                                                             \
    do {                                                                                        \
        struct body *t_ = &W->P->b[(S)->target];                                                \
        for (unsigned i_ = 0; i_ < (S)->n; i_++) {                                              \
            if ((S)->mod && i_ % (S)->mod != (S)->res)                                          \
                continue;                                                                       \
            switch (t_->dvar) {                                                                 \
            case DV_ZLOG: go_defer_args(d0_log); break;                                         \
            case DV_ZREC: go_defer_args(d0_rec); break;                                         \
            case DV_ZREPANIC: go_defer_args(d0_repanic); break;                                 \
            case DV_ZPANIC: go_defer_args(d0_panic); break;                                     \
            case DV_1: go_defer_args(t_->framed ? d1f : d1n, t_); break;                        \
            case DV_2: go_defer_args(t_->framed ? d2f : d2n, t_, i_); break;                    \
            case DV_3: go_defer_args(t_->framed ? d3f : d3n, t_, i_, x); break;                 \
            case DV_4: go_defer_args(t_->framed ? d4f : d4n, t_, i_, x, &result); break;        \
            default:                                                                            \
                t_->rt_outer = &result;                                                         \
                go_defer(t_->framed ? dpf : dpn, t_);                                           \
                break;                                                                          \
            }                                                                                   \
            x = mutx(x);                                                                        \
        }                                                                                       \
    } while (0)

/* The statement interpreter, expanded in every function so that go_recover() is called
 * directly by it and go_defer registers in its frame. */
#define RUN_STMTS(B, OUTER, DEFER_STMT, RET_PLAIN, RET_GO)                                       \
    for (unsigned k_ = 0; k_ < (B)->nstmt; k_++) {                                              \
        const struct stmt *s_ = &W->P->s[(B)->first + k_];                                      \
        switch (s_->kind) {                                                                     \
        case ST_DEFER: DEFER_STMT; break;                                                       \
        case ST_CALL: result = do_call(&W->P->b[s_->target], result); break;                    \
        case ST_PANIC: do_panic(s_->n, s_->v);                                                  \
        case ST_RETURN:                                                                         \
            if (s_->n) {                                                                        \
                RET_GO;                                                                         \
            } else {                                                                            \
                RET_PLAIN;                                                                      \
            }                                                                                   \
        case ST_SET: result = s_->v; break;                                                     \
        case ST_SET_OUTER: *(OUTER) = combine(*(OUTER), s_->v); break;                          \
        case ST_RECOVER: ev(EV(EV_REC, decode(go_recover()))); break;                           \
        case ST_REPANIC: {                                                                      \
            go_any r_ = go_recover();                                                           \
            ev(EV(EV_REPANIC, decode(r_)));                                                     \
            if (!go_is_nil(r_))                                                                 \
                go_panic_value(r_);                                                             \
            break;                                                                              \
        }                                                                                       \
        case ST_RECH: ev(EV(EV_RECH, decode(helper_recover()))); break;                         \
        case ST_GOEXIT: ev(EV(EV_GOEXIT, 0)); go_goexit();                                      \
        default: abort();                                                                       \
        }                                                                                       \
    }

static int exec_int(struct body *b)
{
    int result = b->init, x = b->xseed, dummy = 0;
    go_frame(result);
    ev(EV(EV_ENTER, b->id));
    RUN_STMTS(b, &dummy, DO_DEFER(s_), return result, go_return(result));
    if (b->goret)
        go_return(result);
    return result;
}

static void exec_void(struct body *b)
{
    int result = b->init, x = b->xseed, dummy = 0;
    go_frame_void();
    ev(EV(EV_ENTER, b->id));
    RUN_STMTS(b, &dummy, DO_DEFER(s_), return, return);
}

/* No frame: it cannot defer; panics pass through it. */
static int exec_nf(struct body *b)
{
    int result = b->init, dummy = 0;
    ev(EV(EV_ENTER, b->id));
    RUN_STMTS(b, &dummy, abort(), return result, return result);
    return result;
}

#define DBODY_FRAMED(BP, I, X, OUTER)                                                           \
    struct body *b = (BP);                                                                      \
    int result = b->init, x = b->xseed;                                                         \
    go_frame_void();                                                                            \
    ev(EV(EV_DEFER, DPAY(b->id, (I), (X))));                                                    \
    RUN_STMTS(b, (OUTER), DO_DEFER(s_), return, return)

#define DBODY_PLAIN(BP, I, X, OUTER)                                                            \
    struct body *b = (BP);                                                                      \
    int result = b->init;                                                                       \
    ev(EV(EV_DEFER, DPAY(b->id, (I), (X))));                                                    \
    RUN_STMTS(b, (OUTER), abort(), return, return)

static void d1f(go_word a)
{
    int dummy = 0;
    DBODY_FRAMED((struct body *)a, 0, 0, &dummy);
}
static void d1n(go_word a)
{
    int dummy = 0;
    DBODY_PLAIN((struct body *)a, 0, 0, &dummy);
}
static void d2f(go_word a, go_word i)
{
    int dummy = 0;
    DBODY_FRAMED((struct body *)a, i, 0, &dummy);
}
static void d2n(go_word a, go_word i)
{
    int dummy = 0;
    DBODY_PLAIN((struct body *)a, i, 0, &dummy);
}
static void d3f(go_word a, go_word i, go_word x0)
{
    int dummy = 0;
    DBODY_FRAMED((struct body *)a, i, x0, &dummy);
}
static void d3n(go_word a, go_word i, go_word x0)
{
    int dummy = 0;
    DBODY_PLAIN((struct body *)a, i, x0, &dummy);
}
static void d4f(go_word a, go_word i, go_word x0, go_word outer)
{
    DBODY_FRAMED((struct body *)a, i, x0, (int *)outer);
}
static void d4n(go_word a, go_word i, go_word x0, go_word outer)
{
    DBODY_PLAIN((struct body *)a, i, x0, (int *)outer);
}
static void dpf(void *a) { DBODY_FRAMED((struct body *)a, 0, 0, ((struct body *)a)->rt_outer); }
static void dpn(void *a) { DBODY_PLAIN((struct body *)a, 0, 0, ((struct body *)a)->rt_outer); }

/* Goexit programs run in a child thread: Goexit ends it. */
static void *child_main(void *arg)
{
    struct wctx *w = arg;
    W = w;
    w->child_goid = go_goid();
    int r = exec_int(&w->P->b[0]);
    ev(EV(EV_END, r));
    return NULL;
}

/* Runs the program for real; false if the run itself went wrong (message printed). */
static bool real_run(struct wctx *w)
{
    w->n = 0;
    if (!w->P->gx) {
        int r = exec_int(&w->P->b[0]);
        ev(EV(EV_END, r));
        return true;
    }
    struct thread th;
    w->child_goid = 0;
    spawn(&th, child_main, w);
    join(&th);
    if (w->child_goid <= 1 || w->child_goid == w->goid) {
        fprintf(stderr, "stress: child goroutine id %" PRId64 " (worker's %" PRId64 ")\n",
                w->child_goid, w->goid);
        return false;
    }
    return true;
}

static bool same_logs(const struct wctx *w)
{
    return w->n == w->M->n && memcmp(w->log, w->M->log, w->n * sizeof w->log[0]) == 0;
}

/* ------------------------------------------------------------------------------------- */
/* Reporting and minimizing                                                              */
/* ------------------------------------------------------------------------------------- */

static pthread_mutex_t g_report_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int g_failed;
static atomic_int g_done;
static unsigned g_nthreads, g_gxevery;
static uint64_t g_seed, g_nseq;
static _Atomic uint64_t g_cur[MAXTHREADS];

static bool mismatch_now(struct wctx *w)
{
    if (!model_run(w->M, w->P))
        return false;
    if (!real_run(w))
        return true;
    return !same_logs(w);
}

/* Deletes statements and shrinks loops while the mismatch persists. */
static void minimize(struct wctx *w)
{
    struct prog *P = w->P;
    struct prog *save = xcalloc(sizeof *save);
    bool changed = true;
    unsigned tries = 0;
    while (changed && tries < 5000) {
        changed = false;
        for (unsigned bi = 0; bi < P->nb; bi++) {
            for (unsigned k = 0; k < P->b[bi].nstmt; k++) {
                struct body *b = &P->b[bi];
                if (b->kind == BK_DEFER && DV_ZERO(b->dvar))
                    break; /* fixed bodies */
                if (bi == 0 && k == 0)
                    continue; /* the root's guard */
                struct stmt *s = &P->s[b->first];
                *save = *P;
                tries++;
                memmove(&s[k], &s[k + 1], (b->nstmt - k - 1) * sizeof *s);
                b->nstmt--;
                if (mismatch_now(w)) {
                    changed = true;
                    k--;
                    continue;
                }
                *P = *save;
                if (s[k].kind == ST_DEFER && (s[k].n > 1 || s[k].mod)) {
                    tries++;
                    s[k].n = 1;
                    s[k].mod = 0;
                    if (mismatch_now(w))
                        changed = true;
                    else
                        *P = *save;
                }
            }
        }
    }
    xfree(save);
    mismatch_now(w);
}

static void report_mismatch(struct wctx *w, uint64_t idx, const char *why)
{
    pthread_mutex_lock(&g_report_lock);
    if (atomic_exchange(&g_failed, 1) == 0 || w->verbose) {
        FILE *f = stderr;
        fprintf(f,
                "stress: MISMATCH (%s): seed %" PRIu64 ", thread %u, sequence %" PRIu64
                "%s\n  replay: stress -s %" PRIu64 " -t %u -i %" PRIu64 " -x %u -m\n",
                why, w->seed, w->t, idx, w->P->gx ? " (Goexit, in a child thread)" : "", w->seed,
                w->t, idx, w->gxevery);
        fprintf(f, "program:\n");
        dump_body(f, w->P, 0, 2);
        print_compare(f, w->M->log, w->M->n, w->log, w->n < LOGCAP ? w->n : LOGCAP);
        if (w->minimize) {
            minimize(w);
            fprintf(f, "\nminimized program:\n");
            dump_body(f, w->P, 0, 2);
            print_compare(f, w->M->log, w->M->n, w->log, w->n < LOGCAP ? w->n : LOGCAP);
            fprintf(f, "\nGo version of the minimized program:\n");
            go_prelude(f);
            go_prog(f, w->P, idx);
            fprintf(f, "func main() {\n\tdefer out.Flush()\n\t%s(%" PRIu64 ", q%" PRIu64 "_b0)\n}\n",
                    w->P->gx ? "runGoexit" : "run", idx, idx);
            fprintf(f, "\n// The model expects it to print:\n// %" PRIu64 ":", idx);
            for (unsigned k = 0; k < w->M->n; k++)
                fprintf(f, " %08x", w->M->log[k]);
            fprintf(f, "\n// and gort logged:\n// %" PRIu64 ":", idx);
            for (unsigned k = 0; k < w->n && k < LOGCAP; k++)
                fprintf(f, " %08x", w->log[k]);
            fprintf(f, "\n");
        }
    }
    pthread_mutex_unlock(&g_report_lock);
}

static void add_stats(struct stats *a, const struct stats *b)
{
    const uint64_t *s = (const uint64_t *)b;
    uint64_t *d = (uint64_t *)a;
    for (size_t i = 0; i < sizeof *a / sizeof(uint64_t); i++)
        d[i] += s[i];
}

static void *worker(void *arg)
{
    struct wctx *w = arg;
    W = w;
    w->goid = go_goid();
    for (uint64_t idx = w->from; idx < w->from + w->count; idx++) {
        if (atomic_load_explicit(&g_failed, memory_order_relaxed) && !w->verbose)
            break;
        atomic_store_explicit(&g_cur[w->t], idx, memory_order_relaxed);
        make_seq(w->P, w->M, w->seed, w->t, idx, w->gxevery, &w->st);
        add_stats(&w->st, &w->M->st);
        w->st.seqs++;
        w->st.goexit_seqs += w->P->gx;
        w->st.events += w->M->n;
        w->st.big += w->M->n >= 100;
        if (w->verbose) {
            fprintf(stderr, "sequence %" PRIu64 " of thread %u, seed %" PRIu64 "%s:\n", idx, w->t,
                    w->seed, w->P->gx ? " (Goexit, child thread)" : "");
            dump_body(stderr, w->P, 0, 2);
            print_log(stderr, "expected (model)", w->M->log, w->M->n);
        }
        bool ok = real_run(w);
        if (w->verbose)
            print_log(stderr, "actual (gort)", w->log, w->n < LOGCAP ? w->n : LOGCAP);
        if (!ok)
            report_mismatch(w, idx, "bad goroutine id");
        else if (!same_logs(w))
            report_mismatch(w, idx, "event logs differ");
        else if (w->verbose)
            fprintf(stderr, "sequence %" PRIu64 ": logs match\n", idx);
    }
    return NULL;
}

/* Runs nthreads workers over sequences [from, from+count) each; returns the summed stats. */
static struct stats run_threads(unsigned nthreads, uint64_t seed, uint64_t from, uint64_t count,
                                unsigned gxevery, int verbose, int minim, unsigned only_t)
{
    struct wctx *w[MAXTHREADS];
    struct thread th[MAXTHREADS];
    struct stats st;
    memset(&st, 0, sizeof st);
    for (unsigned t = 0; t < nthreads; t++) {
        w[t] = xcalloc(sizeof *w[t]);
        w[t]->t = verbose ? only_t : t;
        w[t]->seed = seed;
        w[t]->from = from;
        w[t]->count = count;
        w[t]->gxevery = gxevery;
        w[t]->verbose = verbose;
        w[t]->minimize = minim;
        w[t]->P = xcalloc(sizeof *w[t]->P);
        w[t]->M = xcalloc(sizeof *w[t]->M);
    }
    for (unsigned t = 0; t < nthreads; t++)
        spawn(&th[t], worker, w[t]);
    for (unsigned t = 0; t < nthreads; t++) {
        join(&th[t]);
        add_stats(&st, &w[t]->st);
        xfree(w[t]->P);
        xfree(w[t]->M);
        xfree(w[t]);
    }
    return st;
}

static void at_exit_report(void)
{
    if (atomic_load(&g_done))
        return;
    fprintf(stderr, "stress: exiting before the end (seed %" PRIu64 ", N %" PRIu64
                    ", goexit every %u); sequences in progress:",
            g_seed, g_nseq, g_gxevery);
    for (unsigned t = 0; t < g_nthreads; t++)
        fprintf(stderr, " thread %u: %" PRIu64 ";", t,
                atomic_load_explicit(&g_cur[t], memory_order_relaxed));
    fprintf(stderr, "\n  replay one with: stress -s SEED -t THREAD -i SEQ -x %u\n", g_gxevery);
}

#ifndef STRESS_SAN
/* glibc's per-thread caches (tcache) keep freed chunks counted as in use, by whichever thread
 * freed them last: the main thread's cache would make the heap figure wander by a few hundred
 * bytes. Run without them: re-execute once with the tunable that turns them off. */
static void without_tcache(char **argv)
{
    const char *t = getenv("GLIBC_TUNABLES");
    if (t && strstr(t, "glibc.malloc.tcache_count=0"))
        return;
    char buf[4096];
    snprintf(buf, sizeof buf, "%s%sglibc.malloc.tcache_count=0", t ? t : "", t ? ":" : "");
    if (setenv("GLIBC_TUNABLES", buf, 1) == 0)
        execv("/proc/self/exe", argv);
    fprintf(stderr, "stress: could not re-execute without tcache; heap figures may wander\n");
}
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif /* !STRESS_MODEL_ONLY */

/* ===================================================================================== */
/* main                                                                                  */
/* ===================================================================================== */

static void usage(void)
{
    fprintf(stderr,
            "usage: stress [N [SEED]] [-T threads] [-x goexit_every] [-s SEED]\n"
            "       stress -t THREAD -i INDEX [-s SEED] [-x E] [-m]   (replay one sequence; -m minimizes)\n"
            "       stress --go|--model -t THREAD -i FROM -c COUNT [-s SEED] [-x E]\n");
    exit(3);
}

static uint64_t num_arg(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (!*s || *end)
        usage();
    return v;
}

int main(int argc, char **argv)
{
    uint64_t nseq = 1000000, seed = 1, from = 0, count = 1;
    unsigned nthreads = 8, gxevery = 1000, only_t = 0;
    int mode = 0, pos = 0, replay = 0, minim = 0, verbose_stats = 0; /* mode: 1 go, 2 model */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--go"))
            mode = 1;
        else if (!strcmp(a, "--model"))
            mode = 2;
        else if (!strcmp(a, "-m"))
            minim = 1;
        else if (!strcmp(a, "-v"))
            verbose_stats = 1;
        else if (a[0] == '-' && a[1] && !a[2] && strchr("Txstic", a[1])) {
            if (++i >= argc)
                usage();
            uint64_t v = num_arg(argv[i]);
            switch (a[1]) {
            case 'T': nthreads = (unsigned)v; break;
            case 'x': gxevery = (unsigned)v; break;
            case 's': seed = v; break;
            case 't': only_t = (unsigned)v; break;
            case 'i': from = v, replay = 1; break;
            case 'c': count = v; break;
            }
        } else if (a[0] != '-' && pos == 0)
            nseq = num_arg(a), pos++;
        else if (a[0] != '-' && pos == 1)
            seed = num_arg(a), pos++;
        else
            usage();
    }
    if (nthreads < 1 || nthreads > MAXTHREADS)
        usage();

    if (mode) {
        /* The model checked against real Go: same programs, same event logs. */
        struct prog *P = calloc(1, sizeof *P);
        struct model *M = calloc(1, sizeof *M);
        struct stats st;
        memset(&st, 0, sizeof st);
        if (!P || !M)
            return 3;
        if (mode == 1)
            go_prelude(stdout);
        for (uint64_t idx = from; idx < from + count; idx++) {
            make_seq(P, M, seed, only_t, idx, gxevery, &st);
            if (mode == 1) {
                go_prog(stdout, P, idx);
            } else {
                printf("%" PRIu64 ":", idx);
                for (unsigned k = 0; k < M->n; k++)
                    printf(" %08x", M->log[k]);
                printf("\n");
            }
        }
        if (mode == 1) {
            printf("func main() {\n\tdefer out.Flush()\n");
            for (uint64_t idx = from; idx < from + count; idx++) {
                bool gx = gxevery && idx % gxevery == gxevery - 1;
                printf("\t%s(%" PRIu64 ", q%" PRIu64 "_b0)\n", gx ? "runGoexit" : "run", idx, idx);
            }
            printf("}\n");
        }
        free(P);
        free(M);
        return 0;
    }

#ifdef STRESS_MODEL_ONLY
    (void)nseq, (void)replay, (void)minim, (void)verbose_stats;
    fprintf(stderr, "stress: built with STRESS_MODEL_ONLY: only --go and --model work\n");
    return 3;
#else
    for (int i = 0; i < 256; i++) {
        snprintf(g_str[i], sizeof g_str[i], "s%d", i);
        snprintf(g_err[i], sizeof g_err[i], "e%d", i);
    }
#ifndef STRESS_SAN
    if (!replay)
        without_tcache(argv);
    /* One malloc arena: glibc otherwise creates arenas as threads contend, and each new arena's
     * header counts as bytes in use, which would read as growth. */
    mallopt(M_ARENA_MAX, 1);
#endif
    g_seed = seed;
    g_nseq = nseq;
    g_gxevery = gxevery;
    g_nthreads = nthreads;
    atexit(at_exit_report);
    setvbuf(stdout, NULL, _IOLBF, 0);

    if (replay) {
        g_nthreads = only_t + 1 <= MAXTHREADS ? only_t + 1 : MAXTHREADS;
        run_threads(1, seed, from, count, gxevery, 1, minim, only_t);
        atomic_store(&g_done, 1);
        return atomic_load(&g_failed) ? 1 : 0;
    }

    /* Warm-up (also a test): lets gort and the C library make their one-time allocations
     * (thread arenas, stdio, any cache sized by the number of threads) before the baseline. */
    size_t heap0 = heap_in_use();
    uint64_t warm = nseq < 200 ? nseq : 200;
    run_threads(nthreads, seed ^ 0x5eed, 0, warm, 20, 0, 0, 0);
    size_t heap1 = heap_in_use();

    double t0 = now();
    struct stats st = run_threads(nthreads, seed, 0, nseq, gxevery, 0, 0, 0);
    double t1 = now();
    size_t heap2 = heap_in_use();
    atomic_store(&g_done, 1);
    if (atomic_load(&g_failed))
        return 1;

    printf("stress: %.2f s, %" PRIu64 " sequences (%" PRIu64 " in Goexit threads, %" PRIu64
           " programs redrawn), %" PRIu64 " events (%" PRIu64 " sequences with 100 or more)\n",
           t1 - t0, st.seqs, st.goexit_seqs, st.rejected, st.events, st.big);
    if (verbose_stats)
        printf("stress: deferred calls %" PRIu64 ", panics %" PRIu64 ", recovered %" PRIu64
               ", nil recovers in deferred calls %" PRIu64 ", aborted panics %" PRIu64
               ", older panic resumed after inner recovery %" PRIu64 ", re-panics %" PRIu64
               ", Goexits %" PRIu64 ", deferred writes to result %" PRIu64
               ", recovery after plain return %" PRIu64 "\n",
               st.defers, st.panics, st.recovers, st.nil_recovers, st.aborted, st.resumed,
               st.repanics, st.goexits, st.outer_sets, st.plain_recovered);
    printf("stress: heap in use %zu bytes at start, %zu after warm-up, %zu at end (%s)\n", heap0,
           heap1, heap2,
#ifdef STRESS_SAN
           "sanitizer allocator"
#else
           "mallinfo2"
#endif
    );
    long live = atomic_load(&g_live_allocs);
    if (live != 0) {
        printf("stress: FAIL: %ld of the test's own allocations still live\n", live);
        return 1;
    }
    if (heap2 > heap1) {
        printf("stress: FAIL: heap grew by %zu bytes over the run\n", heap2 - heap1);
        return 1;
    }
    printf("stress: %u threads x %" PRIu64 " sequences: ok\n", nthreads, nseq);
    return 0;
#endif
}
