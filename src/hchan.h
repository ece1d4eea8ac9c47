/*
 * hchan.h — what chan.c and select.c share: the channel (Go's hchan), the waiting-goroutine
 * record (Go's sudog), wait queues, the channel lock, and the two hand-off steps that both
 * a plain channel operation and a select perform on a goroutine found waiting.
 *
 * Layout of one channel (a single allocation, go_chan_make):
 *
 *   +------------------------------ go_chan -------------------------------+---- buf ----+
 *   | elemsize dataqsiz | magic lock | qcount sendx recvx | closed | recvq sendq | e0 e1 … |
 *   +-----------------------------------------------------------------------+-------------+
 *
 * Every field but magic, elemsize and dataqsiz is protected by `lock` (below). qcount is also
 * read without the lock (go_chan_len) and is therefore written with atomic stores.
 */
#ifndef GORT_HCHAN_H
#define GORT_HCHAN_H

#include "internal.h"
#include "gsched.h"

#include <string.h>

/* go_chan.magic: a live channel, and one go_chan_free has released (caught while the memory
 * is not yet reused; ASan catches every later use). */
#define GORT_CHAN_LIVE 0x6368616eu /* "chan" */
#define GORT_CHAN_DEAD 0x64656164u /* "dead" */

/*
 * A goroutine waiting on one channel (Go's sudog). It lives on the waiting goroutine's own
 * stack — gort's stacks never move, so unlike Go no cache of sudogs is needed — and is valid
 * from its enqueue until that goroutine returns from the operation. A waker reaches it only
 * with the channel locked.
 *
 *   next, prev — the channel's recvq or sendq, FIFO; `queued` says whether it is still on it
 *                (a waker that loses a select's race takes it off and drops it).
 *   g          — the goroutine to gort__ready.
 *   sel        — non-NULL when the wait is one case of a select: the waker that wins
 *                sel->done (0 -> 1) completes this case and records it in sel->winner.
 *   elem       — send: the value to send; receive: where the value goes (NULL: discard).
 *   state      — written by the waker (release) before the goroutine is readied, read by the
 *                goroutine (acquire) after it resumes: WAITING, DONE (a value passed), CLOSED.
 */
enum { SG_WAITING, SG_DONE, SG_CLOSED };

struct gort__select_wait {
    uint32_t done;                 /* a waker claimed this select: 0 -> 1 (atomic)          */
    struct gort__sudog *winner;    /* the sudog that waker completed (Go's gp.param)         */
};

struct gort__sudog {
    struct gort__sudog *next, *prev;
    G *g;
    struct gort__select_wait *sel;
    void *elem;
    uint32_t state;
    bool queued;
};

struct gort__sudogq {
    struct gort__sudog *first, *last;
};

struct go_chan {
    size_t elemsize;
    size_t dataqsiz;     /* capacity of buf; 0 for an unbuffered channel                  */
    uint32_t magic;      /* not first: malloc's free lists overwrite a freed block's first
                          * 16 bytes, and the magic should survive go_chan_free          */
    uint32_t lock;       /* 0 free, 1 held: gort__chan_lock                                 */
    size_t qcount;       /* elements in buf                                               */
    size_t sendx, recvx; /* next slot to fill / to empty                                  */
    uint32_t closed;
    struct gort__sudogq recvq, sendq;
    _Alignas(16) unsigned char buf[];
};

/* ---- the channel lock ------------------------------------------------------------------ */

/*
 * A spinlock whose unlock is a plain release store. A channel is locked for a few dozen
 * instructions at a time and never across a context switch (a parking goroutine's commit
 * function unlocks it, off its stack), so a waiter rarely waits long. Measured on the 2-core
 * VM this was written on, every locked instruction costs about 20 ns, and a round trip on an
 * unbuffered channel locks four times: a futex mutex's unlock (an xchg, to learn whether
 * someone sleeps) would add 80 ns to a round trip. A waiter spins briefly, then yields its
 * thread to the kernel until the lock is free (the holder may be a preempted thread).
 */
GORT_HIDDEN void gort__chan_lock_slow(uint32_t *l);

static inline void gort__chan_lock(go_chan *c)
{
    uint32_t z = 0;
    if (__builtin_expect(!__atomic_compare_exchange_n(&c->lock, &z, 1, false, __ATOMIC_ACQUIRE,
                                                      __ATOMIC_RELAXED), 0))
        gort__chan_lock_slow(&c->lock);
}

static inline void gort__chan_unlock(go_chan *c) { __atomic_store_n(&c->lock, 0, __ATOMIC_RELEASE); }

/* ---- wait queues (channel locked) ------------------------------------------------------ */

static inline void gort__sudogq_push(struct gort__sudogq *q, struct gort__sudog *sg)
{
    sg->next = NULL;
    sg->prev = q->last;
    if (q->last)
        q->last->next = sg;
    else
        q->first = sg;
    q->last = sg;
    sg->queued = true;
}

/* Takes sg off q if it is still there (a select removing its losing cases). */
static inline void gort__sudogq_remove(struct gort__sudogq *q, struct gort__sudog *sg)
{
    if (!sg->queued)
        return;
    if (sg->prev)
        sg->prev->next = sg->next;
    else
        q->first = sg->next;
    if (sg->next)
        sg->next->prev = sg->prev;
    else
        q->last = sg->prev;
    sg->next = sg->prev = NULL;
    sg->queued = false;
}

/*
 * The oldest waiter that can still be completed (Go's waitq.dequeue). A select waits on
 * several channels at once; between its wakeup by one of them and its removal from the others
 * it is still queued there, and the CAS on sel->done lets exactly one waker have it. A loser
 * drops the sudog from its queue (the select's own removal then finds it gone).
 */
static inline struct gort__sudog *gort__sudogq_pop(struct gort__sudogq *q)
{
    for (;;) {
        struct gort__sudog *sg = q->first;
        if (sg == NULL)
            return NULL;
        gort__sudogq_remove(q, sg);
        uint32_t z = 0;
        if (sg->sel != NULL &&
            !__atomic_compare_exchange_n(&sg->sel->done, &z, 1, false, __ATOMIC_ACQ_REL,
                                         __ATOMIC_RELAXED))
            continue;
        return sg;
    }
}

/* ---- hand-off (channel locked; the caller unlocks, then readies the result) ------------ */

static inline void gort__elem_copy(void *dst, const void *src, size_t n)
{
    /* Inlined into a program by link-time optimisation, GCC sees a 1-byte destination and
     * warns (-Wstringop-overflow, which no pragma reaches there) about the 8- and 16-byte cases,
     * which n — the channel's element size, checked against the destination's by the callers —
     * rules out at run time. The empty asm hides which object dst points to. */
    __asm__("" : "+r"(dst));
    if (dst == NULL || n == 0)
        return;
    if (src == NULL) {
        memset(dst, 0, n); /* a send of NULL sends the zero value */
        return;
    }
    switch (n) { /* word-sized elements are the common case: a load and a store, no call */
    case 4:
        memcpy(dst, src, 4);
        break;
    case 8:
        memcpy(dst, src, 8);
        break;
    case 16:
        memcpy(dst, src, 16);
        break;
    default:
        memcpy(dst, src, n);
    }
}

static inline void *gort__chanbuf(go_chan *c, size_t i) { return c->buf + i * c->elemsize; }

/* Marks sg completed with state st; returns the goroutine to ready once the lock is dropped.
 * sg must not be touched after the ready: its goroutine may return and reuse that stack. */
static inline G *gort__sudog_finish(struct gort__sudog *sg, uint32_t st)
{
    G *g = sg->g;
    struct gort__select_wait *sel = sg->sel;
    __atomic_store_n(&sg->state, st, __ATOMIC_RELEASE);
    if (sel) /* stored last: the select reads winner (acquire), then winner->state */
        __atomic_store_n(&sel->winner, sg, __ATOMIC_RELEASE);
    return g;
}

/* Go's send(): a receiver is waiting, so the value goes straight to it (the buffer is empty,
 * or there is none). */
static inline G *gort__send_to(go_chan *c, struct gort__sudog *sg, const void *ep)
{
    gort__elem_copy(sg->elem, ep, c->elemsize);
    return gort__sudog_finish(sg, SG_DONE);
}

/* Go's recv(): a sender is waiting. Unbuffered: take its value directly. Buffered (the buffer
 * must be full, or the sender would not wait): take the oldest element and put the sender's
 * value in the slot it frees, which is the tail. */
static inline G *gort__recv_from(go_chan *c, struct gort__sudog *sg, void *ep)
{
    if (c->dataqsiz == 0) {
        gort__elem_copy(ep, sg->elem, c->elemsize);
    } else {
        void *qp = gort__chanbuf(c, c->recvx);
        gort__elem_copy(ep, qp, c->elemsize);
        gort__elem_copy(qp, sg->elem, c->elemsize);
        if (++c->recvx == c->dataqsiz)
            c->recvx = 0;
        c->sendx = c->recvx;
    }
    return gort__sudog_finish(sg, SG_DONE);
}

/* Buffered send and receive without a waiter (qcount < dataqsiz / qcount > 0). */
static inline void gort__buf_put(go_chan *c, const void *ep)
{
    gort__elem_copy(gort__chanbuf(c, c->sendx), ep, c->elemsize);
    if (++c->sendx == c->dataqsiz)
        c->sendx = 0;
    __atomic_store_n(&c->qcount, c->qcount + 1, __ATOMIC_RELAXED);
}

static inline void gort__buf_take(go_chan *c, void *ep)
{
    gort__elem_copy(ep, gort__chanbuf(c, c->recvx), c->elemsize);
    if (++c->recvx == c->dataqsiz)
        c->recvx = 0;
    __atomic_store_n(&c->qcount, c->qcount - 1, __ATOMIC_RELAXED);
}

/* A misused channel: freed, or never made. Cheap enough for every operation. */
GORT_HIDDEN _Noreturn void gort__chan_bad(const go_chan *c, const char *op);
static inline void gort__chan_check(const go_chan *c, const char *op)
{
    if (__builtin_expect(c->magic != GORT_CHAN_LIVE, 0))
        gort__chan_bad(c, op);
}

/* Blocks the calling goroutine forever with a wait reason (nil channels, select {}). */
GORT_HIDDEN _Noreturn void gort__block_forever(const char *reason);

#endif /* GORT_HCHAN_H */
