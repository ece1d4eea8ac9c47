/*
 * internal.h — what the runtime's files share and users never see: the full goroutine (g),
 * the panic record, the crash writer, and the internal entry points between files.
 *
 * Ownership: g.c owns g's lifetime and the thread registry; defer.c frames and the defer stack;
 * panic.c the panic loop, recover, Goexit and the recovery jump; value.c panic values and their
 * printing; crash.c fatal errors, the crash report and the raw traceback.
 */
#ifndef GORT_INTERNAL_H
#define GORT_INTERNAL_H

#include "gort.h"

#include <pthread.h>
#include <stdarg.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GORT_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define GORT_ASAN 1
#endif

#define GORT_HIDDEN __attribute__((visibility("hidden")))

/*
 * A panic record (Go's _panic). It lives in the frame of the function that started the panic
 * (go_panic_value or go_goexit), which stays live for as long as the record is on the chain:
 * the panic's deferred calls run on top of it, and a recovery that jumps past it first takes it
 * off the chain.
 *
 *   link      — the next older panic of the same goroutine (g->panic is the newest).
 *   start_sp  — frame address of the function that started it. A frame at a higher address is
 *               older than the panic: a recovery into such a frame ends this panic (it was
 *               started below the recovering frame), exactly as Go compares startSP with sp.
 *   frame     — the frame whose deferred call is running now: where a recovery resumes.
 *   fn, argp  — that deferred call's function and the trampoline's frame pointer: recover()
 *               succeeds only in a function that is `fn`, called from that trampoline frame.
 *   jb        — for Goexit only: a recovery may not jump past a Goexit; it resumes here instead.
 */
struct gort__panic {
    struct gort__panic *link;
    go_any arg;
    void *start_sp;
    struct gort__frame *frame;
    void (*fn)(void);
    void *argp;
    bool recovered;
    bool goexit;
    void *jb[GORT__JB_WORDS];
};

/* The signal that raised the current run-time error panic, printed as Go's [signal ...] line. */
struct gort__sig {
    int signo;
    uintptr_t code, addr, pc;
};

/* A goroutine's saved context while it is not running: sp points at the callee-saved
 * registers pushed by gort__ctx_switch (r15 r14 r13 r12 rbx rbp, then the return address);
 * pc and fp repeat that return address and rbp for debuggers (tools/gdb). */
struct gort__ctx {
    void *sp, *pc, *fp;
};
enum { GORT_G_THREAD = 0, GORT_G_GOROUTINE = 1, GORT_G_G0 = 2 };
enum { GORT_G_RUNNING = 0, GORT_G_RUNNABLE, GORT_G_WAITING, GORT_G_DEAD };

/*
 * A goroutine: either a goroutine of the scheduler (sched.c; its record is reused, never
 * freed) or an OS thread that uses gort (a "thread g", created on first use and freed when
 * the thread exits), or a worker's scheduler context (g0). The kind is sched_kind.
 * `pub` must stay first: the inline paths in gort.h see only that part.
 */
struct gort__gfull {
    struct gort__g pub;
    int64_t goid;
    struct gort__panic *panic;  /* newest panic or Goexit, NULL when not panicking          */
    struct gort__sig sig;       /* set while a signal-raised run-time error panic is active */
    char **owned;               /* go_panicf texts, freed at the next outermost panic       */
    size_t nowned, capowned;
    struct { void *pc, *fn; } fncache[8]; /* recover: pc -> start of its function         */
    pthread_t thread;
    bool is_main;
    struct gort__gfull *next, *prev; /* the registry of live goroutines                 */

    /* ---- scheduler (issue 4: src/sched.c, stack.c, sched.h) ---------------------------- */
    struct gort__ctx ctx;       /* saved registers while not running (gdb walks sp/pc/fp)    */
    int sched_kind;             /* GORT_G_THREAD, GORT_G_GOROUTINE or GORT_G_G0              */
    int status;                 /* GORT_G_RUNNING, _RUNNABLE, _WAITING, _DEAD                */
    const char *waitreason;     /* Go's wait reason while status is _WAITING                 */
    uintptr_t stack_lo, stack_hi; /* usable stack [lo, hi) (thread gs: the thread's stack)   */
    uintptr_t guard_lo, guard_hi; /* its guard region [lo, hi); equal if it has none         */
    void *created_pc;           /* return address of the go_go call that created it          */
    int64_t parent_goid;        /* the goroutine that created it (0: none)                   */
    struct gort__gfull *schedlink; /* run queue / free list link                             */
    struct gort__gfull *wait_link; /* link on an object's wait queue (gsched.h)              */
    void *wait_elem;            /* the waiting operation's element (chan.c), NULL otherwise  */
    uintptr_t wait_ok;          /* result handed over by the waker                           */
    struct gort__defer entry;   /* the goroutine's function and its word arguments           */
    bool (*park_commit)(struct gort__gfull *g, void *arg); /* gort__park's commit, on g0    */
    void *park_arg;
    int req;                    /* what g asked its worker's g0 to do after the switch        */
    uint32_t park_futex;        /* thread gs: 0 while parked, 1 once readied                 */
    int64_t timer_when;         /* go_sleep's wake-up time (monotonic ns)                    */
    void *stack_map;            /* stack.c: the slot this stack came from (NULL: none)       */
    size_t stack_size;          /* the slot's usable size                                    */
    void *tsan_fiber;           /* TSan's fiber for this goroutine                           */
    void *asan_fake;            /* ASan's fake stack saved across a switch                   */
    unsigned valgrind_id;       /* VALGRIND_STACK_REGISTER's id                              */
    struct gort__gfull *allg_next; /* sched.c: every goroutine ever made (for dumps)         */
};
typedef struct gort__gfull G;

/* Takes the newest frame f off g's chain (f's deferred calls have all run). f->prev is an
 * older frame, live on the stack, so its name can be read. */
static inline void gort__unlink(G *g, struct gort__frame *f)
{
    struct gort__frame *prev = f->prev;
    g->pub.top = prev;
    g->pub.top_func = prev ? prev->func : NULL;
    f->g = NULL;
}

/* arch/<arch>/setjmp.S: resumes a recovery point (either kind: see gort.h, GORT__SETJMP). */
GORT_HIDDEN _Noreturn void gort__longjmp(void **jb);

/* Resumes a recovery point set by GORT__SETJMP (or, for Goexit, by gort__recovery_point). */
#if defined(GORT__TSAN)
#define gort__resume(jb) longjmp(*(jmp_buf *)(void *)(jb), 1)
#define gort__recovery_point(jb) _setjmp(*(jmp_buf *)(void *)(jb))
#else
#define gort__resume(jb) gort__longjmp(jb)
#define gort__recovery_point(jb) gort__setjmp(jb)
#endif

/* g.c */
/* gort__gcur (gort.h) points at the current G's pub, its first member. */
GORT_HIDDEN G *gort__getg_slow(void);
static inline G *gort__getg(void)
{
    G *g = (G *)gort__gcur;
    return __builtin_expect(g != NULL, 1) ? g : gort__getg_slow();
}
GORT_HIDDEN _Noreturn void gort__thread_goexit(G *g);
GORT_HIDDEN int gort__live_goroutines(void);
GORT_HIDDEN void gort__release_owned(G *g);
GORT_HIDDEN const char *gort__own_text(G *g, char *text);

/* defer.c */
/* arch/<arch>/defercall.S: calls d->fn(d->a[0..3]) and stores its own frame pointer in
 * *fp_out first; gort__defercall_ret is the address its call returns to. */
GORT_HIDDEN void gort__defercall(const struct gort__defer *d, void **fp_out);
extern char gort__defercall_ret[] GORT_HIDDEN;

/* panic.c */
GORT_HIDDEN _Noreturn void gort__panic_runtime(const char *msg, const struct gort__sig *sig);

/*
 * Calls the popped record d, still in place in the defer stack (the trampoline reads all of it
 * before the call, so the call may reuse the slot). argp receives the trampoline's frame pointer,
 * which recover() compares with its panic's: the panic loop passes its panic's argp, the normal
 * exit a dummy. A nil function panics here, as Go's deferred call of a nil func value panics
 * when it runs.
 */
static inline __attribute__((always_inline)) void gort__run_deferred(const struct gort__defer *d,
                                                                     void **argp)
{
    if (__builtin_expect(d->fn == NULL, 0)) {
        struct gort__sig s = {11 /* SIGSEGV */, 1 /* SEGV_MAPERR */, 0, 0};
        gort__panic_runtime("runtime error: invalid memory address or nil pointer dereference", &s);
    }
    gort__defercall(d, argp);
}

/* value.c — a small writer used by both go_any_format and the crash printer; it never
 * allocates. With fd >= 0 it flushes to fd when full; otherwise it truncates. */
typedef struct gort__w {
    char *buf;
    size_t cap, len;
    int fd;
} gort__w;
GORT_HIDDEN void gort__wputs(gort__w *w, const char *s);
GORT_HIDDEN void gort__wputn(gort__w *w, const char *s, size_t n);
GORT_HIDDEN void gort__wputc(gort__w *w, char c);
GORT_HIDDEN void gort__wint(gort__w *w, int64_t v);
GORT_HIDDEN void gort__wuint(gort__w *w, uint64_t v);
GORT_HIDDEN void gort__whex(gort__w *w, uint64_t v);
GORT_HIDDEN void gort__wflush(gort__w *w);
GORT_HIDDEN void gort__print_value(gort__w *w, go_any v, bool indent);
GORT_HIDDEN const char *gort__format_text(const go_type *t, void *value, char *small, size_t n);
GORT_HIDDEN void gort__format_done(const char *text, const char *small);
extern const go_type gort__type_panic_nil GORT_HIDDEN;

/* crash.c */
/* A failure of the runtime itself (Go's throw): "fatal error: msg", system-level traceback. */
GORT_HIDDEN _Noreturn void gort__throw(const char *msg);
GORT_HIDDEN _Noreturn void gort__throwf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An error in the program's use of the runtime (Go's fatal): misuse, deadlock. */
GORT_HIDDEN _Noreturn void gort__fatal(const char *msg);
GORT_HIDDEN _Noreturn void gort__fatalf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
GORT_HIDDEN _Noreturn void gort__fatalpanic(G *g);
GORT_HIDDEN void gort__crash_lock(void);
GORT_HIDDEN _Noreturn void gort__exit2(void);

#endif /* GORT_INTERNAL_H */
