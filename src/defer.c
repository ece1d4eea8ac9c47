/*
 * defer.c — frames, the defer stack, and running deferred calls on a normal return.
 *
 * Design
 * ------
 * Go keeps deferred calls either open-coded in the function's own frame or as _defer records
 * chained on the g. gort does what fits C, a little of both: a function declares a frame
 * (go_frame), a struct in its own stack frame. The frame's *first* deferred call is kept in the
 * frame itself (`first`, two stores for go_defer); later ones are records on a per-goroutine
 * *defer stack*, one contiguous array used strictly LIFO (a bounds check and three stores, no
 * allocation in the steady state).
 *
 *   g->defers:  [ r1 r2 | r4 r5 ]            ndefer = 4     frame F1: first = r0
 *                 ^        ^                                  F2: first = r3 (one call only)
 *                 F1.base  F3.base           g->top  = F3 -> F2 -> F1 (frame chain)
 *                                            g->ptop = F3 -> F1 (frames with records, pprev)
 *
 * Why the first call in the frame: most functions that defer defer once, and then the whole
 * exit is inline in the function (gort.h, gort__frame_exit): unlink and jump to the call, with
 * no loop and no trampoline frame. Why one array for the rest: the panic loop walks frames
 * newest first and pops records one at a time; with one array that is an index decrement, the
 * stack grows by doubling (indices, not pointers, so growing never invalidates a frame), and a
 * frame's records are exactly [base, the next newer frame-with-records' base).
 * Why a second chain for the frames with records: a frame learns its base at its first push,
 * not at its link — the link is what every deferring call pays, and most never push (one
 * store and one load fewer on defer1's path). A frame that never pushed has no base, so the
 * panic loop and the exits tell "has records" by the frame being on g->ptop's chain.
 *
 * A frame is linked into its goroutine's frame chain only at its first defer; until then it
 * costs nothing (the exit locals' frame pointer gort__x.f is a constant NULL the compiler folds:
 * "a function that declares a frame but never defers is within noise of a plain call").
 * Linking sets the frame's recovery point and puts it on the chain; both happen in the user's
 * function (the macros in gort.h), because the recovery point must be set by the function a
 * recovery returns from.
 *
 * Invariants
 *   - frames in the chain are strictly older (higher addresses) towards the tail;
 *   - the calls of frame F are [F.base, ndefer) if F is g->ptop (none on the defer stack
 *     otherwise), then F.first (if its fn is not NULL), newest first, when F is g->top;
 *     F.first.fn is set from link until the call is popped;
 *   - g->ptop's chain is the frame chain's subsequence of frames that pushed records, in the
 *     same order; a frame leaves it when it leaves the frame chain (gort__unlink);
 *   - a frame leaves the chain exactly once: at its exit, or when a panic or Goexit has run
 *     all its calls;
 *   - a deferred call is popped *before* it is called (as Go does since 1.22): a panic inside
 *     it never sees it again, and the calls it defers itself go above it on the stack;
 *   - a nil function is stored as gort__nil_deferred, which panics when called (D5).
 *
 * Misuse is caught where it happens when it can be: a longjmp that would skip a linked frame
 * is a fatal error at the longjmp (src/longjmp.c), naming the frame while it is intact. What
 * that check cannot see (a jump it does not intercept, an unwinder skipping C frames, a
 * longjmp within one inlined stack frame) is caught at the next frame operation: a frame that
 * is not the newest when it defers or exits, or a new frame that is above the newest, is a
 * fatal error naming the frame that found it and the frame left behind. Names come from the
 * frames' landing addresses, symbolized when the error is reported; the frame left behind is
 * named from its own memory, which by then may have been reused, so the message says so (the
 * frame and g no longer carry copies that would survive: 3 stores, 0.55 ns of defer1, gort.h).
 * A defer stack that cannot grow is the fatal error "out of memory", never a crash.
 */
#include "internal.h"

#include <stdlib.h>

enum { DEFER_STACK_MIN = 32 }; /* records; 1.25 KiB — covers most goroutines forever */

/* A program that links gort statically must get longjmp.c's longjmp even where a sanitizer's
 * runtime, which also defines longjmp, comes first on the link line and would leave longjmp.o
 * out of the link: every program with frames links defer.o, and this reference pulls
 * longjmp.o in with it. */
extern const char gort__longjmp_linked GORT_HIDDEN;
__attribute__((used)) static const char *const longjmp_linked = &gort__longjmp_linked;

/* Frames are named from their landing addresses (gort__frame_name). The frame left behind has
 * returned, or its function was jumped out of: its stack may have been reused already, so its
 * name is what its memory says now, and the message says that it may be wrong. */
static _Noreturn void out_of_order(G *g, struct gort__frame *f, const char *func, const char *what)
{
    struct gort__frame *t = g->pub.top;
    char fname[256], tname[256];
    if (func == NULL)
        func = gort__frame_name(f, fname, sizeof fname);
    if (t != NULL && t != f && gort__frame_name_or_null(t, tname, sizeof tname) != NULL)
        gort__fatalf("gort: a frame was left without running its deferred calls (a jump or "
                     "an unwinder skipped it; its dead memory names %s); detected at %s of %s",
                     tname, what, func);
    if (t != NULL && t != f)
        gort__fatalf("gort: a frame was left without running its deferred calls (a jump or "
                     "an unwinder skipped it; its memory has been reused, which names no "
                     "function); detected at %s of %s",
                     what, func);
    gort__fatalf("gort: frame of %s is not on its goroutine's frame chain (%s)", func, what);
}

/* gort__link's rare paths, the whole link: the thread's first use of gort (its g is made
 * here), tracing (the frame's entry and first defer are recorded), a frame whose first defer
 * finds it above the newest frame, which was skipped (fatal), or a frame linked twice
 * (fatal: t == f, this frame's memory is the newest frame's — a longjmp went back into the
 * function to before its first defer; the longjmp check lets such a jump pass, as it skips
 * no frame, and a skipped frame whose memory this one reuses would have been caught by it). */
void gort__link_slow(struct gort__frame *f, const char *func)
{
    G *g = gort__getg();
    struct gort__frame *t = g->pub.top;
    if (t == f)
        gort__fatalf("gort: frame of %s registered its first deferred call twice (a longjmp "
                     "went back into %s to before its first go_defer)",
                     func, func);
    if (t != NULL && gort__frame_sp(f) > gort__frame_sp(t))
        out_of_order(g, f, func, "its first defer");
    f->prev = t;
    g->pub.top = f;
    gort__set_limit(g);
    if (g->pub.tracing) {
        gort__frame_func_put(f, func);
        gort__trace_link(f);
    }
}

static void grow(G *g)
{
    size_t cap = g->pub.cap ? 2 * g->pub.cap : DEFER_STACK_MIN;
    struct gort__defer *n = NULL;
    if (cap > g->pub.cap && cap < (SIZE_MAX / sizeof *n))
        n = realloc(g->pub.defers, cap * sizeof *n);
    if (!n)
        gort__throwf("out of memory: cannot grow the defer stack of goroutine %lld beyond %zu "
                     "deferred calls",
                     (long long)g->goid, g->pub.cap);
    g->pub.defers = n;
    g->pub.cap = cap;
    gort__set_limit(g);
}

void gort__push_slow(struct gort__frame *f, void (*fn)(void), go_word a0, go_word a1,
                     go_word a2, go_word a3)
{
    G *g = (G *)gort__gcur;
    if (g->pub.top != f)
        out_of_order(g, f, NULL, "a defer");
    gort__set_limit(g);
    if (g->pub.tracing)
        gort__trace_defer(f, fn, a0);
    if (g->pub.ptop != f) { /* f's first record (see gort__push) */
        f->base = g->pub.ndefer;
        f->pprev = g->pub.ptop;
        g->pub.ptop = f;
    }
    if (g->pub.ndefer == g->pub.cap)
        grow(g);
    struct gort__defer *d = &g->pub.defers[g->pub.ndefer++];
    d->fn = fn;
    d->a[0] = a0;
    d->a[1] = a1;
    d->a[2] = a2;
    d->a[3] = a3;
}

/* A deferred nil function (go_defer(NULL, x)): the macros store this in its place, so that
 * the call panics when it would run, with Go's run-time error (D5). */
void gort__nil_deferred(void)
{
    struct gort__sig s = {11 /* SIGSEGV */, 1 /* SEGV_MAPERR */, 0, 0};
    gort__panic_runtime("runtime error: invalid memory address or nil pointer dereference", &s);
}

/*
 * A frame's exit when the inline path (gort.h, gort__frame_exit) does not apply: runs its
 * defer-stack records LIFO, then its first call, then leaves the chain. Also the recovery
 * landing's work (gort__land). A record is called where it lies: the trampoline reads it
 * completely before the call, so the calls the deferred function makes may reuse the slot.
 */
void gort__frame_finish(struct gort__frame *f)
{
    G *g = (G *)gort__gcur;
    void *dummy;
    for (;;) {
        if (__builtin_expect(g->pub.top != f, 0))
            out_of_order(g, f, NULL, "its return");
        void (*fn)(void);
        const struct gort__defer *d = gort__pop_deferred(g, f, &fn);
        if (d == NULL)
            break;
        GORT_TRACE(gort__trace_call_start(f, fn, d, NULL));
        gort__defercall(d, fn, &dummy);
        GORT_TRACE(gort__trace_call_end(f, fn, NULL));
    }
    GORT_TRACE(gort__trace_frame_exit(f));
    gort__unlink(g, f);
}

/* The recovery landing (gort.h, GORT__FRAME): the recovery jumped into the function of g's
 * newest frame; run what is left of its deferred calls (the function then returns its
 * result from memory). */
void gort__land(void)
{
    G *g = (G *)gort__gcur;
    struct gort__frame *f = g->pub.top;
    /* Most often the recovering call was the frame's only one: nothing is left but the unlink
     * (frame_finish would save six registers to find that out). */
    if (__builtin_expect(g->pub.ptop != f && f->first.fn == NULL &&
                             !__atomic_load_n(&gort__trace_on, __ATOMIC_RELAXED),
                         1))
        gort__unlink(g, f);
    else
        gort__frame_finish(f);
}
