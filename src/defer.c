/*
 * defer.c — frames, the defer stack, and running deferred calls on a normal return.
 *
 * Design
 * ------
 * Go keeps deferred calls either open-coded in the function's own frame or as _defer records
 * chained on the g. gort does what fits C: a function declares a frame (go_frame), a struct in
 * its own stack frame; its deferred calls are records on a per-goroutine *defer stack*, one
 * contiguous array used strictly LIFO, so registering a defer is a bounds check and five
 * stores, with no allocation in the steady state.
 *
 *   g->defers:  [ r0 r1 | r2 | r3 r4 r5 ]        ndefer = 6
 *                 ^       ^    ^
 *                 F1.base F2   F3.base           g->top = F3 -> F2 -> F1 (frame chain)
 *
 * A frame is linked into its goroutine's frame chain only at its first defer (until then it
 * costs one store and one test at exit: "a function that declares a frame but never defers
 * is within noise of a plain call"). Linking records the frame's base index in the defer
 * stack and sets the frame's recovery point; both happen in the user's function (the macros
 * in gort.h), because the recovery point must be set by the function a recovery returns from.
 *
 * Why one array rather than records inside each frame: the panic loop walks frames newest
 * first and pops records one at a time; with one array that is an index decrement, the stack
 * grows by doubling (indices, not pointers, so growing never invalidates a frame), and a
 * frame's records are exactly [base, next frame's base).
 *
 * Invariants
 *   - frames in the chain are strictly older (higher addresses) towards the tail;
 *   - records of frame F are [F.base, ndefer) when F is g->top;
 *   - a frame with g == NULL is not linked and has no records; a frame leaves the chain (and
 *     g is reset to NULL) exactly once: at its exit, or when a panic or Goexit has run all its
 *     records;
 *   - a deferred call is popped *before* it is called (as Go does since 1.22): a panic inside
 *     it never sees it again, and the calls it defers itself go above it on the stack.
 *
 * Misuse is caught at the next frame operation: a frame that is not the newest when it
 * defers or exits (a foreign longjmp skipped a frame's exit), or a new frame that is above
 * the newest, is a fatal error naming the frame left behind. A defer stack that cannot grow
 * is the fatal error "out of memory", never a crash.
 */
#include "internal.h"

#include <stdlib.h>

enum { DEFER_STACK_MIN = 32 }; /* records; 1.25 KiB — covers most goroutines forever */

static _Noreturn void out_of_order(G *g, struct gort__frame *f, const char *what)
{
    struct gort__frame *t = g->pub.top;
    if (t && t != f)
        gort__fatalf("gort: frame of %s was left without running its deferred calls "
                     "(a longjmp or exit skipped it); detected at %s of %s",
                     g->pub.top_func, what, f->func);
    gort__fatalf("gort: frame of %s is not on its goroutine's frame chain (%s)", f->func, what);
}

/* gort__link's rare paths: the thread's first use of gort (returns its new g), or a frame
 * whose first defer finds it above the newest frame, which was skipped (fatal). */
struct gort__g *gort__link_slow(struct gort__frame *f, const char *func)
{
    G *g = gort__getg();
    struct gort__frame *t = g->pub.top;
    if (t != NULL && gort__frame_sp(f) > gort__frame_sp(t)) {
        f->func = func;
        out_of_order(g, f, "its first defer");
    }
    return &g->pub;
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
}

void gort__push_slow(struct gort__frame *f, void (*fn)(void), go_word a0, go_word a1,
                     go_word a2, go_word a3)
{
    G *g = (G *)f->g;
    if (g->pub.top != f)
        out_of_order(g, f, "a defer");
    if (g->pub.ndefer == g->pub.cap)
        grow(g);
    struct gort__defer *d = &g->pub.defers[g->pub.ndefer++];
    d->fn = fn;
    d->a[0] = a0;
    d->a[1] = a1;
    d->a[2] = a2;
    d->a[3] = a3;
}

/* A frame's exit: runs its records LIFO, then leaves the chain. Also the recovery landing.
 * The record is called where it lies: the trampoline reads it completely before the call,
 * so the calls the deferred function makes may reuse the slot. */
void gort__frame_finish(struct gort__frame *f)
{
    G *g = (G *)f->g;
    void *dummy;
    for (;;) {
        if (__builtin_expect(g->pub.top != f, 0))
            out_of_order(g, f, "its return");
        size_t n = g->pub.ndefer;
        if (n <= f->base)
            break;
        g->pub.ndefer = --n;
        gort__run_deferred(&g->pub.defers[n], &dummy);
    }
    gort__unlink(g, f);
}
