/*
 * sched.c — the M:N scheduler: worker threads, run queues, park and ready, spawning and ending
 * goroutines, sleep timers, GOMAXPROCS, and the deadlock check.
 *
 * Design
 * ------
 * Go's scheduler has Gs (goroutines), Ms (threads) and Ps (the right to run Go code, with a
 * run queue). gort fuses M and P into a *worker*: GOMAXPROCS threads, each with a local run
 * queue (Go's lock-free ring of 256: the owner pushes and pops, idle workers steal half) and a
 * scheduler context, g0.
 *
 * Switching. A goroutine that yields, parks or exits asks for something that must happen *off
 * its stack*, after its registers are saved: requeue it, run the park's commit (which releases
 * a channel's lock: from then on another worker may resume it, so its context must be whole),
 * or recycle it. Go does that on g0 (mcall), so every switch is goroutine -> g0 -> goroutine.
 * gort switches straight to the worker's next goroutine instead (runnext, else the local
 * queue's head) and leaves its request in w->prev; *whoever runs next on the worker* serves it
 * first thing after the switch (landed / finish_switch: the resumed goroutine, a new
 * goroutine's first frame, or g0). The request is served on another goroutine's stack, but
 * after the switch, so the invariant is the same, and a yield, a park or an exit costs one
 * context switch instead of two and no pass through the scheduler loop. g0 still runs when the
 * local queue is empty (findrunnable: global queue, timers, stealing, sleep), on every 61st
 * switch (so the global queue and expired timers are looked at however busy the local queue
 * is), and on a worker retired by go_gomaxprocs. A park whose commit calls it off resumes at
 * once: the goroutine that received the switch gives way to it and waits in runnext.
 *
 * Measured (bench/, callgrind instructions per op; 2-core Zen 4 VM, GCC 12 -O2), before ->
 * after: yield ping-pong 443 -> 221 (one op is two yields), spawn+join 721 -> 639, unbuffered
 * channel round trip 873 -> 808. In time, the locked instructions dominate (≈ 6-7 ns each
 * here, as much as 40 plain ones): spawn+join made 14, now 10 — the per-worker goroutine
 * count replaces a locked add and sub, and the runnext exchange (sequentially consistent)
 * doubles as wakep's barrier instead of a separate fence. CPU time per op, same machine under
 * load, before -> after: yield 79 -> 28 ns, spawn+join 127 -> 98 ns (2 workers 174 -> 122),
 * channel round trip 130 -> 93 ns (2 workers 244 -> 163, counting the spinning worker).
 * gort / Go in the same run (9 interleaved rounds, medians, loaded machine), before -> after:
 * spawn+join 0.27 -> 0.20 (2 workers 0.47 -> 0.19), yield 0.38 -> 0.12, channel round trip
 * 0.43 -> 0.27 (2 workers 0.74 -> 0.25). The 2-worker yield read 0.07 in the quiet run before
 * and 0.12 here although gort's own time fell from 79 to 28 ns: Go's 2-worker yield is the
 * figure that varies most from run to run. bench/results/latest.md has the last quiet run.
 *
 * Finding work (findrunnable): the local queue; every 61st time the global queue first (so
 * goroutines readied by plain threads are not starved by a busy local queue, Go's fairness
 * rule); expired timers; the global queue; stealing from the other workers. A yield puts the
 * goroutine at the tail of its worker's queue, so a goroutine that yields in a loop lets
 * every other runnable goroutine of its worker run before it runs again.
 *
 * Two workers. A ping-pong (channel, spawn+join) should stay on one worker: each side readies
 * the other into runnext and blocks at once, so the readied one runs there without a wake-up.
 * The other worker, woken by wakep, spins (below) and may take a runnext that has sat for
 * SPIN_NEXT_NS. Records are reused (the free list is LIFO), so "the same g still sits there"
 * is judged by a generation the owner bumps at every runnext store, not by the pointer: keyed
 * by pointer, the spinner took the ping-pong's partner about once every 650 ops and the pair
 * bounced between the threads; now once every 2000-3000 ops.
 *
 * Waking the other worker. Each spawn or ready with an idle worker and no spinner wakes one
 * (the Dekker rule below); in spawn+join that is one wake-up per SPIN_NS of spinning (with the
 * 50 us spin of that time, one per 400-500 ops; counted: ~2300 wake-ups and ~20 runnext steals
 * per 10^6 ops when the second CPU is free, ~1.4 us in futex_wake each). When the second CPU is busy with another
 * process, Linux puts the woken worker on the *waker's* CPU and it preempts the waker inside
 * its futex call: the waker then sat 120-160 us per wake-up in that call (counted: 450-600
 * wake-ups per 10^6 ops, half the run's wall time), while the woken worker spun on its CPU, took the
 * runnext the waker had left after SPIN_NEXT_NS (nearly every steal happened during a
 * wake-up) and spun on to SPIN_NS. Go's thief avoids it by accident: it sleeps usleep(3),
 * ~50 us with the timer slack, before it takes a runnext, which gives the CPU back. So a
 * waker marks itself (worker.waking) for the length of its futex call, and a thief that finds
 * a runnext on a worker inside a wake-up leaves it there, forgets it (its wait starts again
 * after the wake-up) and gives its CPU away (sched_yield): if it is on the waker's CPU the
 * waker finishes the call at once; if it is on a CPU of its own the yield is a cheap system
 * call. The runnext is still served: the waker leaves the call in bounded time, and from then
 * on the usual SPIN_NEXT_NS rule applies (tests/unit/sched.c, test_runnext_served). Thieves
 * also look at a runnext only every SPIN_NEXT_NS (before: at every poll of a spin, then ~1 us),
 * comparing with the previous look, so that "the same g has sat there for SPIN_NEXT_NS" holds
 * as stated and the victim's runnext line, which it writes on every switch, is pulled to the
 * thief's core a third as often. Measured, before -> after, spawn+join with 2 workers on the
 * loaded machine (the second CPU mostly busy): wake-ups per 10^6 ops 100-450 -> 20-30, each
 * 200-500 -> ~25 us in the futex call, runnext steals during a wake-up ~90% of all -> none;
 * wall time per op (medians of 7 interleaved runs of 5*10^5 ops, load 4) 205 -> 127 ns (1
 * worker: 130), CPU time of both workers 188 -> 110 ns. The bench table's cases (bench/sched.c,
 * 9 interleaved rounds of before, after and Go, load 9-11): spawn+join with 2 workers 0.181 ->
 * 0.150 of Go (range 0.10-110 -> 0.11-0.63); with 1 worker, yield and the channel round trip
 * unchanged within the noise. Not re-measured on a quiet machine, where the second CPU is free
 * and the cost is of another kind: the worker spins there for SPIN_NS after every wake-up,
 * nearly all the time, and the spawner's own CPU time per op rose from ~90 (1 worker) to ~160
 * ns; the sparser runnext looks above address a part of that.
 *
 * Idle workers sleep on a futex word of their own; nothing spins forever. A worker going idle
 * registers itself (npidle) and then looks at every queue once more; a producer pushes work
 * and then reads npidle. Both steps are separated by full fences, so either the producer sees
 * the idle worker and wakes it, or the worker sees the work (Dekker). A sleeping worker's
 * timeout is the earliest timer; a new earliest timer wakes one idle worker to recompute it.
 *
 * The main thread. Goroutine 1 is the main thread running main(). The first go_go made on the
 * main thread turns it into worker 0: goroutine 1 keeps running on the thread's own stack, and
 * worker 0's g0 gets a stack of its own, so that when goroutine 1 blocks the main thread runs
 * other goroutines (and with GOMAXPROCS=1 the main thread is the only worker, as Go's single
 * P). Goroutine 1's stack is plain memory: like any goroutine it may resume on another worker.
 * If the scheduler is started from another thread instead, all GOMAXPROCS workers are new
 * threads and the main thread stays a plain thread g.
 *
 * Threads that are not workers ("thread gs", every pthread that used gort) are goroutines of
 * their own: gort__park blocks them on a futex, gort__ready wakes them.
 *
 * Deadlock (Go's checkdead): when the last worker goes to sleep, no thread g is running, and no
 * timer is pending, nothing can ever make progress: if a goroutine still exists (all of them
 * parked) it is "all goroutines are asleep - deadlock!", and if none does and main called
 * Goexit, "no goroutines (main called runtime.Goexit) - deadlock!". A thread that never used
 * gort is invisible here; one that used it counts as running unless parked in gort.
 *
 * Goroutine records are never freed (as Go never frees a g): a dead one keeps its stack on its
 * worker's free list, the stack cache (up to FREE_LOCAL), overflows to a global list, and
 * beyond FREE_GLOBAL its stack returns to stack.c. All records ever made are on the allg list,
 * which the crash printer and gort_dump walk without locks.
 */
#define _GNU_SOURCE
#include "gsched.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifdef GORT_ASAN
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom, size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old,
                                     size_t *size_old);
#endif
#ifdef GORT__TSAN
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
#endif

enum {
    RUNQ = 256,       /* local run queue slots (Go's) */
    MAX_WORKERS = 256,
    FREE_LOCAL = 64,  /* dead goroutines (with stacks) cached per worker */
    FREE_GLOBAL = 4096, /* ... and globally; beyond that half their stacks are released */
    GOID_BATCH = 16,  /* goroutine ids taken at a time by a worker */
    G0_STACK = 256 * 1024,
};

/* What a goroutine that switched away asks of whoever runs next on its worker (finish_switch):
 * YIELD requeue it at the tail, PARK run its park commit, EXIT recycle it, NEXT make it the
 * worker's runnext (a goroutine that gave way to one whose park was called off). */
enum { REQ_NONE, REQ_YIELD, REQ_PARK, REQ_EXIT, REQ_NEXT };

struct worker {
    G g0;                      /* the scheduler context; ctx is saved while a goroutine runs */
    int id;
    uint32_t runq_head;        /* atomic: consumers (owner, thieves) advance it by CAS */
    uint32_t runq_tail;        /* atomic: only the owner advances it */
    G *runq[RUNQ];
    G *runnext;                /* atomic: the goroutine this worker readied or spawned last,
                                  run before its queue (Go's runnext; see findrunnable) */
    G *freeg;                  /* dead goroutines with their stacks: the stack cache */
    int nfreeg;
    int64_t goid_next, goid_end;
    uint32_t schedtick;
    uint32_t wake;             /* futex: set to 1 by whoever wakes this idle worker */
    bool idle;                 /* on the idle list (under sched.lock) */
    struct worker *idle_next;
    uint64_t rnd;
    G *prev;                   /* the goroutine that switched away last on this worker: its
                                  request is served right after the switch by whoever runs
                                  next here, g0 or a goroutine (finish_switch) */
    int64_t ngoroutines;       /* atomic, written by the owner only: goroutines it spawned minus
                                  those that ended on it (may be negative); see live_goroutines */
    uint32_t nextgen;          /* atomic: bumped before every store to runnext (owner) */
    G *seen_next;              /* steal: a runnext seen at the previous attempt ... */
    uint32_t seen_gen;         /* ... and its worker's nextgen then: the same incarnation */
    uint32_t waking;           /* atomic: 1 while this worker wakes another (wakep_slow's
                                  futex call); thieves leave its runnext alone meanwhile */
};

static struct {
    gort__lock_t lock;          /* global queue, idle list, nrunning, gfree, workers */
    G *runq_head, *runq_tail;
    int32_t runq_n;             /* atomic reads outside the lock */
    struct worker *idle;
    int32_t npidle;             /* atomic reads outside the lock */
    int32_t nmspinning;         /* atomic: workers spinning in search of work */
    int32_t nrunning;           /* workers not asleep */
    G *gfree;                   /* dead goroutines with stacks */
    int ngfree;
    G *gfree_bare;              /* dead goroutines whose stacks were released */
    bool releasing;             /* a worker is releasing stacks (gfput) */
    struct worker *workers[MAX_WORKERS];
    int32_t nworkers;           /* atomic reads */
    int32_t gomaxprocs;         /* atomic; 0 until configured */
    bool started, main_worker;
    bool main_goexited;
    bool forked;                /* this process is the child of a fork made after the start */
    int64_t ngoroutines;        /* atomic: live scheduler goroutines, plus each worker's
                                   ngoroutines (live_goroutines) */
    int32_t thread_active;      /* atomic: thread gs not parked */
    int32_t thread_parked;      /* atomic: thread gs parked */
} sched;

static gort__lock_t start_lock;

/* Counts a goroutine in (+1) or out (-1). A worker keeps its own count, so that spawning and
 * ending a goroutine costs no locked instruction (two of the dozen a spawn+join used to make);
 * a plain thread uses the shared one. */
static inline void count_goroutine(struct worker *w, int d)
{
    if (w)
        __atomic_store_n(&w->ngoroutines, w->ngoroutines + d, __ATOMIC_RELAXED);
    else
        __atomic_add_fetch(&sched.ngoroutines, d, __ATOMIC_SEQ_CST);
}

/* Live scheduler goroutines. Exact when every worker is idle (the deadlock check: each one
 * took sched.lock after its last count); a snapshot otherwise (go_num_goroutine). */
static int64_t live_goroutines(void)
{
    int64_t n = __atomic_load_n(&sched.ngoroutines, __ATOMIC_SEQ_CST);
    int nw = __atomic_load_n(&sched.nworkers, __ATOMIC_ACQUIRE);
    for (int i = 0; i < nw; i++)
        if (sched.workers[i])
            n += __atomic_load_n(&sched.workers[i]->ngoroutines, __ATOMIC_RELAXED);
    return n;
}
static gort__lock_t allg_lock;
G *gort__allg_head GORT_HIDDEN;  /* every goroutine record, oldest first (gtrace.c) */
static G *allg_tail;
static int64_t goid_gen = 1;     /* goroutine 1 is the main thread's g */

static __thread struct worker *tls_w __attribute__((tls_model("initial-exec")));

/* A full barrier between "made work visible" and "looked for sleepers" (and the reverse in a
 * worker going idle). GCC's TSan does not model atomic_thread_fence (-Wtsan): there both sides
 * do a sequentially consistent read-modify-write of one word instead, which orders them the
 * same way. */
#ifdef GORT__TSAN
static uint32_t fence_word;
static inline void full_fence(void) { __atomic_fetch_add(&fence_word, 0, __ATOMIC_SEQ_CST); }
#else
static inline void full_fence(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
#endif

/* ---- futex and the runtime lock ------------------------------------------------------- */

static void futex_wait(uint32_t *addr, uint32_t val, const struct timespec *rel)
{
    syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, rel, NULL, 0);
}

static void futex_wake(uint32_t *addr, int n)
{
    syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

void gort__lock_slow(gort__lock_t *l)
{
    for (int spin = 0; spin < 64; spin++) {
        uint32_t z = 0;
        if (__atomic_load_n(&l->v, __ATOMIC_RELAXED) == 0 &&
            __atomic_compare_exchange_n(&l->v, &z, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return;
        __builtin_ia32_pause();
    }
    while (__atomic_exchange_n(&l->v, 2, __ATOMIC_ACQUIRE) != 0)
        futex_wait(&l->v, 2, NULL);
}

void gort__unlock_slow(gort__lock_t *l) { futex_wake(&l->v, 1); }

bool gort__commit_unlock(G *g, void *lock)
{
    (void)g;
    gort__unlock(lock);
    return true;
}

static int64_t nanotime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- goroutine ids ------------------------------------------------------------------- */

int64_t gort__new_goid(void) { return __atomic_add_fetch(&goid_gen, 1, __ATOMIC_RELAXED); }

static int64_t worker_goid(struct worker *w)
{
    if (w == NULL)
        return gort__new_goid();
    if (w->goid_next == w->goid_end) {
        w->goid_next = __atomic_add_fetch(&goid_gen, GOID_BATCH, __ATOMIC_RELAXED) - GOID_BATCH + 1;
        w->goid_end = w->goid_next + GOID_BATCH;
    }
    return w->goid_next++;
}

/* ---- switching ------------------------------------------------------------------------- */

/*
 * Saves the running context into `from` and resumes `to`. Sanitizers are told about the
 * stack change: ASan's start/finish pair around the switch (a NULL save slot when `from` will
 * never run again), TSan's fiber switch just before it.
 */
static inline void sw(G *from, G *to, bool from_dies)
{
#ifdef GORT_ASAN
    __sanitizer_start_switch_fiber(from_dies ? NULL : &from->asan_fake, (void *)to->stack_lo,
                                   to->stack_hi - to->stack_lo);
#else
    (void)from_dies;
#endif
#ifdef GORT__TSAN
    __tsan_switch_to_fiber(to->tsan_fiber, 0);
#endif
    gort__ctx_switch(&from->ctx, &to->ctx);
#ifdef GORT_ASAN
    __sanitizer_finish_switch_fiber(from->asan_fake, NULL, NULL);
#endif
}

static inline G *runq_get(struct worker *w);
static void landed_slow(struct worker *w, G *prev);

/* Runs g on worker w from the current context (g0 or a goroutine) with an empty request. */
static inline void run_from(G *from, G *g, bool from_dies)
{
    __atomic_store_n(&g->status, GORT_G_RUNNING, __ATOMIC_RELAXED);
    g->req = REQ_NONE;
    gort__gcur = &g->pub;
    sw(from, g, from_dies);
}

/*
 * The goroutine a switch from a goroutine may go to directly, without its worker's g0 (see
 * the design note): the local queue's next one, unless this switch is the one in 61 that goes
 * through g0 (which then looks at the global queue first and runs due timers), or the worker
 * was retired by go_gomaxprocs. NULL: switch to g0.
 */
static inline G *next_local(struct worker *w)
{
    if ((w->schedtick + 1) % 61 == 0 ||
        w->id >= __atomic_load_n(&sched.gomaxprocs, __ATOMIC_RELAXED))
        return NULL;
    G *g = runq_get(w);
    if (g)
        w->schedtick++;
    return g;
}

static inline void runq_put(struct worker *w, G *g);

/* A goroutine resumes on the current worker: serve the request of the one that switched to it
 * (landed_slow, after_switch; a yield's requeue inline, as it is the whole of a yield). */
static inline void landed(void)
{
    struct worker *w = tls_w;
    G *prev = w->prev;
    if (prev == NULL)
        return;
    if (__builtin_expect(prev->req == REQ_YIELD && !gort__stack_overflowed(prev), 1)) {
        w->prev = NULL;
        __atomic_store_n(&prev->status, GORT_G_RUNNABLE, __ATOMIC_RELAXED);
        runq_put(w, prev);
        return;
    }
    landed_slow(w, prev);
}

/* From goroutine g to the next goroutine of its worker, or to the worker's scheduler (g0); the
 * switch's target performs g->req. Returns when g is resumed (possibly on another worker). The
 * worker is read from thread-local storage here, after every switch, never kept across one. */
static inline __attribute__((always_inline)) void gosched(G *g, int req)
{
    struct worker *w = tls_w;
    G *next = next_local(w);
    g->req = req;
    w->prev = g;
    if (next) {
        run_from(g, next, req == REQ_EXIT);
    } else {
        gort__gcur = &w->g0.pub;
        sw(g, &w->g0, req == REQ_EXIT);
    }
    landed();
}

/* ---- run queues --------------------------------------------------------------------- */

static void globrunq_put_batch(G *head, G *tail, int n)
{
    gort__lock(&sched.lock);
    tail->schedlink = NULL;
    if (sched.runq_tail)
        sched.runq_tail->schedlink = head;
    else
        sched.runq_head = head;
    sched.runq_tail = tail;
    __atomic_store_n(&sched.runq_n, sched.runq_n + n, __ATOMIC_RELAXED);
    gort__unlock(&sched.lock);
}

static void globrunq_put(G *g) { globrunq_put_batch(g, g, 1); }

/* Moves half of a full local queue and g to the global queue (Go's runqputslow). */
static bool runq_put_slow(struct worker *w, G *g, uint32_t h, uint32_t t)
{
    G *batch[RUNQ / 2 + 1];
    uint32_t n = (t - h) / 2;
    for (uint32_t i = 0; i < n; i++)
        batch[i] = __atomic_load_n(&w->runq[(h + i) % RUNQ], __ATOMIC_RELAXED);
    if (!__atomic_compare_exchange_n(&w->runq_head, &h, h + n, false, __ATOMIC_RELEASE,
                                     __ATOMIC_RELAXED))
        return false;
    batch[n] = g;
    for (uint32_t i = 0; i < n; i++)
        batch[i]->schedlink = batch[i + 1];
    globrunq_put_batch(batch[0], batch[n], (int)n + 1);
    return true;
}

/* Queues g at the tail of w's queue (owner only). The fast path is inline: it is on every
 * yield. */
static inline bool runq_put_fast(struct worker *w, G *g)
{
    uint32_t h = __atomic_load_n(&w->runq_head, __ATOMIC_ACQUIRE);
    uint32_t t = __atomic_load_n(&w->runq_tail, __ATOMIC_RELAXED);
    if (__builtin_expect(t - h >= RUNQ, 0))
        return false;
    __atomic_store_n(&w->runq[t % RUNQ], g, __ATOMIC_RELAXED);
    __atomic_store_n(&w->runq_tail, t + 1, __ATOMIC_RELEASE);
    return true;
}

static __attribute__((noinline)) void runq_put_full(struct worker *w, G *g)
{
    for (;;) {
        if (runq_put_fast(w, g))
            return;
        uint32_t h = __atomic_load_n(&w->runq_head, __ATOMIC_ACQUIRE);
        uint32_t t = __atomic_load_n(&w->runq_tail, __ATOMIC_RELAXED);
        if (t - h >= RUNQ && runq_put_slow(w, g, h, t))
            return;
    }
}

static inline void runq_put(struct worker *w, G *g)
{
    if (!runq_put_fast(w, g))
        runq_put_full(w, g);
}

/* Makes g the worker's next goroutine; the one it displaces goes to the queue's tail. */
static void runq_put_next(struct worker *w, G *g)
{
    /* Records are reused (the free list is LIFO): the generation tells a thief that the g in
     * runnext is a new arrival even when the pointer is the same. */
    __atomic_store_n(&w->nextgen, w->nextgen + 1, __ATOMIC_RELAXED);
    /* Sequentially consistent: it is also the barrier between publishing g and wakep_sc's
     * look at the idle workers. */
    G *old = __atomic_exchange_n(&w->runnext, g, __ATOMIC_SEQ_CST);
    if (old)
        runq_put(w, old);
}

static inline G *runq_get(struct worker *w)
{
    if (__atomic_load_n(&w->runnext, __ATOMIC_RELAXED)) {
        G *g = __atomic_exchange_n(&w->runnext, NULL, __ATOMIC_ACQ_REL);
        if (g)
            return g;
    }
    for (;;) {
        uint32_t h = __atomic_load_n(&w->runq_head, __ATOMIC_ACQUIRE);
        uint32_t t = __atomic_load_n(&w->runq_tail, __ATOMIC_RELAXED);
        if (t == h)
            return NULL;
        G *g = __atomic_load_n(&w->runq[h % RUNQ], __ATOMIC_RELAXED);
        if (__atomic_compare_exchange_n(&w->runq_head, &h, h + 1, false, __ATOMIC_RELEASE,
                                        __ATOMIC_RELAXED))
            return g;
    }
}

static bool runq_empty(struct worker *w)
{
    return __atomic_load_n(&w->runq_head, __ATOMIC_ACQUIRE) ==
           __atomic_load_n(&w->runq_tail, __ATOMIC_ACQUIRE);
}

/* Takes half of victim's queue into buf (Go's runqgrab). */
static uint32_t runq_grab(struct worker *v, G **buf)
{
    for (;;) {
        uint32_t h = __atomic_load_n(&v->runq_head, __ATOMIC_ACQUIRE);
        uint32_t t = __atomic_load_n(&v->runq_tail, __ATOMIC_ACQUIRE);
        uint32_t n = t - h;
        n -= n / 2;
        if (n == 0)
            return 0;
        if (n > RUNQ / 2)
            continue; /* read inconsistent h and t */
        for (uint32_t i = 0; i < n; i++)
            buf[i] = __atomic_load_n(&v->runq[(h + i) % RUNQ], __ATOMIC_RELAXED);
        if (__atomic_compare_exchange_n(&v->runq_head, &h, h + n, false, __ATOMIC_RELEASE,
                                        __ATOMIC_RELAXED))
            return n;
    }
}

/*
 * Steals half of another worker's queue. A victim's runnext is looked at only when look_next
 * (findrunnable's pass, and a spinner's every SPIN_NEXT_NS), and taken only if the same
 * goroutine has sat there since the previous look: a goroutine readied by a worker usually
 * runs on it as soon as the readier blocks, which is what keeps a ping-pong on one thread
 * (Go's rule, with its 3 us). Looking no more often than that also spares the victim: its
 * runnext shares a cache line with what it writes on every switch, and each look by a thief
 * on another core costs it a cache miss. Never while the victim is
 * inside a wake-up (see "Two workers" in the design note): the thief gives its CPU away
 * instead (sched_yield), as it is most likely the CPU the waker was preempted on.
 */
static G *steal(struct worker *w, bool look_next)
{
    int n = __atomic_load_n(&sched.nworkers, __ATOMIC_ACQUIRE);
    if (n < 2)
        return NULL;
    w->rnd = w->rnd * 6364136223846793005ull + 1442695040888963407ull;
    int start = (int)((w->rnd >> 33) % (uint64_t)n);
    G *buf[RUNQ / 2];
    bool give_way = false;
    for (int i = 0; i < n; i++) {
        struct worker *v = sched.workers[(start + i) % n];
        if (v == w || v == NULL)
            continue;
        uint32_t k = runq_grab(v, buf);
        if (k == 0) {
            if (!look_next)
                continue;
            G *next = __atomic_load_n(&v->runnext, __ATOMIC_ACQUIRE);
            if (next == NULL)
                continue;
            if (__atomic_load_n(&v->waking, __ATOMIC_ACQUIRE)) {
                give_way = true;
                w->seen_next = NULL; /* its runnext's wait starts after the wake-up */
                continue;
            }
            uint32_t gen = __atomic_load_n(&v->nextgen, __ATOMIC_RELAXED);
            if (w->seen_next == next && w->seen_gen == gen &&
                __atomic_compare_exchange_n(&v->runnext, &next, NULL, false, __ATOMIC_ACQ_REL,
                                            __ATOMIC_RELAXED))
                return next;
            w->seen_next = next;
            w->seen_gen = gen;
            continue;
        }
        for (uint32_t j = 0; j + 1 < k; j++)
            runq_put(w, buf[j]);
        return buf[k - 1];
    }
    if (give_way)
        sched_yield();
    return NULL;
}

/* Takes up to a fair share of the global queue: returns one, queues the rest locally. */
static G *globrunq_get(struct worker *w)
{
    if (__atomic_load_n(&sched.runq_n, __ATOMIC_RELAXED) == 0)
        return NULL;
    gort__lock(&sched.lock);
    int n = sched.runq_n;
    if (n == 0) {
        gort__unlock(&sched.lock);
        return NULL;
    }
    int share = n / (sched.nworkers ? sched.nworkers : 1) + 1;
    if (share > n)
        share = n;
    if (share > RUNQ / 2)
        share = RUNQ / 2;
    G *first = sched.runq_head;
    G *g = first;
    for (int i = 1; i < share; i++)
        g = g->schedlink;
    sched.runq_head = g->schedlink;
    if (!sched.runq_head)
        sched.runq_tail = NULL;
    __atomic_store_n(&sched.runq_n, n - share, __ATOMIC_RELAXED);
    gort__unlock(&sched.lock);
    g->schedlink = NULL;
    G *rest = first->schedlink;
    first->schedlink = NULL;
    while (rest) {
        G *next = rest->schedlink;
        rest->schedlink = NULL;
        runq_put(w, rest);
        rest = next;
    }
    return first;
}

/* ---- idle workers ------------------------------------------------------------------- */

/* Wakes an idle worker if there is one, after work was made available by a sequentially
 * consistent read-modify-write (runq_put_next): that write and these sequentially consistent
 * loads order the Dekker pair with a worker going idle as a full fence would, without a second
 * locked instruction on every spawn and every ready. */
static void wakep_slow(void);
static inline void wakep_sc(void)
{
    if (__atomic_load_n(&sched.npidle, __ATOMIC_SEQ_CST) == 0 ||
        __atomic_load_n(&sched.nmspinning, __ATOMIC_SEQ_CST) > 0)
        return; /* nobody to wake, or a spinning worker will find the work */
    wakep_slow();
}

/* Wakes an idle worker if there is one (after work was made available). */
static void wakep(void)
{
    full_fence();
    wakep_sc();
}

static __attribute__((noinline)) void wakep_slow(void)
{
    /* Marked before the wake-up is published (the woken worker's acquire of w->wake sees it)
     * and cleared when the futex call returns; see steal. */
    struct worker *self = tls_w;
    if (self)
        __atomic_store_n(&self->waking, 1, __ATOMIC_RELAXED);
    gort__lock(&sched.lock);
    struct worker *w = sched.idle;
    if (w) {
        sched.idle = w->idle_next;
        w->idle = false;
        __atomic_store_n(&sched.npidle, sched.npidle - 1, __ATOMIC_RELAXED);
        sched.nrunning++;
        __atomic_store_n(&w->wake, 1, __ATOMIC_RELEASE);
    }
    gort__unlock(&sched.lock);
    if (w)
        futex_wake(&w->wake, 1);
    if (self)
        __atomic_store_n(&self->waking, 0, __ATOMIC_RELEASE);
}

/* ---- timers ------------------------------------------------------------------------- */
/* A binary min-heap of sleeping goroutines keyed by g->timer_when. */

static gort__lock_t tlock;
static G **theap;
static int32_t tn, tcap;  /* tn: atomic reads outside tlock */

static void theap_push(G *g)
{
    if (tn == tcap) {
        int32_t cap = tcap ? 2 * tcap : 64;
        G **n = realloc(theap, (size_t)cap * sizeof *n);
        if (!n)
            gort__throw("out of memory: cannot queue a sleeping goroutine");
        theap = n;
        tcap = cap;
    }
    int i = tn;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (theap[p]->timer_when <= g->timer_when)
            break;
        theap[i] = theap[p];
        i = p;
    }
    theap[i] = g;
    __atomic_store_n(&tn, tn + 1, __ATOMIC_RELAXED);
}

static G *theap_pop(void)
{
    G *top = theap[0];
    int n = tn - 1;
    __atomic_store_n(&tn, n, __ATOMIC_RELAXED);
    G *last = theap[n];
    int i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && theap[c + 1]->timer_when < theap[c]->timer_when)
            c++;
        if (last->timer_when <= theap[c]->timer_when)
            break;
        theap[i] = theap[c];
        i = c;
    }
    if (n > 0)
        theap[i] = last;
    return top;
}

static bool timer_commit(G *g, void *arg)
{
    (void)arg;
    gort__lock(&tlock);
    theap_push(g);
    bool first = theap[0] == g;
    gort__unlock(&tlock);
    if (first)
        wakep(); /* an idle worker's sleep may now be too long */
    return true;
}

/* Readies every goroutine whose time has come; returns the earliest remaining time or -1. */
static int64_t run_timers_slow(void);
static inline int64_t run_timers(void)
{
    return __atomic_load_n(&tn, __ATOMIC_RELAXED) == 0 ? -1 : run_timers_slow();
}

static int64_t run_timers_slow(void)
{
    int64_t now = nanotime();
    G *ready = NULL;
    gort__lock(&tlock);
    while (tn > 0 && theap[0]->timer_when <= now) {
        G *g = theap_pop();
        g->schedlink = ready;
        ready = g;
    }
    int64_t next = tn > 0 ? theap[0]->timer_when : -1;
    gort__unlock(&tlock);
    while (ready) {
        G *g = ready;
        ready = g->schedlink;
        g->schedlink = NULL;
        gort__ready(g);
    }
    return next;
}

/* ---- deadlock ----------------------------------------------------------------------- */

/* Called with sched.lock held when no worker is running. */
static void checkdead_locked(void)
{
    if (__atomic_load_n(&sched.thread_active, __ATOMIC_SEQ_CST) > 0)
        return;
    if (__atomic_load_n(&tn, __ATOMIC_SEQ_CST) > 0 || sched.runq_n > 0)
        return;
    int64_t n = live_goroutines() +
                __atomic_load_n(&sched.thread_parked, __ATOMIC_SEQ_CST);
    if (n == 0) {
        if (sched.main_goexited)
            gort__fatal("no goroutines (main called runtime.Goexit) - deadlock!");
        return;
    }
    gort__fatal("all goroutines are asleep - deadlock!");
}

void gort__sched_thread_g(int delta)
{
    __atomic_add_fetch(&sched.thread_active, delta, __ATOMIC_SEQ_CST);
    if (delta < 0) {
        gort__lock(&sched.lock);
        if (sched.nrunning == 0)
            checkdead_locked();
        gort__unlock(&sched.lock);
    }
}

/* ---- the scheduler loop ------------------------------------------------------------- */

static bool work_visible(struct worker *w)
{
    if (__atomic_load_n(&sched.runq_n, __ATOMIC_RELAXED) > 0)
        return true;
    int n = __atomic_load_n(&sched.nworkers, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n; i++) {
        struct worker *v = sched.workers[i];
        /* A runnext counts: its worker may be blocked in a system call for long. */
        if (v && (!runq_empty(v) || __atomic_load_n(&v->runnext, __ATOMIC_ACQUIRE)))
            return true;
    }
    (void)w;
    return false;
}

/* Sleeps until woken (or until `until`, a nanotime, if >= 0). Called as an idle worker. */
static void idle_sleep(struct worker *w, int64_t until)
{
    while (__atomic_load_n(&w->wake, __ATOMIC_ACQUIRE) == 0) {
        if (until >= 0) {
            int64_t d = until - nanotime();
            if (d <= 0)
                break;
            struct timespec ts = {d / 1000000000, d % 1000000000};
            futex_wait(&w->wake, 0, &ts);
        } else {
            futex_wait(&w->wake, 0, NULL);
        }
    }
}

/* Leaves the idle list (if a waker has not already taken us off it). */
static void unidle(struct worker *w)
{
    gort__lock(&sched.lock);
    if (w->idle) {
        struct worker **pp = &sched.idle;
        while (*pp != w)
            pp = &(*pp)->idle_next;
        *pp = w->idle_next;
        w->idle = false;
        __atomic_store_n(&sched.npidle, sched.npidle - 1, __ATOMIC_RELAXED);
        sched.nrunning++;
    }
    __atomic_store_n(&w->wake, 0, __ATOMIC_RELAXED);
    gort__unlock(&sched.lock);
}

/*
 * Spinning (Go's spinning M): before sleeping, a worker keeps looking for work for up to
 * SPIN_NS, so that work made a moment later is taken without a futex wake-up, and takes a
 * victim's runnext once it has waited SPIN_NEXT_NS. At most half the workers spin at once
 * (Go's rule), and while one spins, wakep wakes nobody.
 * It looks every SPIN_POLL_PAUSES pause instructions, about 10 us here. Each look reads what
 * the busy worker keeps writing (queues, the scheduler's counters), and looking every ~1 us
 * (50 pauses) made that worker measurably slower: spawn+join with 2 workers 100-115 -> 106-108
 * ns (1 worker: 87-103), yield ping-pong with 2 workers 38.5 -> 23 ns, the channel round trip
 * with 2 workers 118 -> 105 ns (medians of 7-11 interleaved runs, bench/sched.c). 20 us was no
 * better than 10. Work that appears while a worker spins waits for its next look, at most
 * that long — still far below a futex wake-up's cost to the waker (~1.4 us) plus the sleeper's
 * wake-up latency.
 * SPIN_NS: with looks that sparse, a longer spin costs little, and each spin that ends makes
 * the next spawn or ready pay a futex wake-up: 200 us instead of 50 took spawn+join with 2
 * workers from 93.7 to 90.5 ns (1 worker: 86.5; 1 ms: 90.0; medians of 9 interleaved runs).
 */
enum { SPIN_NS = 200000, SPIN_NEXT_NS = 3000, SPIN_POLL_PAUSES = 500 };

static G *spin(struct worker *w)
{
    int n = __atomic_load_n(&sched.nworkers, __ATOMIC_RELAXED);
    if (n < 2 || 2 * __atomic_load_n(&sched.nmspinning, __ATOMIC_RELAXED) >= n)
        return NULL;
    __atomic_add_fetch(&sched.nmspinning, 1, __ATOMIC_SEQ_CST);
    int64_t start = nanotime(), last = start;
    G *g = NULL;
    for (;;) {
        for (int i = 0; i < SPIN_POLL_PAUSES; i++)
            __builtin_ia32_pause();
        int64_t now = nanotime();
        bool look_next = now - last >= SPIN_NEXT_NS;
        if (look_next)
            last = now;
        if ((g = globrunq_get(w)) != NULL || (g = steal(w, look_next)) != NULL)
            break;
        if (__atomic_load_n(&tn, __ATOMIC_RELAXED) > 0) {
            run_timers();
            if ((g = runq_get(w)) != NULL)
                break;
        }
        if (now - start > SPIN_NS ||
            w->id >= __atomic_load_n(&sched.gomaxprocs, __ATOMIC_RELAXED))
            break;
    }
    /* The last spinner to find work wakes another, which then spins for what may remain. */
    if (__atomic_sub_fetch(&sched.nmspinning, 1, __ATOMIC_SEQ_CST) == 0 && g)
        wakep();
    return g;
}

static G *findrunnable(struct worker *w)
{
    for (;;) {
        if (w->id >= __atomic_load_n(&sched.gomaxprocs, __ATOMIC_RELAXED)) {
            /* Retired by go_gomaxprocs: hand the queue over and sleep until needed again. */
            G *g;
            while ((g = runq_get(w)) != NULL)
                globrunq_put(g);
            wakep();
            gort__lock(&sched.lock);
            sched.nrunning--;
            __atomic_store_n(&w->wake, 0, __ATOMIC_RELAXED);
            if (sched.nrunning == 0)
                checkdead_locked();
            gort__unlock(&sched.lock);
            while (w->id >= __atomic_load_n(&sched.gomaxprocs, __ATOMIC_RELAXED))
                idle_sleep(w, -1), __atomic_store_n(&w->wake, 0, __ATOMIC_RELAXED);
            gort__lock(&sched.lock);
            sched.nrunning++;
            gort__unlock(&sched.lock);
            continue;
        }
        G *g;
        if (++w->schedtick % 61 == 0 && (g = globrunq_get(w)) != NULL)
            return g;
        int64_t next_timer = run_timers();
        if ((g = runq_get(w)) != NULL)
            return g;
        if ((g = globrunq_get(w)) != NULL)
            return g;
        if ((g = steal(w, true)) != NULL)
            return g;
        if ((g = spin(w)) != NULL)
            return g;

        /* Nothing to run: go idle, then look once more (see the design note). */
        gort__lock(&sched.lock);
        w->idle = true;
        __atomic_store_n(&w->wake, 0, __ATOMIC_RELAXED);
        w->idle_next = sched.idle;
        sched.idle = w;
        __atomic_store_n(&sched.npidle, sched.npidle + 1, __ATOMIC_RELAXED);
        sched.nrunning--;
        if (sched.nrunning == 0 && next_timer < 0)
            checkdead_locked();
        gort__unlock(&sched.lock);
        full_fence();
        if (work_visible(w)) {
            unidle(w);
            continue;
        }
        int64_t until = -1;
        if (__atomic_load_n(&tn, __ATOMIC_RELAXED) > 0) {
            gort__lock(&tlock);
            until = tn > 0 ? theap[0]->timer_when : -1;
            gort__unlock(&tlock);
        }
        idle_sleep(w, until);
        unidle(w);
    }
}

static void gfput(struct worker *w, G *g);

/* What a goroutine asked for when it switched to g0 (its context is saved now). */
static bool after_switch(struct worker *w, G *g)
{
    if (__builtin_expect(gort__stack_overflowed(g), 0))
        gort__fatalf("runtime: goroutine stack exceeds %zu-byte limit\n"
                     "runtime: goroutine %lld overflowed its unguarded stack (GORT_STACK_SIZE)",
                     g->stack_size, (long long)g->goid);
    switch (g->req) {
    case REQ_YIELD:
        __atomic_store_n(&g->status, GORT_G_RUNNABLE, __ATOMIC_RELAXED);
        runq_put(w, g);
        return false;
    case REQ_NEXT:
        __atomic_store_n(&g->status, GORT_G_RUNNABLE, __ATOMIC_RELAXED);
        runq_put_next(w, g);
        return false;
    case REQ_PARK:
        __atomic_store_n(&g->status, GORT_G_WAITING, __ATOMIC_RELAXED);
        if (g->park_commit && !g->park_commit(g, g->park_arg)) {
            __atomic_store_n(&g->waitreason, NULL, __ATOMIC_RELAXED);
            return true; /* not parked after all: run it again now */
        }
        return false;
    case REQ_EXIT:
        __atomic_store_n(&g->status, GORT_G_DEAD, __ATOMIC_RELAXED);
        if (g->nowned)
            gort__release_owned(g);
#ifdef GORT_ASAN
        /* Frames live at its exit leave their redzones poisoned: the next goroutine on this
         * stack must start from clean shadow memory. */
        if (!g->is_main)
            __asan_unpoison_memory_region((void *)g->stack_lo, g->stack_hi - g->stack_lo);
#endif
#ifdef GORT__TSAN
        if (g->tsan_fiber && !g->is_main)
            __tsan_destroy_fiber(g->tsan_fiber);
        g->tsan_fiber = NULL;
#endif
        count_goroutine(w, -1);
        if (!g->is_main)
            gfput(w, g);
        return false;
    default:
        gort__throwf("bad scheduler request %d from goroutine %lld", g->req, (long long)g->goid);
    }
}

/* Serves the request of the goroutine that switched away last on w (if any, and once).
 * Returns it if it must run again at once (a park whose commit called it off), else NULL. */
static G *finish_switch(struct worker *w)
{
    G *g = w->prev;
    if (g == NULL)
        return NULL;
    w->prev = NULL;
    return after_switch(w, g) ? g : NULL;
}

/* landed's general case. If prev's park was called off by its commit, prev resumes at once
 * (park returns, as gsched.h promises) and the goroutine running here becomes the worker's
 * runnext. */
static __attribute__((noinline)) void landed_slow(struct worker *w, G *prev)
{
    for (;;) {
        w->prev = NULL;
        if (!after_switch(w, prev))
            return;
        G *self = (G *)gort__gcur;
        self->req = REQ_NEXT;
        w->prev = self;
        run_from(self, prev, false);
        w = tls_w;
        if ((prev = w->prev) == NULL)
            return;
    }
}

/* The scheduler loop (g0). Each pass first serves the goroutine that switched to g0 (worker
 * 0's first entry: goroutine 1's first switch). */
static _Noreturn void schedule(struct worker *w)
{
    for (;;) {
        G *g = finish_switch(w);
        if (g == NULL)
            g = findrunnable(w);
        run_from(&w->g0, g, false);
    }
}

/* ---- workers ------------------------------------------------------------------------ */

static void stack_bounds_of_thread(G *g)
{
    pthread_attr_t a;
    void *addr;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &a) != 0)
        gort__throw("pthread_getattr_np failed");
    pthread_attr_getstack(&a, &addr, &size);
    pthread_attr_destroy(&a);
    g->stack_lo = (uintptr_t)addr;
    g->stack_hi = (uintptr_t)addr + size;
    g->guard_lo = g->guard_hi = g->stack_lo;
}

static struct worker *new_worker(int id)
{
    struct worker *w = calloc(1, sizeof *w);
    if (!w)
        gort__throw("out of memory: cannot create a worker");
    w->id = id;
    w->g0.sched_kind = GORT_G_G0;
    w->g0.goid = 0;
    w->rnd = (uint64_t)id * 0x9e3779b97f4a7c15ull + 1;
    return w;
}

static void *worker_thread(void *arg)
{
    struct worker *w = arg;
    tls_w = w;
    w->g0.thread = pthread_self();
    /* The worker's alternate signal stack: without it a goroutine's stack overflow on this
     * thread could not be reported (the kernel killed the process with SIGSEGV, silently). */
    gort__signal_thread_init(&w->g0);
    stack_bounds_of_thread(&w->g0);
#ifdef GORT__TSAN
    w->g0.tsan_fiber = __tsan_get_current_fiber();
#endif
    gort__gcur = &w->g0.pub;
    schedule(w);
}

/* Worker 0's scheduler when the main thread is worker 0: runs on a stack of its own. */
static void g0_main(void *arg)
{
#ifdef GORT_ASAN
    __sanitizer_finish_switch_fiber(NULL, NULL, NULL);
#endif
    schedule(arg);
}

/* Starts workers [from, to). Called with sched.lock held. */
static void start_workers(int from, int to)
{
    for (int i = from; i < to; i++) {
        struct worker *w = new_worker(i);
        sched.workers[i] = w;
        sched.nrunning++; /* it is searching for work until it sleeps */
        __atomic_store_n(&sched.nworkers, i + 1, __ATOMIC_RELEASE);
        pthread_attr_t a;
        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        pthread_t t;
        int err = pthread_create(&t, &a, worker_thread, w);
        pthread_attr_destroy(&a);
        if (err)
            gort__throwf("cannot start worker thread %d: %s", i, strerror(err));
    }
}

static int ncpu(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0)
            return n;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static int initial_procs(void)
{
    int n = __atomic_load_n(&sched.gomaxprocs, __ATOMIC_RELAXED);
    if (n > 0)
        return n;
    const char *e = getenv("GOMAXPROCS");
    if (e && *e) {
        char *end;
        long v = strtol(e, &end, 10);
        if (*end == 0 && v > 0)
            n = v > MAX_WORKERS ? MAX_WORKERS : (int)v;
    }
    return n > 0 ? n : (ncpu() > MAX_WORKERS ? MAX_WORKERS : ncpu());
}

/* Calls fn on every goroutine record (dead ones included: they are reused), under the lock
 * that add_allg takes. */
void gort__for_each_goroutine(void (*fn)(G *g, void *arg), void *arg)
{
    gort__lock(&allg_lock);
    for (G *g = gort__allg_head; g; g = g->allg_next)
        fn(g, arg);
    gort__unlock(&allg_lock);
}

static void add_allg(G *g)
{
    gort__lock(&allg_lock);
    g->allg_next = NULL;
    if (allg_tail)
        allg_tail->allg_next = g;
    else
        gort__allg_head = g;
    allg_tail = g;
    gort__unlock(&allg_lock);
}

/*
 * fork. A fork copies only the calling thread: the child has none of the other workers, whose
 * goroutines (and whatever locks they held) are gone, so a scheduler there would wait forever
 * for them. As Go supports fork only followed by exec, the child may exec or _exit, or go on as
 * plain C; its first goroutine operation (go, yield, sleep, a park on a channel, mutex or
 * WaitGroup, a ready, GOMAXPROCS) is a fatal error rather than a hang.
 */
static void forked_child(void) { sched.forked = true; }

static __attribute__((noinline, cold)) _Noreturn void forked_fatal(void)
{
    gort__fatal("goroutines used in the child of a fork made after the scheduler started: "
                "its worker threads do not exist there (exec or _exit in the child)");
}

static inline void check_not_forked(void)
{
    if (__builtin_expect(__atomic_load_n(&sched.forked, __ATOMIC_RELAXED), 0))
        forked_fatal();
}

/* Starts the scheduler once. From the main thread's goroutine 1, the main thread becomes
 * worker 0 and goroutine 1 a scheduler goroutine running on it. */
static void sched_start(void)
{
    if (__atomic_load_n(&sched.started, __ATOMIC_ACQUIRE))
        return;
    gort__lock(&start_lock);
    if (sched.started) {
        gort__unlock(&start_lock);
        return;
    }
    (void)gort__stack_size(); /* reads GORT_STACK_SIZE now: a bad value fails early */
    if (pthread_atfork(NULL, NULL, forked_child) != 0)
        gort__throw("pthread_atfork failed");
    int n = initial_procs();
    G *me = gort__getg();
    gort__lock(&sched.lock);
    __atomic_store_n(&sched.gomaxprocs, n, __ATOMIC_RELAXED);
    int first = 0;
    if (me->is_main && me->sched_kind == GORT_G_THREAD) {
        struct worker *w = new_worker(0);
        w->g0.thread = pthread_self();
        gort__stack_alloc(&w->g0, G0_STACK);
        gort__ctx_init(&w->g0.ctx, w->g0.stack_hi, g0_main, w);
#ifdef GORT__TSAN
        w->g0.tsan_fiber = __tsan_create_fiber(0);
        me->tsan_fiber = __tsan_get_current_fiber();
#endif
        stack_bounds_of_thread(me);
        me->sched_kind = GORT_G_GOROUTINE;
        __atomic_store_n(&me->status, GORT_G_RUNNING, __ATOMIC_RELAXED);
        add_allg(me);
        __atomic_add_fetch(&sched.ngoroutines, 1, __ATOMIC_SEQ_CST);
        __atomic_sub_fetch(&sched.thread_active, 1, __ATOMIC_SEQ_CST);
        sched.workers[0] = w;
        sched.nrunning = 1;
        __atomic_store_n(&sched.nworkers, 1, __ATOMIC_RELEASE);
        sched.main_worker = true;
        tls_w = w;
        first = 1;
    }
    start_workers(first, n);
    __atomic_store_n(&sched.started, true, __ATOMIC_RELEASE);
    gort__unlock(&sched.lock);
    gort__unlock(&start_lock);
}

int go_gomaxprocs(int n)
{
    int prev = __atomic_load_n(&sched.started, __ATOMIC_ACQUIRE)
                   ? __atomic_load_n(&sched.gomaxprocs, __ATOMIC_RELAXED)
                   : initial_procs();
    if (n < 1)
        return prev;
    check_not_forked();
    if (n > MAX_WORKERS)
        n = MAX_WORKERS;
    if (n == prev)
        return prev; /* nothing changes: no worker is disturbed */
    gort__lock(&start_lock);
    gort__lock(&sched.lock);
    __atomic_store_n(&sched.gomaxprocs, n, __ATOMIC_RELAXED);
    if (sched.started) {
        if (n > sched.nworkers)
            start_workers(sched.nworkers, n);
        for (int i = 0; i < sched.nworkers && i < n; i++) {
            struct worker *w = sched.workers[i];
            __atomic_store_n(&w->wake, 1, __ATOMIC_RELEASE);
            futex_wake(&w->wake, 1); /* a retired one re-reads gomaxprocs */
        }
    }
    gort__unlock(&sched.lock);
    gort__unlock(&start_lock);
    return prev;
}

/* ---- goroutine records -------------------------------------------------------------- */

/*
 * A dead goroutine goes to its worker's cache; half of a full cache moves to the global list.
 * When that list passes FREE_GLOBAL, the stacks of half of it go back to the kernel in one
 * batch (sorted, so neighbouring slots are released by one madvise: each call costs a TLB
 * shootdown on every thread of the process), and those records wait, stackless, on gfree_bare.
 */
static void gfput(struct worker *w, G *g)
{
    g->schedlink = w->freeg;
    w->freeg = g;
    if (++w->nfreeg <= FREE_LOCAL)
        return;
    G *head = NULL, *tail = NULL;
    int n = 0;
    while (w->nfreeg > FREE_LOCAL / 2) {
        G *x = w->freeg;
        w->freeg = x->schedlink;
        w->nfreeg--;
        x->schedlink = head;
        head = x;
        if (!tail)
            tail = x;
        n++;
    }
    gort__lock(&sched.lock);
    tail->schedlink = sched.gfree;
    sched.gfree = head;
    __atomic_store_n(&sched.ngfree, sched.ngfree + n, __ATOMIC_RELAXED);
    bool release = sched.ngfree > FREE_GLOBAL && !sched.releasing;
    if (release)
        sched.releasing = true;
    gort__unlock(&sched.lock);
    if (!release)
        return;
    static G *batch[FREE_GLOBAL / 2]; /* only the releasing worker uses it */
    int k = 0;
    gort__lock(&sched.lock);
    while (k < FREE_GLOBAL / 2 && sched.gfree) {
        batch[k++] = sched.gfree;
        sched.gfree = sched.gfree->schedlink;
    }
    __atomic_store_n(&sched.ngfree, sched.ngfree - k, __ATOMIC_RELAXED);
    gort__unlock(&sched.lock);
    gort__stack_free_batch(batch, k);
    gort__lock(&sched.lock);
    for (int i = 0; i < k; i++) {
        batch[i]->schedlink = sched.gfree_bare;
        sched.gfree_bare = batch[i];
    }
    sched.releasing = false;
    gort__unlock(&sched.lock);
}

static G *gfget(struct worker *w)
{
    if (w && w->freeg) {
        G *g = w->freeg;
        w->freeg = g->schedlink;
        w->nfreeg--;
        return g;
    }
    gort__lock(&sched.lock);
    G *g = sched.gfree;
    if (g) {
        sched.gfree = g->schedlink;
        __atomic_store_n(&sched.ngfree, sched.ngfree - 1, __ATOMIC_RELAXED);
        /* Refill the local cache a little while we hold the lock. */
        for (int i = 0; w && i < FREE_LOCAL / 4 && sched.gfree; i++) {
            G *x = sched.gfree;
            sched.gfree = x->schedlink;
            __atomic_store_n(&sched.ngfree, sched.ngfree - 1, __ATOMIC_RELAXED);
            x->schedlink = w->freeg;
            w->freeg = x;
            w->nfreeg++;
        }
    } else if ((g = sched.gfree_bare) != NULL) {
        sched.gfree_bare = g->schedlink;
    }
    gort__unlock(&sched.lock);
    return g;
}

/* The bottom of every goroutine: runs its function, then ends it. */
static _Noreturn void goroutine_main(void *arg)
{
    G *g = arg;
#ifdef GORT_ASAN
    __sanitizer_finish_switch_fiber(NULL, NULL, NULL);
#endif
    landed();
    GORT_TRACE(gort__trace_go_start(g->goid));
    void *fp;
    gort__defercall(&g->entry, g->entry.fn, &fp);
    gort__goexit1((G *)gort__gcur);
}

__attribute__((noinline)) static void go_at(void (*fn)(void), go_word a0, go_word a1, go_word a2,
                                            go_word a3, void *pc)
{
    if (fn == NULL)
        gort__fatal("go of nil func value");
    check_not_forked();
    sched_start();
    G *parent = gort__getg();
    struct worker *w = gort__is_goroutine(parent) || gort__is_g0(parent) ? tls_w : NULL;
    G *g = gfget(w);
    if (g == NULL) {
        g = calloc(1, sizeof *g);
        if (!g)
            gort__throw("out of memory: cannot allocate a goroutine");
        g->sched_kind = GORT_G_GOROUTINE;
        __atomic_store_n(&g->status, GORT_G_DEAD, __ATOMIC_RELAXED);
        add_allg(g);
    }
    size_t size = gort__stack_size();
    if (g->stack_map != NULL && g->stack_size != size)
        gort__stack_free(g);
    if (g->stack_map == NULL)
        gort__stack_alloc(g, size);
    g->entry.fn = fn;
    g->entry.a[0] = a0;
    g->entry.a[1] = a1;
    g->entry.a[2] = a2;
    g->entry.a[3] = a3;
    g->created_pc = pc;
    g->parent_goid = parent->goid;
    g->pub.top = NULL;
    g->pub.ptop = NULL;
    g->pub.ndefer = 0;
    g->panic = NULL;
    g->sig.signo = 0;
    __atomic_store_n(&g->waitreason, NULL, __ATOMIC_RELAXED);
    g->wait_elem = NULL;
    g->wait_link = NULL;
    g->thread = 0;
    gort__ctx_init(&g->ctx, g->stack_hi, (void (*)(void *))goroutine_main, g);
#ifdef GORT__TSAN
    g->tsan_fiber = __tsan_create_fiber(0);
#endif
    count_goroutine(w, 1);
    /* The id last: gort_dump may read a record being reused. */
    g->goid = worker_goid(w);
    gort__trace_new_g(g);
    GORT_TRACE(gort__trace_go_create(g->goid, parent->goid));
    __atomic_store_n(&g->status, GORT_G_RUNNABLE, __ATOMIC_RELEASE);
    if (w) {
        runq_put_next(w, g);
        wakep_sc();
    } else {
        globrunq_put(g);
        wakep();
    }
}

/* Both entries are noinline: __builtin_return_address(0) must be the creator's call site,
 * also when LTO could inline them into it (`created by` would name the creator's caller). */
__attribute__((noinline)) void go_go(void (*fn)(void *), void *arg)
{
    go_at((void (*)(void))fn, (go_word)arg, 0, 0, 0, __builtin_return_address(0));
}

__attribute__((noinline)) void gort__go(void (*fn)(void), go_word a0, go_word a1, go_word a2,
                                        go_word a3)
{
    go_at(fn, a0, a1, a2, a3, __builtin_return_address(0));
}

void gort__goexit1(G *g)
{
    GORT_TRACE(gort__trace_go_exit(g->goid));
    if (g->is_main) {
        gort__lock(&sched.lock);
        sched.main_goexited = true;
        gort__unlock(&sched.lock);
    }
    gosched(g, REQ_EXIT);
    gort__throw("dead goroutine resumed");
}

/* ---- park, ready, yield, sleep ------------------------------------------------------- */

static void thread_park(G *g, const char *reason, bool (*commit)(G *, void *), void *arg)
{
    GORT_TRACE(gort__trace_go_park(g->goid, reason));
    __atomic_store_n(&g->waitreason, reason, __ATOMIC_RELAXED);
    __atomic_store_n(&g->status, GORT_G_WAITING, __ATOMIC_RELAXED);
    __atomic_store_n(&g->park_futex, 0, __ATOMIC_RELAXED);
    __atomic_add_fetch(&sched.thread_parked, 1, __ATOMIC_SEQ_CST);
    __atomic_sub_fetch(&sched.thread_active, 1, __ATOMIC_SEQ_CST);
    if (commit && !commit(g, arg)) {
        __atomic_add_fetch(&sched.thread_active, 1, __ATOMIC_SEQ_CST);
        __atomic_sub_fetch(&sched.thread_parked, 1, __ATOMIC_SEQ_CST);
        __atomic_store_n(&g->status, GORT_G_RUNNING, __ATOMIC_RELAXED);
        __atomic_store_n(&g->waitreason, NULL, __ATOMIC_RELAXED);
        return;
    }
    gort__lock(&sched.lock);
    if (sched.nrunning == 0 && __atomic_load_n(&g->park_futex, __ATOMIC_ACQUIRE) == 0)
        checkdead_locked();
    gort__unlock(&sched.lock);
    while (__atomic_load_n(&g->park_futex, __ATOMIC_ACQUIRE) == 0)
        futex_wait(&g->park_futex, 0, NULL);
    __atomic_store_n(&g->status, GORT_G_RUNNING, __ATOMIC_RELAXED);
    __atomic_store_n(&g->waitreason, NULL, __ATOMIC_RELAXED);
    GORT_TRACE(gort__trace_go_start(g->goid));
}

void gort__park(const char *reason, bool (*commit)(G *g, void *arg), void *arg)
{
    check_not_forked();
    G *g = gort__getg();
    if (g->sched_kind != GORT_G_GOROUTINE) {
        thread_park(g, reason, commit, arg);
        return;
    }
    __atomic_store_n(&g->waitreason, reason, __ATOMIC_RELAXED);
    g->park_commit = commit;
    g->park_arg = arg;
    GORT_TRACE(gort__trace_go_park(g->goid, reason));
    gosched(g, REQ_PARK);
    __atomic_store_n(&g->waitreason, NULL, __ATOMIC_RELAXED);
    GORT_TRACE(gort__trace_go_start(g->goid));
}

void gort__ready(G *g)
{
    check_not_forked();
    if (g->sched_kind != GORT_G_GOROUTINE) {
        __atomic_add_fetch(&sched.thread_active, 1, __ATOMIC_SEQ_CST);
        __atomic_sub_fetch(&sched.thread_parked, 1, __ATOMIC_SEQ_CST);
        __atomic_store_n(&g->park_futex, 1, __ATOMIC_RELEASE);
        futex_wake(&g->park_futex, 1);
        return;
    }
    __atomic_store_n(&g->status, GORT_G_RUNNABLE, __ATOMIC_RELAXED);
    struct worker *w = tls_w;
    if (w && w->id < __atomic_load_n(&sched.gomaxprocs, __ATOMIC_RELAXED)) {
        runq_put_next(w, g);
        wakep_sc();
    } else {
        globrunq_put(g);
        wakep();
    }
}

void go_yield(void)
{
    check_not_forked();
    G *g = gort__getg();
    if (g->sched_kind != GORT_G_GOROUTINE) {
        sched_yield();
        return;
    }
    gosched(g, REQ_YIELD);
}

void go_sleep(int64_t ns)
{
    if (ns <= 0)
        return;
    G *g = gort__getg();
    if (g->sched_kind != GORT_G_GOROUTINE) {
        struct timespec ts = {ns / 1000000000, ns % 1000000000};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
        }
        return;
    }
    g->timer_when = nanotime() + ns;
    gort__park("sleep", timer_commit, NULL);
}

int go_num_goroutine(void)
{
    return (int)(live_goroutines() +
                 __atomic_load_n(&sched.thread_active, __ATOMIC_RELAXED) +
                 __atomic_load_n(&sched.thread_parked, __ATOMIC_RELAXED));
}
