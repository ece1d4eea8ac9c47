/*
 * unwind.c — capturing a stack: the program counters of a thread's frames, from the current
 * function or from a signal's interrupted context, into a fixed-size gort__trace. Nothing here
 * allocates or takes a lock: captures run inside signal handlers and in crashing processes.
 *
 * Unwinder. libgcc's _Unwind_Backtrace, the unwinder every C program already links. It reads
 * the .eh_frame tables, so it walks code built without frame pointers (glibc, most distro
 * libraries), it walks through the kernel's signal frame (__restore_rt has CFI), and on
 * bookworm (glibc 2.35+, GCC 12) it finds a pc's tables with _dl_find_object, which takes no
 * lock and does not allocate: a trace can be captured inside a signal handler. libunwind would
 * add a dependency for users of the static library and brings nothing that matters here.
 *
 * Signal contexts. The capture runs inside the handler, unwinds through the signal frame and
 * keeps frames from the interrupted pc on (gort__traceback_capture_uc); if that pc is never met
 * (a context that is not this thread's current signal), it falls back to walking the
 * frame-pointer chain from the context's rbp, bounded and sanity-checked.
 *
 * Bounded memory. A trace keeps the first GORT__TB_HEAD physical frames and a ring of the last
 * GORT__TB_TAIL, and walks at most GORT__TB_MAXWALK: a runaway recursion costs a fixed 8 KiB,
 * and the printer (traceback.c) still has the innermost and outermost frames Go's elision
 * prints; `total` counts the frames walked, so the elided number stays exact.
 *
 * Each recorded frame has its pc (a return address, except frame 0 of a signal trace, exact0)
 * and its sp at the call to the next frame up, which is that next frame's CFA: Go's fp/sp pair
 * for GOTRACEBACK=system comes from consecutive entries (gort__trace_cfa).
 */
#define _GNU_SOURCE
#include "traceback.h"

#include <ucontext.h>
#include <unwind.h>

/* ---- capture ---------------------------------------------------------------------- */

struct capture {
    gort__trace *t;
    uintptr_t want_pc; /* signal start: drop frames until this pc (0: keep all) */
    uintptr_t from_sp; /* keep from the frame whose caller's sp is >= this ...          */
    bool keep_self;    /* ... or from that frame's callee (the function that asked)      */
    bool started;
    struct gort__pcsp prev;
};

static void trace_add(gort__trace *t, uintptr_t pc, uintptr_t sp)
{
    long i = t->total++;
    struct gort__pcsp *s = i < GORT__TB_HEAD ? &t->head[i]
                                               : &t->tail[(i - GORT__TB_HEAD) % GORT__TB_TAIL];
    s->pc = pc;
    s->sp = sp;
}

/*
 * libgcc calls back once per frame with the frame's pc; _Unwind_GetCFA then gives the CFA of
 * the frame below it (its callee), which is this frame's sp at the call: that is what is
 * recorded, and a function's own CFA is its caller's recorded sp.
 */
static _Unwind_Reason_Code collect(struct _Unwind_Context *ctx, void *arg)
{
    struct capture *c = arg;
    int before = 0;
    uintptr_t pc = _Unwind_GetIPInfo(ctx, &before);
    uintptr_t sp = _Unwind_GetCFA(ctx);
    if (pc == 0)
        return _URC_END_OF_STACK;
    if (!c->started) {
        if (c->want_pc) {
            if (pc != c->want_pc)
                return _URC_NO_REASON;
            c->t->exact0 = true;
        } else if (sp < c->from_sp) {
            c->prev.pc = pc;
            c->prev.sp = sp;
            return _URC_NO_REASON;
        } else if (c->keep_self && c->prev.pc) {
            trace_add(c->t, c->prev.pc, c->prev.sp);
        }
        c->started = true;
    }
    trace_add(c->t, pc, sp);
    /* A stack a million frames deep is not walked to its end: Go prints 100 of them. */
    if (c->t->total >= GORT__TB_MAXWALK)
        return _URC_END_OF_STACK;
    return _URC_NO_REASON;
}

static void trace_reset(gort__trace *t)
{
    t->total = 0;
    t->exact0 = false;
}

__attribute__((noinline)) void gort__traceback_capture(gort__trace *t, const void *fa, bool keep_self)
{
    struct capture c = {t, 0, fa ? (uintptr_t)fa + 16 : 0, keep_self, false, {0, 0}};
    trace_reset(t);
    _Unwind_Backtrace(collect, &c);
}

/* The frame-pointer chain from fp: each frame's saved fp and return address, upward only,
 * 8-aligned, within [lo, hi). gort is built with frame pointers; code built without them ends
 * the chain (or, with a frame pointer register reused as data, leaves it), which the bounds
 * catch. */
static void fp_walk(gort__trace *t, uintptr_t fp, uintptr_t lo, uintptr_t hi)
{
    while (fp >= lo && fp < hi && hi - fp >= 16 && (fp & 7) == 0 && t->total < GORT__TB_MAXWALK) {
        uintptr_t next = ((uintptr_t *)fp)[0], ret = ((uintptr_t *)fp)[1];
        if (ret == 0)
            break;
        trace_add(t, ret, fp + 16);
        if (next <= fp)
            break;
        fp = next;
    }
}

/* The interrupted frames of a signal context: called inside that signal's handler. */
__attribute__((noinline)) void gort__traceback_capture_uc(gort__trace *t, const ucontext_t *uc)
{
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    struct capture c = {t, pc, 0, false, false, {0, 0}};
    trace_reset(t);
    _Unwind_Backtrace(collect, &c);
    if (t->total > 0)
        return;
    /* Not this thread's current signal: the interrupted pc, then the frame-pointer chain,
     * upward only, 16-aligned CFAs, within 64 MiB of the interrupted sp. */
    uintptr_t sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
    uintptr_t fp = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
    trace_add(t, pc, sp);
    t->exact0 = true;
    fp_walk(t, fp, sp, sp + (64u << 20));
}

void gort__traceback_capture_fp(gort__trace *t, uintptr_t pc, uintptr_t sp, uintptr_t fp,
                                uintptr_t lo, uintptr_t hi)
{
    trace_reset(t);
    if (pc == 0)
        return;
    trace_add(t, pc, sp);
    fp_walk(t, fp, lo, hi);
}

/* The i-th captured physical frame, in stack order, or NULL if it was not kept. */
const struct gort__pcsp *gort__trace_at(const gort__trace *t, long i)
{
    if (i < GORT__TB_HEAD)
        return &t->head[i];
    long tailfirst = t->total - GORT__TB_TAIL;
    if (tailfirst < GORT__TB_HEAD)
        tailfirst = GORT__TB_HEAD;
    if (i < tailfirst)
        return NULL;
    return &t->tail[(i - GORT__TB_HEAD) % GORT__TB_TAIL];
}

uintptr_t gort__trace_cfa(const gort__trace *t, long i)
{
    const struct gort__pcsp *p = i + 1 < t->total ? gort__trace_at(t, i + 1) : NULL;
    return p ? p->sp : 0;
}
