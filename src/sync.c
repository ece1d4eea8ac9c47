/*
 * sync.c — Go's sync.Mutex, sync.RWMutex and sync.WaitGroup for goroutines.
 *
 * Design
 * ------
 * Each object carries a small runtime lock (gort__lock_t, a futex word held for a few
 * instructions) protecting its FIFO of parked goroutines. Blocking is always gort__park with
 * gort__commit_unlock: the goroutine queues itself under the object's lock, and the lock is
 * released only after its context is saved (gsched.h), so a waker can never ready a goroutine
 * that has not finished parking. A blocked goroutine frees its worker; a blocked plain thread
 * sleeps on its own futex.
 *
 * Mutex: bit 0 of `state` is "locked", bit 1 "waiters queued". Lock and Unlock without
 * contention are one compare-and-swap each. Once a goroutine waits, Unlock hands the mutex
 * directly to the oldest waiter (Go's starvation mode, always): it is fair, and the woken
 * goroutine never has to fight newcomers. Go's normal mode lets a running goroutine barge in
 * for throughput; gort gives that up for simplicity and fairness.
 *
 * RWMutex: everything under the object's lock. A writer that has to wait blocks new readers
 * (wwait > 0), as Go's readerWait does, so writers are not starved; Unlock lets every queued
 * reader in before the next writer, as Go does.
 *
 * WaitGroup: the counter is atomic (Add/Done without waiters take no lock); when it reaches
 * zero, the waiters queued under the lock are all readied. Wait checks the counter under the
 * lock before queuing, so a Done that reaches zero either is seen by Wait or finds it queued.
 *
 * Misuse is Go's: unlocking an unlocked Mutex or RWMutex is a fatal error (not recoverable);
 * a negative WaitGroup counter is a panic.
 */
#include "gsched.h"

enum { LOCKED = 1, WAITERS = 2 };

/* Readies a list of goroutines taken off a wait queue (linked by wait_link). */
static void ready_list(G *g)
{
    while (g) {
        G *next = g->wait_link;
        g->wait_link = NULL;
        gort__ready(g);
        g = next;
    }
}

/* ---- Mutex ----------------------------------------------------------------------------- */

bool go_mutex_trylock(go_mutex *m)
{
    uint32_t z = 0;
    return __atomic_compare_exchange_n(&m->state, &z, LOCKED, false, __ATOMIC_ACQUIRE,
                                       __ATOMIC_RELAXED);
}

void go_mutex_lock(go_mutex *m)
{
    if (go_mutex_trylock(m))
        return;
    gort__lock(&m->lk);
    uint32_t s = __atomic_load_n(&m->state, __ATOMIC_RELAXED);
    for (;;) {
        if (!(s & LOCKED)) {
            if (__atomic_compare_exchange_n(&m->state, &s, s | LOCKED, false, __ATOMIC_ACQUIRE,
                                            __ATOMIC_RELAXED)) {
                gort__unlock(&m->lk);
                return;
            }
            continue;
        }
        if (__atomic_compare_exchange_n(&m->state, &s, s | WAITERS, false, __ATOMIC_RELAXED,
                                        __ATOMIC_RELAXED))
            break;
    }
    gort__waitq_push(&m->q, gort__self());
    gort__park("sync.Mutex.Lock", gort__commit_unlock, &m->lk);
    /* Unlock handed the mutex over: it is ours, still marked locked (gort__ready's queue
     * hand-off orders the previous holder's writes before this goroutine resumes). */
}

void go_mutex_unlock(go_mutex *m)
{
    uint32_t s = LOCKED;
    if (__atomic_compare_exchange_n(&m->state, &s, 0, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
        return;
    if (!(s & LOCKED))
        gort__fatal("sync: unlock of unlocked mutex");
    gort__lock(&m->lk);
    s = __atomic_load_n(&m->state, __ATOMIC_RELAXED);
    if (!(s & LOCKED)) {
        gort__unlock(&m->lk);
        gort__fatal("sync: unlock of unlocked mutex");
    }
    G *g = gort__waitq_pop(&m->q);
    if (g == NULL) {
        __atomic_store_n(&m->state, 0, __ATOMIC_RELEASE);
        gort__unlock(&m->lk);
        return;
    }
    /* Hand-off: the mutex stays locked, now owned by g. */
    __atomic_store_n(&m->state, m->q.head ? LOCKED | WAITERS : LOCKED, __ATOMIC_RELEASE);
    gort__unlock(&m->lk);
    gort__ready(g);
}

/* ---- RWMutex --------------------------------------------------------------------------- */

void go_rwmutex_rlock(go_rwmutex *m)
{
    gort__lock(&m->lk);
    if (!m->writer && m->wwait == 0) {
        m->readers++;
        gort__unlock(&m->lk);
        return;
    }
    gort__waitq_push(&m->rq, gort__self());
    gort__park("sync.RWMutex.RLock", gort__commit_unlock, &m->lk);
}

void go_rwmutex_runlock(go_rwmutex *m)
{
    gort__lock(&m->lk);
    if (m->readers <= 0) {
        gort__unlock(&m->lk);
        gort__fatal("sync: RUnlock of unlocked RWMutex");
    }
    G *g = NULL;
    if (--m->readers == 0 && (g = gort__waitq_pop(&m->wq)) != NULL) {
        m->wwait--;
        m->writer = 1;
    }
    gort__unlock(&m->lk);
    if (g)
        gort__ready(g);
}

void go_rwmutex_lock(go_rwmutex *m)
{
    gort__lock(&m->lk);
    if (!m->writer && m->readers == 0) {
        m->writer = 1;
        gort__unlock(&m->lk);
        return;
    }
    m->wwait++;
    gort__waitq_push(&m->wq, gort__self());
    gort__park("sync.RWMutex.Lock", gort__commit_unlock, &m->lk);
}

void go_rwmutex_unlock(go_rwmutex *m)
{
    gort__lock(&m->lk);
    if (!m->writer) {
        gort__unlock(&m->lk);
        gort__fatal("sync: Unlock of unlocked RWMutex");
    }
    m->writer = 0;
    G *readers = NULL, *g;
    if (m->rq.head) {
        /* Every queued reader goes in; a queued writer waits for them. */
        readers = m->rq.head;
        int n = 0;
        for (g = readers; g; g = g->wait_link)
            n++;
        m->readers += n;
        m->rq.head = m->rq.tail = NULL;
        g = NULL;
    } else if ((g = gort__waitq_pop(&m->wq)) != NULL) {
        m->wwait--;
        m->writer = 1;
    }
    gort__unlock(&m->lk);
    ready_list(readers);
    if (g)
        gort__ready(g);
}

/* ---- WaitGroup ------------------------------------------------------------------------- */

void go_wg_add(go_waitgroup *wg, int64_t delta)
{
    int64_t v = __atomic_add_fetch(&wg->counter, delta, __ATOMIC_ACQ_REL);
    if (v < 0)
        go_panic_str("sync: negative WaitGroup counter");
    if (v > 0 || delta == 0)
        return;
    gort__lock(&wg->lk);
    G *g = wg->q.head;
    wg->q.head = wg->q.tail = NULL;
    gort__unlock(&wg->lk);
    ready_list(g);
}

void go_wg_done(go_waitgroup *wg) { go_wg_add(wg, -1); }

void go_wg_wait(go_waitgroup *wg)
{
    if (__atomic_load_n(&wg->counter, __ATOMIC_ACQUIRE) == 0)
        return;
    gort__lock(&wg->lk);
    if (__atomic_load_n(&wg->counter, __ATOMIC_ACQUIRE) == 0) {
        gort__unlock(&wg->lk);
        return;
    }
    gort__waitq_push(&wg->q, gort__self());
    gort__park("semacquire", gort__commit_unlock, &wg->lk);
}
