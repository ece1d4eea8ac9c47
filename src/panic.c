/*
 * panic.c — panic, the panic loop, recover, the recovery jump, and Goexit.
 *
 * Design
 * ------
 * This follows Go 1.23's runtime/panic.go step by step, with gort's frame chain standing in
 * for Go's stack unwinder:
 *
 *  - A panic pushes a panic record (on its own stack frame) onto g->panic and runs the panic
 *    loop *on top of the panicking stack*: take the newest linked frame; if it has records, pop
 *    the newest and call it; if not, unlink the frame and go on with the next older one. When
 *    no frame is left, the panic is fatal: print the report, exit 2.
 *
 *  - A deferred call that panics starts a newer panic, whose loop continues with whatever
 *    records remain: the records of the deferred call's own frames, then the rest of the
 *    frames. The older panic stays on the chain (it printed as "panic: A" / "\tpanic: B").
 *
 *  - recover() marks the newest panic recovered when it is called *directly* by the deferred
 *    call that panic is running (checks below). After that deferred call returns, the panic
 *    loop performs the recovery: every panic that started below the recovering frame is taken
 *    off the chain (they are over — Go's "aborted" panics), and control jumps to the recovering
 *    frame's recovery point; the frame runs its remaining deferred calls and returns normally.
 *    A recovery never jumps past a Goexit: if one is in the way, the Goexit's loop resumes
 *    instead and the goroutine still ends (G2).
 *
 * The recovery point. A recovery must return from the recovering function as if it had
 * returned normally: restore its stack and frame pointer and its callee-saved registers, and
 * continue at a point in it that runs its remaining deferred calls and returns. Measured
 * alternatives (bench/rpoint.c; numbers in docs/design.md and bench/results/latest.md):
 *    - glibc setjmp in every frame on entry: ~10 ns per frame, more than the whole defer;
 *    - sigsetjmp(…, 1): a system call, ~230 ns;
 *    - unwinding with the DWARF unwinder (-fexceptions cleanups): zero cost until a panic,
 *      then ~0.2–0.85 µs per frame, and only for code built with -fexceptions;
 *    - __builtin_setjmp at the first defer (gort until 0.1): cheap stores, but a returns_twice
 *      point makes the compiler save every callee-saved register in the prologue and keep
 *      locals in memory: 123 instructions for a function with one deferred call;
 *    - an `asm goto` at the first defer that stores the callee-saved registers, sp and the
 *      landing label's address, with the landing as the asm's second successor (chosen:
 *      gort.h, GORT__CAPTURE): the compiler knows exactly what the jump restores, so the
 *      function keeps its normal code; ~70 instructions for the same function, and a frame
 *      that never defers compiles to nothing at all.
 *   The jump (gort__resume, inline code in arch/<arch>/resume.h) restores those registers and
 *   resumes at the landing, which finds its frame through g (gort__land) and reads the result
 *   from memory.
 *   TSan builds use libc's _setjmp/longjmp instead, which TSan intercepts.
 *
 * recover()'s check. Go compares the argument pointer of recover's caller with the one the
 * panic recorded for the deferred call it is running. gort checks three things about the
 * function F that expanded go_recover():
 *    1. F's return address is the trampoline's (gort__defercall_ret)  — called from there;
 *    2. F's saved frame pointer is the trampoline frame the panic is running now
 *       (p->argp)                                       — by this panic's current call;
 *    3. F is the deferred function itself: the unwind tables say the code containing the
 *       call site of go_recover starts at p->fn           — not a function it tail-called.
 *   gort__recover is returns_twice, so F is never inlined into its caller, never turns
 *   self-recursion into a loop and never tail-calls gort__recover: "directly" keeps its source
 *   meaning at -O3, and gort__recover's own return address is a pc in F.
 *
 * What a panic costs is mostly calls, not instructions. Measured on panic_d1 (bench/, GCC -O2,
 * pinned to one CPU, randomized layouts, median of 11 runs): 34 ns with go_recover() calling a
 * helper for its pc and the recovery calling an assembly gort__longjmp; 31 ns without the
 * helper; 21 ns with the jump inline as well. Stubbing out recover's three checks (20
 * instructions) changed nothing measurable; neither did calling the deferred function from
 * inline asm instead of gort__defercall, nor inlining gort__land into the landing.
 */
#define _GNU_SOURCE
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unwind.h>

#ifdef GORT_ASAN
void __asan_handle_no_return(void);
#define BEFORE_JUMP() __asan_handle_no_return()
#else
#define BEFORE_JUMP() ((void)0)
#endif

/* libgcc: the FDE (unwind table entry) covering pc; bases->func is its function's start. */
struct dwarf_eh_bases {
    void *tbase, *dbase, *func;
};
extern const void *_Unwind_Find_FDE(void *pc, struct dwarf_eh_bases *bases);

/* Runs deferred calls for panic (or Goexit) p until none is left or p is recovered. Inlined
 * into its two callers (go_panic_value, go_goexit), as is the recovery: a panic then costs
 * one call and one set of saved registers less (panic_d1: 270 -> 250 instructions; with
 * recover's leaf path below, 243). */
static inline __attribute__((always_inline)) void panic_loop(G *g, struct gort__panic *p);
static inline __attribute__((always_inline, noreturn)) void recovery(G *g, struct gort__panic *p);

/* ---- panic ---------------------------------------------------------------------- */

/* Makes p the newest panic (or Goexit) of g. jb is left unset: only Goexit sets it. */
static inline void panic_push(G *g, struct gort__panic *p, go_any arg, bool goexit, void *start_sp)
{
    p->link = g->panic;
    p->arg = arg;
    p->start_sp = start_sp;
    p->frame = NULL;
    p->fn = NULL;
    p->argp = NULL;
    p->recovered = false;
    p->goexit = goexit;
    g->panic = p;
}

static const go_any panic_nil_value = {&gort__type_panic_nil, {.s = "panic called with nil argument"}};

__attribute__((noinline)) void go_panic_value(go_any v)
{
    G *g = gort__getg();
    if (v.type == NULL)
        v = panic_nil_value; /* Go 1.21+: panic(nil) is a *runtime.PanicNilError */
    struct gort__panic p;
    panic_push(g, &p, v, false, __builtin_frame_address(0));
    GORT_TRACE(gort__trace_panic(g, &p));
    panic_loop(g, &p);
    gort__fatalpanic(g);
}

void go_panic_str(const char *s) { go_panic_value(go_any_str(s)); }
void go_panic_int(int64_t i) { go_panic_value(go_any_int(i)); }
void go_panic_uint(uint64_t u) { go_panic_value(go_any_uint(u)); }
void go_panic_float(double f) { go_panic_value(go_any_float(f)); }
void go_panic_bool(bool b) { go_panic_value(go_any_bool(b)); }
void go_panic_error(const char *msg) { go_panic_value(go_any_error(msg)); }
void go_panic_ptr(void *p, const go_type *t) { go_panic_value(go_any_ptr(p, t)); }

/* Formats into a heap text owned by g. Texts of finished panics are freed here, after the
 * formatting (the new text may quote an old one): a new outermost panic begins. */
static const char *vformat_owned(G *g, const char *fmt, va_list ap)
{
    char *text = NULL;
    if (vasprintf(&text, fmt, ap) < 0)
        gort__throw("out of memory: cannot format a panic value");
    if (g->panic == NULL)
        gort__release_owned(g);
    return gort__own_text(g, text);
}

void go_panicf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = vformat_owned(gort__getg(), fmt, ap);
    va_end(ap);
    go_panic_str(s);
}

void go_panic_errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = vformat_owned(gort__getg(), fmt, ap);
    va_end(ap);
    go_panic_error(s);
}

/* A run-time error raised by gort itself; sig, if given, is reported as Go's [signal] line. */
void gort__panic_runtime(const char *msg, const struct gort__sig *sig)
{
    G *g = gort__getg();
    if (sig)
        g->sig = *sig;
    go_panic_value((go_any){&go_type_runtime_error, {.s = msg}});
}

/* ---- the loop ------------------------------------------------------------------- */

static inline __attribute__((always_inline)) void panic_loop(G *g, struct gort__panic *p)
{
    for (;;) {
        struct gort__frame *f = g->pub.top;
        if (f == NULL)
            return;
        void (*fn)(void);
        const struct gort__defer *d = gort__pop_deferred(g, f, &fn);
        if (d == NULL) {
            GORT_TRACE(gort__trace_frame_exit(f));
            gort__unlink(g, f); /* all of f's deferred calls have run */
            continue;
        }
        p->frame = f;
        p->fn = fn;
        GORT_TRACE(gort__trace_call_start(f, fn, d, p));
        gort__defercall(d, fn, &p->argp);
        GORT_TRACE(gort__trace_call_end(f, p->fn, p));
        p->argp = NULL;
        if (__builtin_expect(g->panic != p, 0))
            gort__throw("bad panic stack");
        if (p->recovered)
            recovery(g, p);
    }
}

/*
 * After the deferred call that recovered p returned: end every panic that started below the
 * recovering frame, then resume that frame (or a Goexit in the way).
 */
static inline __attribute__((always_inline, noreturn)) void recovery(G *g, struct gort__panic *p)
{
    struct gort__frame *f = p->frame;
    uintptr_t sp = gort__frame_sp(f);
    struct gort__panic *q = g->panic;
    while (q != NULL && (uintptr_t)q->start_sp < sp) {
        if (q->goexit) {
            /* Don't jump past a pending Goexit: its loop carries on instead (G2). */
            g->panic = q;
            GORT_TRACE(gort__trace_recovery(g, p, NULL, q));
            BEFORE_JUMP();
            gort__resume(q->jb);
        }
        q = q->link;
    }
    g->panic = q;
    if (q == NULL)
        g->sig.signo = 0;
    if (__builtin_expect(g->pub.top != f, 0)) {
        char name[256];
        gort__fatalf("gort: recovery into frame of %s, which is no longer on the frame chain",
                     gort__frame_name(f, name, sizeof name));
    }
    GORT_TRACE(gort__trace_recovery(g, p, f, q));
    BEFORE_JUMP();
    gort__resume(f->jb);
}

/* ---- recover -------------------------------------------------------------------- */

/* Start of the function containing pc, from the unwind tables; NULL if it has none. Kept in
 * a small per-g cache keyed by pc. */
static void *function_start(G *g, void *pc, unsigned slot)
{
    struct dwarf_eh_bases bases;
    void *fn = _Unwind_Find_FDE((char *)pc - 1, &bases) ? bases.func : NULL;
    g->fncache[slot].pc = pc;
    g->fncache[slot].fn = fn;
    return fn;
}

/* The last step of a recover that succeeds. */
static go_any recovered(G *g, struct gort__panic *p)
{
    p->recovered = true;
    GORT_TRACE(gort__trace_recover(g, p));
    return p->arg;
}

/* recover's rare paths: a cache miss for pc, and tracing. Out of line and reached by tail
 * calls, so that gort__recover's common path is a leaf that saves no register. */
static __attribute__((noinline, cold)) go_any recover_slow(G *g, struct gort__panic *p, void *pc,
                                                          unsigned slot)
{
    void *start = g->fncache[slot].pc == pc ? g->fncache[slot].fn : function_start(g, pc, slot);
    if (start != NULL && start != (void *)p->fn)
        return go_nil();
    return recovered(g, p);
}

/* fp is the frame pointer of the function F that called go_recover(); the return address is
 * a pc in F (gort.h: returns_twice keeps the call a real call from F). */
__attribute__((noinline)) go_any gort__recover(void *fp)
{
    void *pc = __builtin_return_address(0);
    G *g = (G *)gort__gcur;
    struct gort__panic *p = g ? g->panic : NULL;
    if (p == NULL || p->goexit || p->recovered || p->argp == NULL)
        return go_nil();
    void **frame = fp;
    if (frame[1] != (void *)gort__defercall_ret || frame[0] != p->argp)
        return go_nil();
    unsigned slot = ((uintptr_t)pc >> 4) % (sizeof g->fncache / sizeof g->fncache[0]);
    if (__builtin_expect(g->fncache[slot].pc != pc ||
                             __atomic_load_n(&gort__trace_on, __ATOMIC_RELAXED),
                         0))
        return recover_slow(g, p, pc, slot);
    void *start = g->fncache[slot].fn;
    if (start != NULL && start != (void *)p->fn)
        return go_nil();
    p->recovered = true;
    return p->arg;
}

/* ---- Goexit --------------------------------------------------------------------- */

__attribute__((noinline)) void go_goexit(void)
{
    struct gort__panic p;
    panic_push(gort__getg(), &p, go_nil(), true, __builtin_frame_address(0));
    GORT_TRACE(gort__trace_goexit((G *)gort__gcur, &p));
    /* A recovery that would jump past this Goexit lands here and the loop goes on (G2). No
     * local is live across this point (GCC would warn): g is read again after it. */
    gort__recovery_point(p.jb);
    G *g = (G *)gort__gcur;
    panic_loop(g, &p);
    gort__thread_goexit(g);
}
