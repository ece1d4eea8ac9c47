/*
 * chan.c — channels: make, send, receive, close, len, cap, free.
 *
 * Design
 * ------
 * This is Go 1.23's runtime/chan.go, operation for operation. A channel is a lock, a ring
 * buffer of dataqsiz elements (none for an unbuffered channel), and two FIFO queues of
 * goroutines waiting to receive (recvq) and to send (sendq). At any moment at most one queue
 * is non-empty, and a queue is non-empty only if the buffer is empty (receivers wait) or full
 * (senders wait): every operation first tries to complete with the other side, in this order:
 *
 *   send:    closed -> panic; a receiver waits -> hand the value to it (direct, even on a
 *            buffered channel, whose buffer is then empty); room in the buffer -> append;
 *            else wait on sendq.
 *   receive: closed and empty -> zero value, ok = false; a sender waits -> take its value
 *            (unbuffered) or the oldest buffered one, refilling the tail with the sender's
 *            (buffered, full); a buffered value -> take it; else wait on recvq.
 *   close:   closed or nil -> panic; mark closed; wake every receiver (zero value,
 *            ok = false) and every sender (which then panics).
 *
 * Waiting. The waiter describes itself in a sudog on its own stack (hchan.h), enqueues it with
 * the channel locked and parks (gort__park, src/gsched.h) with a commit function that unlocks
 * the channel only after the goroutine's context is saved (Go's chanparkcommit): from then on
 * a waker may find the sudog, copy the value straight to or from the waiter's stack, mark it
 * done and ready the goroutine — the waker does the whole transfer, so a woken goroutine never
 * takes the lock again (Go's direct hand-off). The waker unlocks before it readies, as Go does, so the woken
 * goroutine does not run into a held lock. Wakers are served in queue order, so waiters are
 * FIFO: the goroutine that waited longest gets the next value.
 *
 * Panics happen after the lock is dropped: a panic runs deferred calls, which may use the
 * same channel.
 *
 * Ownership. Go frees a channel when it becomes garbage; here the program calls
 * go_chan_free() once no goroutine uses the channel (gort/chan.h). Freeing one with blocked
 * goroutines is fatal; a magic word catches operations on a freed channel while its memory is
 * not reused, for one compare per operation.
 */
#include "hchan.h"

#include <sched.h>
#include <stdlib.h>

/* Go refuses channels whose buffer would exceed maxAlloc (2^48 on amd64) with this panic. */
#define MAX_ALLOC ((size_t)1 << 48)

go_chan *go_chan_make(size_t elem_size, size_t cap)
{
    size_t mem;
    if (__builtin_mul_overflow(elem_size, cap, &mem) || mem > MAX_ALLOC - sizeof(go_chan))
        gort__panic_runtime("makechan: size out of range", NULL);
    go_chan *c = calloc(1, sizeof(go_chan) + mem);
    if (c == NULL)
        gort__throw("out of memory: cannot allocate a channel");
    c->magic = GORT_CHAN_LIVE;
    c->elemsize = elem_size;
    c->dataqsiz = cap;
    return c;
}

void go_chan_free(go_chan *c)
{
    if (c == NULL)
        return;
    gort__chan_check(c, "go_chan_free");
    gort__chan_lock(c);
    bool busy = c->recvq.first != NULL || c->sendq.first != NULL;
    gort__chan_unlock(c);
    if (busy)
        gort__fatal("go_chan_free: goroutines are blocked on the channel");
    *(volatile uint32_t *)&c->magic = GORT_CHAN_DEAD; /* not a dead store before free() */
    free(c);
}

void gort__chan_bad(const go_chan *c, const char *op)
{
    if (c->magic == GORT_CHAN_DEAD)
        gort__fatalf("%s: use of a freed channel", op);
    gort__fatalf("%s: not a channel (0x%lx)", op, (unsigned long)(uintptr_t)c);
}

/* ---- waiting --------------------------------------------------------------------------- */

void gort__chan_lock_slow(uint32_t *l)
{
    for (int i = 0;; i++) {
        uint32_t z = 0;
        if (__atomic_load_n(l, __ATOMIC_RELAXED) == 0 &&
            __atomic_compare_exchange_n(l, &z, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return;
        if (i < 100)
            __builtin_ia32_pause();
        else
            sched_yield();
    }
}

/* Go's chanparkcommit: the goroutine's context is saved; wakers may now find its sudog. */
static bool unlock_commit(G *g, void *c)
{
    (void)g;
    gort__chan_unlock(c);
    return true;
}

static bool forever_commit(G *g, void *arg)
{
    (void)g;
    (void)arg;
    return true;
}

void gort__block_forever(const char *reason)
{
    gort__park(reason, forever_commit, NULL);
    gort__throw("a goroutine blocked forever was readied");
}

/* Enqueues the current goroutine on q of the locked channel c and parks until a waker
 * completes it; returns the sudog's final state (SG_DONE or SG_CLOSED). */
static uint32_t wait_on(go_chan *c, struct gort__sudogq *q, void *elem, const char *reason)
{
    struct gort__sudog me = {.g = gort__self(), .elem = elem, .state = SG_WAITING};
    gort__sudogq_push(q, &me);
    gort__park(reason, unlock_commit, c);
    uint32_t st = __atomic_load_n(&me.state, __ATOMIC_ACQUIRE);
    if (__builtin_expect(st == SG_WAITING, 0))
        gort__throw("chan: spurious wakeup");
    return st;
}

/* ---- send -------------------------------------------------------------------------------- */

/* Go's chansend. Returns false only if !block and the send would block. */
static bool chansend(go_chan *c, const void *ep, bool block)
{
    if (c == NULL) {
        if (!block)
            return false;
        gort__block_forever("chan send (nil chan)");
    }
    gort__chan_check(c, "chan send");
    gort__chan_lock(c);
    if (c->closed) {
        gort__chan_unlock(c);
        gort__panic_runtime("send on closed channel", NULL);
    }
    struct gort__sudog *sg = gort__sudogq_pop(&c->recvq);
    if (sg != NULL) {
        G *g = gort__send_to(c, sg, ep);
        gort__chan_unlock(c);
        gort__ready(g);
        return true;
    }
    if (c->qcount < c->dataqsiz) {
        gort__buf_put(c, ep);
        gort__chan_unlock(c);
        return true;
    }
    if (!block) {
        gort__chan_unlock(c);
        return false;
    }
    if (wait_on(c, &c->sendq, (void *)ep, "chan send") == SG_CLOSED)
        gort__panic_runtime("send on closed channel", NULL);
    return true;
}

void go_chan_send(go_chan *c, const void *elem) { (void)chansend(c, elem, true); }

bool go_chan_try_send(go_chan *c, const void *elem) { return chansend(c, elem, false); }

/* ---- receive ----------------------------------------------------------------------------- */

/* Go's chanrecv. Returns false only if !block and the receive would block; *ok is Go's
 * "received": false for the zero value of a closed channel. */
static bool chanrecv(go_chan *c, void *ep, bool block, bool *ok)
{
    if (c == NULL) {
        if (!block)
            return false;
        gort__block_forever("chan receive (nil chan)");
    }
    gort__chan_check(c, "chan receive");
    gort__chan_lock(c);
    if (c->closed) {
        if (c->qcount == 0) {
            gort__chan_unlock(c);
            gort__elem_copy(ep, NULL, c->elemsize);
            *ok = false;
            return true;
        }
        /* A closed channel keeps its buffered values; it has no waiting senders. */
    } else {
        struct gort__sudog *sg = gort__sudogq_pop(&c->sendq);
        if (sg != NULL) {
            G *g = gort__recv_from(c, sg, ep);
            gort__chan_unlock(c);
            gort__ready(g);
            *ok = true;
            return true;
        }
    }
    if (c->qcount > 0) {
        gort__buf_take(c, ep);
        gort__chan_unlock(c);
        *ok = true;
        return true;
    }
    if (!block) {
        gort__chan_unlock(c);
        return false;
    }
    *ok = wait_on(c, &c->recvq, ep, "chan receive") == SG_DONE;
    return true;
}

void go_chan_recv(go_chan *c, void *elem)
{
    bool ok;
    (void)chanrecv(c, elem, true, &ok);
}

bool go_chan_recv2(go_chan *c, void *elem)
{
    bool ok;
    (void)chanrecv(c, elem, true, &ok);
    return ok;
}

bool go_chan_try_recv(go_chan *c, void *elem, bool *ok)
{
    bool got = false;
    bool r = chanrecv(c, elem, false, &got);
    if (r && ok)
        *ok = got;
    return r;
}

/* ---- typed forms ------------------------------------------------------------------------- */

static void check_size(const go_chan *c, size_t size, const char *op)
{
    if (c != NULL) {
        gort__chan_check(c, op);
        if (__builtin_expect(c->elemsize != size, 0))
            gort__fatalf("%s: a %zu-byte value on a channel of %zu-byte elements", op, size,
                         c->elemsize);
    }
}

void gort__chan_send_sized(go_chan *c, const void *elem, size_t size)
{
    check_size(c, size, "go_chan_send_v");
    (void)chansend(c, elem, true);
}

void gort__chan_recv_sized(go_chan *c, void *elem, size_t size)
{
    check_size(c, size, "go_chan_recv_v");
    bool ok;
    (void)chanrecv(c, elem, true, &ok);
}

/* ---- close ------------------------------------------------------------------------------- */

void go_chan_close(go_chan *c)
{
    if (c == NULL)
        gort__panic_runtime("close of nil channel", NULL);
    gort__chan_check(c, "close");
    gort__chan_lock(c);
    if (c->closed) {
        gort__chan_unlock(c);
        gort__panic_runtime("close of closed channel", NULL);
    }
    c->closed = 1;
    /* Take every waiter off the queues (receivers get the zero value now), then complete
     * and ready them after the unlock, as Go does, linked through the sudogs' `next`: a
     * parked goroutine does not look at its sudog before it is readied, and is readied only
     * after its `next` has been read. */
    struct gort__sudog *list = NULL, **tail = &list, *sg;
    while ((sg = gort__sudogq_pop(&c->recvq)) != NULL) {
        gort__elem_copy(sg->elem, NULL, c->elemsize);
        *tail = sg;
        tail = &sg->next;
    }
    while ((sg = gort__sudogq_pop(&c->sendq)) != NULL) {
        *tail = sg;
        tail = &sg->next;
    }
    *tail = NULL;
    gort__chan_unlock(c);
    while (list != NULL) {
        sg = list;
        list = sg->next;
        gort__ready(gort__sudog_finish(sg, SG_CLOSED));
    }
}

/* ---- len, cap ---------------------------------------------------------------------------- */

size_t go_chan_len(const go_chan *c)
{
    if (c == NULL)
        return 0;
    gort__chan_check(c, "len");
    return __atomic_load_n(&c->qcount, __ATOMIC_RELAXED);
}

size_t go_chan_cap(const go_chan *c)
{
    if (c == NULL)
        return 0;
    gort__chan_check(c, "cap");
    return c->dataqsiz;
}

size_t go_chan_elem_size(const go_chan *c)
{
    if (c == NULL)
        return 0;
    gort__chan_check(c, "go_chan_elem_size");
    return c->elemsize;
}
