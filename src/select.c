/*
 * select.c — Go's select statement: go_select().
 *
 * Design
 * ------
 * Go 1.23's selectgo in three passes, with the same two orders:
 *
 *  - The poll order is a uniformly random permutation of the cases whose channel is not nil
 *    (Go's cheaprandn shuffle): pass 1 takes the first case in that order that can proceed,
 *    so among ready cases each is chosen with equal probability, and no case starves.
 *  - The lock order sorts the same cases by channel address (a heap sort: n log n, no
 *    recursion, no allocation). Every select locks its channels in address order, and a plain
 *    channel operation holds one lock only, so two selects over the same channels can never
 *    hold one lock each and wait for the other's. A channel named by several cases is locked
 *    once (equal addresses sort next to each other).
 *
 *  pass 1 — with every channel locked, look for a case that can proceed in poll order, exactly
 *           as the plain operation would (chan.c): a receive finds a waiting sender, a
 *           buffered value or a closed channel; a send finds a closed channel (panic), a
 *           waiting receiver or room in the buffer. Found: do it, unlock, done. None and a
 *           default: unlock, return -1.
 *  pass 2 — still locked, put one sudog per case on its channel's queue, all pointing at one
 *           gort__select_wait, and park; the commit function unlocks the channels (wait
 *           reason "select").
 *  pass 3 — a waker completed one sudog: it won the CAS on select_wait.done (so no other
 *           waker can complete a second case), did the transfer, and stored the sudog in
 *           select_wait.winner. The select takes its other sudogs off their queues (a waker
 *           that lost the race may already have dropped one) and returns the winner's case.
 *
 * Unlike Go, pass 3 locks one channel at a time: every channel's removal is independent, and
 * the sudogs are on this goroutine's stack, which does not move. The commit function runs
 * while the goroutine's stack is still in use by nobody else but must read the lock order
 * from it: it unlocks a channel only after the last case naming it, so at least one channel
 * stays locked while it reads, and the goroutine, even if woken early, cannot get through
 * pass 3 (it needs every lock) before the commit is done with its stack.
 *
 * As Go's compiler does, a select without cases blocks forever ("select (no cases)") and a
 * select with one case and no default is that case's plain channel operation (its wait reason
 * is the operation's, and a lone nil channel blocks with "chan receive (nil chan)"). A select
 * whose channels are all nil, without default, parks with "select", as Go's selectgo does.
 */
#include "hchan.h"

#include <stdlib.h>
#include <time.h>

/* Cases handled with arrays on the goroutine's stack; more take one malloc. A parked
 * goroutine's stack should stay small (the memory target is a few KB per parked goroutine). */
#define SELECT_STACK_CASES 8
#define SELECT_MAX_CASES 65536

/* ---- per-thread random numbers (Go's cheaprand: wyrand, per M) ------------------------- */

static __thread uint64_t rand_state;

static uint32_t cheaprand(void)
{
    if (__builtin_expect(rand_state == 0, 0)) {
        /* Seeded per thread from the clock and a counter: different in every run, as Go's. */
        static uint64_t seq;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        uint64_t s = __atomic_add_fetch(&seq, 0x9e3779b97f4a7c15ull, __ATOMIC_RELAXED);
        rand_state = (s ^ (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 32) | 1;
    }
    rand_state += 0xa0761d6478bd642full;
    __uint128_t m = (__uint128_t)rand_state * (rand_state ^ 0xe7037ed1a0b428dbull);
    return (uint32_t)((uint64_t)(m >> 64) ^ (uint64_t)m);
}

/* Uniform in [0, n) (Lemire's multiply-shift, as Go's cheaprandn). */
static uint32_t cheaprandn(uint32_t n) { return (uint32_t)(((uint64_t)cheaprand() * n) >> 32); }

/* ---- locking ------------------------------------------------------------------------------- */

static void sellock(const go_select_case *cs, const uint32_t *lockorder, size_t n)
{
    go_chan *last = NULL;
    for (size_t i = 0; i < n; i++) {
        go_chan *c = cs[lockorder[i]].chan;
        if (c != last)
            gort__chan_lock(c);
        last = c;
    }
}

static void selunlock(const go_select_case *cs, const uint32_t *lockorder, size_t n)
{
    /* Each distinct channel once: skip a case whose channel the next case repeats. */
    for (size_t i = 0; i < n; i++) {
        go_chan *c = cs[lockorder[i]].chan;
        if (i + 1 < n && cs[lockorder[i + 1]].chan == c)
            continue;
        gort__chan_unlock(c);
    }
}

struct park_args {
    const go_select_case *cs;
    const uint32_t *lockorder;
    size_t n;
};

/* Go's selparkcommit (see the design note on why reading the stack here is safe). */
static bool selpark_commit(G *g, void *arg)
{
    (void)g;
    const struct park_args *a = arg;
    selunlock(a->cs, a->lockorder, a->n);
    return true;
}

/* Heap sort of the poll order into lock order, by channel address. */
static void sort_lockorder(const go_select_case *cs, const uint32_t *pollorder,
                           uint32_t *lockorder, size_t n)
{
#define KEY(i) ((uintptr_t)cs[lockorder[i]].chan)
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        uintptr_t c = (uintptr_t)cs[pollorder[i]].chan;
        while (j > 0 && KEY((j - 1) / 2) < c) {
            size_t k = (j - 1) / 2;
            lockorder[j] = lockorder[k];
            j = k;
        }
        lockorder[j] = pollorder[i];
    }
    for (size_t i = n; i-- > 1;) {
        uint32_t o = lockorder[i];
        uintptr_t c = (uintptr_t)cs[o].chan;
        lockorder[i] = lockorder[0];
        size_t j = 0, k;
        for (;;) {
            k = j * 2 + 1;
            if (k >= i)
                break;
            if (k + 1 < i && KEY(k) < KEY(k + 1))
                k++;
            if (c < KEY(k)) {
                lockorder[j] = lockorder[k];
                j = k;
                continue;
            }
            break;
        }
        lockorder[j] = o;
    }
#undef KEY
}

/* ---- the select ---------------------------------------------------------------------------- */

static int one_case(const go_select_case *k)
{
    if (k->dir == GO_SELECT_SEND) {
        go_chan_send(k->chan, k->elem);
    } else {
        bool ok = go_chan_recv2(k->chan, k->elem);
        if (k->ok)
            *k->ok = ok;
    }
    return 0;
}

/* Pass 1 for case k, its channel locked: performs it if it can proceed. Returns the goroutine
 * to ready after the unlock through *wake; sets *closed_send for a send on a closed channel. */
static bool try_case(const go_select_case *k, G **wake, bool *closed_send)
{
    go_chan *c = k->chan;
    struct gort__sudog *sg;
    if (k->dir == GO_SELECT_RECV) {
        if ((sg = gort__sudogq_pop(&c->sendq)) != NULL) {
            *wake = gort__recv_from(c, sg, k->elem);
            if (k->ok)
                *k->ok = true;
            return true;
        }
        if (c->qcount > 0) {
            gort__buf_take(c, k->elem);
            if (k->ok)
                *k->ok = true;
            return true;
        }
        if (c->closed) {
            gort__elem_copy(k->elem, NULL, c->elemsize);
            if (k->ok)
                *k->ok = false;
            return true;
        }
        return false;
    }
    if (c->closed) {
        *closed_send = true;
        return true;
    }
    if ((sg = gort__sudogq_pop(&c->recvq)) != NULL) {
        *wake = gort__send_to(c, sg, k->elem);
        return true;
    }
    if (c->qcount < c->dataqsiz) {
        gort__buf_put(c, k->elem);
        return true;
    }
    return false;
}

static int selectgo(const go_select_case *cs, size_t ncases, bool block, uint32_t *order,
                    struct gort__sudog *sgs)
{
    uint32_t *pollorder = order, *lockorder = order + ncases;
    size_t norder = 0;
    for (size_t i = 0; i < ncases; i++) {
        const go_select_case *k = &cs[i];
        if (k->dir != GO_SELECT_SEND && k->dir != GO_SELECT_RECV)
            gort__fatalf("go_select: case %zu has no direction (%d)", i, (int)k->dir);
        if (k->chan == NULL)
            continue; /* never ready: left out of both orders */
        gort__chan_check(k->chan, "select");
        uint32_t j = cheaprandn((uint32_t)norder + 1);
        pollorder[norder] = pollorder[j];
        pollorder[j] = (uint32_t)i;
        norder++;
    }
    sort_lockorder(cs, pollorder, lockorder, norder);
    sellock(cs, lockorder, norder);

    /* pass 1 */
    for (size_t p = 0; p < norder; p++) {
        uint32_t i = pollorder[p];
        G *wake = NULL;
        bool closed_send = false;
        if (try_case(&cs[i], &wake, &closed_send)) {
            selunlock(cs, lockorder, norder);
            if (closed_send)
                gort__panic_runtime("send on closed channel", NULL);
            if (wake)
                gort__ready(wake);
            return (int)i;
        }
    }
    if (!block) {
        selunlock(cs, lockorder, norder);
        return -1;
    }

    /* pass 2: wait on every channel, in lock order (Go enqueues in that order too) */
    struct gort__select_wait sw = {0, NULL};
    G *self = gort__self();
    for (size_t p = 0; p < norder; p++) {
        uint32_t i = lockorder[p];
        const go_select_case *k = &cs[i];
        struct gort__sudog *sg = &sgs[i];
        *sg = (struct gort__sudog){.g = self, .sel = &sw, .elem = k->elem, .state = SG_WAITING};
        gort__sudogq_push(k->dir == GO_SELECT_SEND ? &k->chan->sendq : &k->chan->recvq, sg);
    }
    struct park_args pa = {cs, lockorder, norder};
    gort__park("select", selpark_commit, &pa);

    /* pass 3 */
    struct gort__sudog *win = __atomic_load_n(&sw.winner, __ATOMIC_ACQUIRE);
    if (win == NULL)
        gort__throw("selectgo: bad wakeup");
    for (size_t p = 0; p < norder; p++) {
        uint32_t i = lockorder[p];
        if (&sgs[i] == win)
            continue;
        go_chan *c = cs[i].chan;
        gort__chan_lock(c);
        gort__sudogq_remove(cs[i].dir == GO_SELECT_SEND ? &c->sendq : &c->recvq, &sgs[i]);
        gort__chan_unlock(c);
    }
    int chosen = (int)(win - sgs);
    uint32_t st = __atomic_load_n(&win->state, __ATOMIC_ACQUIRE);
    if (cs[chosen].dir == GO_SELECT_SEND) {
        if (st != SG_DONE)
            gort__panic_runtime("send on closed channel", NULL);
    } else if (cs[chosen].ok) {
        *cs[chosen].ok = st == SG_DONE;
    }
    return chosen;
}

int go_select(const go_select_case *cases, size_t n, bool has_default)
{
    if (n == 0) {
        if (has_default)
            return -1;
        gort__block_forever("select (no cases)");
    }
    if (n == 1 && !has_default)
        return one_case(&cases[0]);
    if (n > SELECT_MAX_CASES)
        gort__fatalf("go_select: %zu cases (at most %d)", n, SELECT_MAX_CASES);
    if (n <= SELECT_STACK_CASES) {
        uint32_t order[2 * SELECT_STACK_CASES];
        struct gort__sudog sgs[SELECT_STACK_CASES];
        return selectgo(cases, n, !has_default, order, sgs);
    }
    uint32_t *order = malloc(n * (2 * sizeof *order + sizeof(struct gort__sudog)) + 16);
    if (order == NULL)
        gort__throw("out of memory: cannot select");
    struct gort__sudog *sgs =
        (struct gort__sudog *)(((uintptr_t)(order + 2 * n) + 15) & ~(uintptr_t)15);
    /* The array is freed on a normal return; a send on a closed channel panics out of
     * selectgo and would leak it, so that case is handled by a frame. */
    int r = -1;
    go_frame(r);
    go_defer(free, order);
    r = selectgo(cases, n, !has_default, order, sgs);
    return r;
}
