/*
 * gsched.h — the scheduler's internal interface, for the runtime's own blocking primitives
 * (sync.c's Mutex, RWMutex and WaitGroup, chan.c's channels and select) and the crash printer.
 *
 * The contract is Go's gopark/goready:
 *
 *   - A blocking operation takes its object's lock (gort__lock), decides it must wait, queues
 *     the current g (gort__self()) on the object, and calls gort__park(reason, commit, arg).
 *     commit(g, arg) runs after g's context is saved, off g's stack, with no scheduler lock
 *     held: it releases the object's lock. From that moment any thread may gort__ready(g).
 *     If commit returns false, g is not parked: gort__park returns at once.
 *   - Whoever takes g off the object's queue calls gort__ready(g) exactly once per park.
 *   - g->wait_elem and g->wait_link are the waiter's fields while it is queued on an object
 *     (chan.c's sudog-like element, sync.c's FIFO links); g->wait_ok is a result the waker
 *     may hand to the parked goroutine (e.g. "received a value" vs "channel closed").
 *     All three belong to the object whose lock protects the queue g is on.
 *
 * On an OS thread that is not one of the scheduler's goroutines (a plain pthread that uses
 * gort: a goroutine of its own, "thread g"), gort__park runs commit on the thread's own stack
 * and then blocks the thread on a futex until gort__ready. Everything above holds unchanged.
 *
 * Wait reasons are Go 1.23's texts (runtime2.go waitReasonStrings): "chan receive",
 * "chan send", "select", "select (no cases)", "semacquire" (WaitGroup.Wait), "sleep",
 * "sync.Mutex.Lock", "sync.RWMutex.RLock", "sync.RWMutex.Lock", "chan receive (nil chan)",
 * "chan send (nil chan)". They appear as `goroutine N [reason]:` in crash reports.
 */
#ifndef GORT_GSCHED_H
#define GORT_GSCHED_H

#include "internal.h"

/* ---- park / ready ------------------------------------------------------------------- */

GORT_HIDDEN void gort__park(const char *reason, bool (*commit)(G *g, void *arg), void *arg);
GORT_HIDDEN void gort__ready(G *g);
/* The current g: a scheduler goroutine, or the calling thread's own g (created on first use). */
static inline G *gort__self(void) { return gort__getg(); }

/* commit for the common case: arg is a gort__lock_t to release. */
GORT_HIDDEN bool gort__commit_unlock(G *g, void *lock);

/* ---- a small lock for runtime objects ------------------------------------------------ */
/*
 * A futex-based mutex (Drepper's "mutex 2": 0 free, 1 locked, 2 locked with waiters). It
 * blocks the OS thread, so hold it only for a few instructions and never across a park (the
 * commit callback releases it after the goroutine is parked). Zero is unlocked.
 */
typedef struct gort__lock gort__lock_t; /* gort/sched.h */
GORT_HIDDEN void gort__lock_slow(gort__lock_t *l);
GORT_HIDDEN void gort__unlock_slow(gort__lock_t *l);
static inline void gort__lock(gort__lock_t *l)
{
    uint32_t z = 0;
    if (!__atomic_compare_exchange_n(&l->v, &z, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        gort__lock_slow(l);
}
static inline void gort__unlock(gort__lock_t *l)
{
    if (__atomic_exchange_n(&l->v, 0, __ATOMIC_RELEASE) != 1)
        gort__unlock_slow(l);
}

/* ---- FIFO of parked goroutines (linked through g->wait_link) --------------------------- */
typedef struct gort__waitq gort__waitq; /* gort/sched.h */
static inline void gort__waitq_push(gort__waitq *q, G *g)
{
    g->wait_link = NULL;
    if (q->tail)
        q->tail->wait_link = g;
    else
        q->head = g;
    q->tail = g;
}
static inline G *gort__waitq_pop(gort__waitq *q)
{
    G *g = q->head;
    if (g) {
        q->head = g->wait_link;
        if (!q->head)
            q->tail = NULL;
        g->wait_link = NULL;
    }
    return g;
}

/* ---- stacks and contexts (stack.c, arch/<arch>/switch.S) ----------------------------- */
GORT_HIDDEN void gort__ctx_switch(struct gort__ctx *save, const struct gort__ctx *load);
GORT_HIDDEN void gort__gostart(void);
GORT_HIDDEN void gort__ctx_init(struct gort__ctx *c, uintptr_t hi, void (*fn)(void *), void *arg);
GORT_HIDDEN size_t gort__stack_size(void);
GORT_HIDDEN void gort__stack_alloc(G *g, size_t size);
GORT_HIDDEN void gort__stack_free(G *g);
GORT_HIDDEN void gort__stack_free_batch(G **gs, int n);
/* The word at the low end of an unguarded stack (GORT_STACK_SIZE below a page's worth of
 * guard): stack.c writes it, every switch out checks it. */
#define GORT__STACK_CANARY 0x9e3779b97f4a7c15ull
/* An unguarded stack whose canary is gone has overflowed (checked at each switch out, inline:
 * it is on the path of every yield). */
static inline bool gort__stack_overflowed(const G *g)
{
    return g->guard_hi == g->guard_lo && g->stack_map != NULL &&
           *(const uint64_t *)g->stack_lo != GORT__STACK_CANARY;
}

/* ---- for the crash printer and g.c -------------------------------------------------- */

/* True if g is a goroutine of the scheduler (it runs on a worker and has its own stack). */
static inline bool gort__is_goroutine(const G *g) { return g && g->sched_kind == GORT_G_GOROUTINE; }
/* True if g is a worker's scheduler context (g0): code there is the runtime's, not a user's. */
static inline bool gort__is_g0(const G *g) { return g && g->sched_kind == GORT_G_G0; }
/* Ends the calling scheduler goroutine after Goexit ran its deferred calls (never returns). */
GORT_HIDDEN _Noreturn void gort__goexit1(G *g);
/* A thread g comes into being / ends (g.c): counted for the deadlock check. */
GORT_HIDDEN void gort__sched_thread_g(int delta);
/* g.c: the head of the thread-g registry (linked by next), read without its lock. */
GORT_HIDDEN G *gort__thread_registry(void);
/* sched.c: every goroutine record ever made, oldest first (linked by allg_next). */
extern G *gort__allg_head GORT_HIDDEN;
/* fn on every goroutine record (dead ones too), under the allg lock (trace.c's flag). */
GORT_HIDDEN void gort__for_each_goroutine(void (*fn)(G *g, void *arg), void *arg);
/* A fresh goroutine id (goroutine 1 is the main thread's). */
GORT_HIDDEN int64_t gort__new_goid(void);

/* gtrace.c: the other goroutines of a crash report, Go's tracebackothers: for each live g
 * other than `skip`, a blank line, `goroutine N [reason]:`, its frames from the saved context
 * (symbolized, filtered for the GOTRACEBACK level), and its `created by` lines. */
/* threads: also list the threads that use gort (their stacks are not available here). */
GORT_HIDDEN void gort__print_goroutines(gort__w *w, G *skip, int level, bool threads);
/* `created by F in goroutine M` and the creation site, for a scheduler goroutine. */
GORT_HIDDEN void gort__print_created_by(gort__w *w, G *g);
/* "running", "runnable", or the wait reason: what `goroutine N [...]` shows for g. */
GORT_HIDDEN const char *gort__gstate_text(const G *g);
/* GOTRACEBACK asks for every goroutine (all, system, crash). */
GORT_HIDDEN bool gort__traceback_all(void);

#endif /* GORT_GSCHED_H */
