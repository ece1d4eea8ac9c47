/*
 * internal.h — what the runtime's files share and users never see: the full goroutine (g),
 * the panic record, the crash writer, and the internal entry points between files.
 *
 * Ownership: g.c owns g's lifetime and the thread registry; defer.c frames and the defer stack;
 * panic.c the panic loop, recover, Goexit and the recovery jump; value.c panic values and their
 * printing; crash.c fatal errors and the crash report; traceback.c capturing, symbolizing and
 * printing stack traces; dump.c other goroutines' traces, SIGQUIT, crash output and hook.
 */
#ifndef GORT_INTERNAL_H
#define GORT_INTERNAL_H

#include "gort.h"

#include <pthread.h>
#include <stdarg.h>
#include <ucontext.h>

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

    /* --- signals (signal.c): faults as panics, stack overflow ---------------------------
     * The stack a goroutine runs on and the guard region below it: a fault at an address in
     * [stack_guard, stack_lo), or just below stack_lo within reach of the faulting sp, is a
     * stack overflow. Filled for an OS thread from pthread_getattr_np when its g is created;
     * a goroutine on its own mmap'd stack will fill them from its allocation.
     *   stack_limit — the size reported in "goroutine stack exceeds N-byte limit".
     * The alternate signal stack belongs to the thread (an M, once goroutines exist): set up
     * when the thread's g is created, released when it exits; NULL if the thread already had
     * one (a sanitizer's or the program's), which is then left alone. */
    uintptr_t stack_lo, stack_hi, stack_guard;
    size_t stack_limit;
    void *altstack;
    size_t altstack_size;
    bool panic_on_fault; /* go_set_panic_on_fault: faults at any address panic (E1) */
    /* ---- scheduler (issue 4: src/sched.c, stack.c, sched.h) ---------------------------- */
    struct gort__ctx ctx;       /* saved registers while not running (gdb walks sp/pc/fp)    */
    int sched_kind;             /* GORT_G_THREAD, GORT_G_GOROUTINE or GORT_G_G0              */
    int status;                 /* GORT_G_RUNNING, _RUNNABLE, _WAITING, _DEAD                */
    const char *waitreason;     /* Go's wait reason while status is _WAITING                 */
    /* stack_lo, stack_hi (signals block above): the usable stack [lo, hi)                    */
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

/* Takes the newest frame f off g's chain (f's deferred calls have all run). */
static inline void gort__unlink(G *g, struct gort__frame *f)
{
    g->pub.top = f->prev;
    if (g->pub.ptop == f)
        g->pub.ptop = f->pprev;
}

/* arch/<arch>/setjmp.S: gort__setjmp fills a buffer in GORT__CAPTURE's layout (gort.h) from a
 * returns_twice call (Goexit's own resume point). */
GORT_HIDDEN int gort__setjmp(void **jb) __attribute__((returns_twice));

/* gort__resume(jb) resumes a recovery point set by GORT__CAPTURE (or, for Goexit, by
 * gort__recovery_point): inline code in arch/<arch>/resume.h. */
#if defined(GORT__TSAN)
#define gort__resume(jb) longjmp(*(jmp_buf *)(void *)(jb), 1)
#define gort__recovery_point(jb) _setjmp(*(jmp_buf *)(void *)(jb))
#elif defined(__x86_64__)
#include "arch/x86_64/resume.h"
#define gort__recovery_point(jb) gort__setjmp(jb)
#endif

/* g's push limit (gort.h, struct gort__g), from its tracing flag: by g's own thread, or while
 * g is not running. */
static inline void gort__set_limit(G *g)
{
    g->pub.limit = __atomic_load_n(&g->pub.tracing, __ATOMIC_RELAXED) ? 0 : g->pub.cap;
}

/* symbolize.c: the name of frame f's function (from its landing address, f->jb[GORT__JB_PC])
 * in buf. */
GORT_HIDDEN const char *gort__frame_name(const struct gort__frame *f, char *buf, size_t n);
/* The same, or NULL if the landing address is in no known function. */
GORT_HIDDEN const char *gort__frame_name_or_null(const struct gort__frame *f, char *buf, size_t n);
/* trace.c: the __func__ a frame's link named (its landing address, f->jb[GORT__JB_PC], as
 * the key), remembered by gort__link_slow while tracing; NULL if none. */
GORT_HIDDEN void gort__frame_func_put(const struct gort__frame *f, const char *func);
GORT_HIDDEN const char *gort__frame_func(const struct gort__frame *f);

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
/* dump.c: the registry's newest g; the registry stays locked for the rest of the process. */
GORT_HIDDEN G *gort__registry_freeze(void);

/* defer.c */
/* arch/<arch>/defercall.S: calls d->fn(d->a[0..3]) and stores its own frame pointer in
 * *fp_out first; gort__defercall_ret is the address its call returns to. */
GORT_HIDDEN void gort__defercall(const struct gort__defer *d, void (*fn)(void), void **fp_out);
extern char gort__defercall_ret[] GORT_HIDDEN;

/* signal.c: a thread's stack bounds and alternate signal stack, set when its g is created
 * and released when the thread exits. */
GORT_HIDDEN void gort__signal_thread_init(G *g);
GORT_HIDDEN void gort__signal_thread_exit(G *g);

/* panic.c */
GORT_HIDDEN _Noreturn void gort__panic_runtime(const char *msg, const struct gort__sig *sig);

/* Pops the next deferred call of frame f, g's newest frame: its newest defer-stack record,
 * else its first call (copied to *first, which the frame then no longer holds); NULL when
 * the frame has none left. Shared by a frame's exit and the panic loop. */
static inline const struct gort__defer *gort__pop_deferred(G *g, struct gort__frame *f,
                                                           void (**fn)(void))
{
    if (g->pub.ptop == f && g->pub.ndefer > f->base) {
        const struct gort__defer *d = &g->pub.defers[--g->pub.ndefer];
        *fn = d->fn;
        return d;
    }
    if (f->first.fn == NULL)
        return NULL;
    *fn = f->first.fn;
    f->first.fn = NULL;
    return &f->first;
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
/* Run-time errors raised by signal.c and bounds.c: Go's runtime.errorAddressString (a fault
 * under go_set_panic_on_fault) and runtime.boundsError (index and slice errors). */
extern const go_type gort__type_fault_error GORT_HIDDEN, gort__type_bounds_error GORT_HIDDEN;

/* crash.c */
/* Flushes stdout and stderr unless another thread holds one's lock (it may never let go). */
GORT_HIDDEN void gort__flush_stdio(void);
/* A failure of the runtime itself (Go's throw): "fatal error: msg", system-level traceback. */
GORT_HIDDEN _Noreturn void gort__throw(const char *msg);
GORT_HIDDEN _Noreturn void gort__throwf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An error in the program's use of the runtime (Go's fatal): misuse, deadlock. */
GORT_HIDDEN _Noreturn void gort__fatal(const char *msg);
GORT_HIDDEN _Noreturn void gort__fatalf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
GORT_HIDDEN _Noreturn void gort__fatalpanic(G *g);
/* A fatal error raised by a signal (signal.c): prelude (Go's lines printed before its throw,
 * such as "unexpected fault address 0x…\n"; may be NULL), "fatal error: msg", then the
 * signal's [signal …] line when sig is given, then the traceback: from the frames the signal
 * interrupted if uc is given (a stack overflow: Go's trace starts at the overflowing frame),
 * else from the caller (the handler's frames: Go's show runtime.throw and sigpanic). */
GORT_HIDDEN _Noreturn void gort__throw_sig(const char *prelude, const char *msg,
                                           const struct gort__sig *sig, const ucontext_t *uc);
/* True while this thread prints a crash report. */
GORT_HIDDEN bool gort__crashing(void);
GORT_HIDDEN void gort__crash_lock(void);
GORT_HIDDEN _Noreturn void gort__exit2(void);

/* trace.c — the event trace (include/gort/trace.h). Every hook below records only while
 * tracing is on; call sites test gort__trace_on first through GORT_TRACE(), one predictable
 * branch when it is off. */
extern int gort__trace_on GORT_HIDDEN;
#define GORT_TRACE(call)                                                                       \
    do {                                                                                        \
        if (__builtin_expect(__atomic_load_n(&gort__trace_on, __ATOMIC_RELAXED), 0))           \
            call;                                                                               \
    } while (0)
struct gort__panic;
/* Frame f is linked (its first defer) / leaves the chain (its calls have all run). A traced
 * goroutine's link and defers take their out-of-line paths (defer.c), which call
 * gort__trace_link (frame enter + the first call's defer) and gort__trace_defer. */
GORT_HIDDEN void gort__trace_link(struct gort__frame *f);
GORT_HIDDEN void gort__trace_defer(struct gort__frame *f, void (*fn)(void), uintptr_t arg0);
GORT_HIDDEN void gort__trace_frame_enter(struct gort__frame *f);
GORT_HIDDEN void gort__trace_frame_exit(struct gort__frame *f);
/* A deferred call d of frame f starts / has returned; p is the panic (or Goexit) running it,
 * NULL on a normal return. */
GORT_HIDDEN void gort__trace_call_start(struct gort__frame *f, void (*fn)(void), const struct gort__defer *d,
                                        const struct gort__panic *p);
GORT_HIDDEN void gort__trace_call_end(struct gort__frame *f, void (*fn)(void),
                                      const struct gort__panic *p);
GORT_HIDDEN void gort__trace_panic(G *g, const struct gort__panic *p);
GORT_HIDDEN void gort__trace_recover(G *g, const struct gort__panic *p);
/* The recovery of p jumps into frame f (NULL: into the pending Goexit q instead); q is what
 * remains of the panic chain. */
GORT_HIDDEN void gort__trace_recovery(G *g, const struct gort__panic *p, struct gort__frame *f,
                                      const struct gort__panic *q);
GORT_HIDDEN void gort__trace_goexit(G *g, const struct gort__panic *p);
GORT_HIDDEN void gort__trace_fatal(const char *msg, bool panic);
/* Async-signal-safe: writes the last events of every thread to the trace path (a crash). */
GORT_HIDDEN void gort__trace_crash_dump(void);
/* Goroutine life: create (on the creating goroutine), start (on the new one, when it first
 * runs or resumes), park (reason: Go's wait reason, "chan receive"), exit. */
GORT_HIDDEN void gort__trace_go_create(int64_t goid, int64_t parent);
GORT_HIDDEN void gort__trace_go_start(int64_t goid);
GORT_HIDDEN void gort__trace_go_park(int64_t goid, const char *reason);
GORT_HIDDEN void gort__trace_go_exit(int64_t goid);
/* g.c: a new g (sets its tracing flag). */
GORT_HIDDEN void gort__trace_new_g(G *g);
/* g.c: calls fn on every thread g (under the registry's lock) and every scheduler goroutine record. */
GORT_HIDDEN void gort__for_each_g(void (*fn)(G *g, void *arg), void *arg);

/* traceback.c — capturing and printing stack traces (see its design comment). */
enum {
    GORT__TB_NONE, GORT__TB_SINGLE, GORT__TB_ALL, GORT__TB_SYSTEM, GORT__TB_CRASH, /* levels */
    GORT__TB_HEAD = 256,   /* physical frames kept from the top of a stack */
    GORT__TB_TAIL = 256,   /* ... and from its bottom (a ring) */
    GORT__TB_MAXWALK = 1 << 20, /* frames walked at most */
    GORT__TB_INNER = 50, GORT__TB_OUTER = 50, /* Go's tracebackInnerFrames/OuterFrames */
};
struct gort__pcsp {
    uintptr_t pc;  /* return address (or, for frame 0 of a signal trace, the exact pc) */
    uintptr_t sp;  /* the frame's sp at its call to the next frame up (its callee's CFA) */
};
/* A captured stack: the first HEAD frames, a ring of the last TAIL, the total walked. */
typedef struct gort__trace {
    struct gort__pcsp head[GORT__TB_HEAD], tail[GORT__TB_TAIL];
    long total;
    bool exact0; /* head[0].pc is a faulting pc, not a return address */
} gort__trace;
/* A logical frame: a physical frame, or one inlined call within it. Strings belong to the
 * symbolizer (libdw's mapped data) and live as long as it does. */
enum { GORT__LF_RUNTIME = 1, GORT__LF_PUBLIC = 2, GORT__LF_PANIC = 4, GORT__LF_INLINED = 8,
       GORT__LF_BOTTOM = 16 };
typedef struct gort__lframe {
    const char *name, *file, *module;
    int line;
    unsigned flags;
    uintptr_t pc, sp, cfa, off /* pc - function entry, or (uintptr_t)-1 */, modoff;
} gort__lframe;
/* Captures the calling thread's stack from the function whose frame address
 * (__builtin_frame_address(0) in it, gort's code keeps frame pointers) is fa — that function
 * included if keep_self, else from its caller; fa NULL keeps everything. */
GORT_HIDDEN void gort__traceback_capture(gort__trace *t, const void *fa, bool keep_self);
/* Inside a signal handler: the frames interrupted by the signal whose context is uc. A fault
 * turned into a call (Go's sigpanic) should enter a function named gort__sigpanic_tramp with the
 * faulting pc as its return address: the frame below it is then symbolized at that exact pc
 * (not pc - 1, as for the return addresses of calls), as Go does below sigpanic. */
GORT_HIDDEN void gort__traceback_capture_uc(gort__trace *t, const ucontext_t *uc);
/* Prints t's frames (symbolized in a child process, raw if that fails) for a crash report.
 * cut_panic: drop the leading runtime frames (the newest panic's entry), as Go does. */
GORT_HIDDEN void gort__traceback_print(gort__w *w, const gort__trace *t, int level, bool cut_panic);
/* The same for one frame, the function containing the return address pc, never hidden (a
 * goroutine's `created by` site): "name(...)\n\tposition\n". Under the crash lock. */
GORT_HIDDEN void gort__traceback_print_pc(gort__w *w, uintptr_t pc);
/* Captures a stack that is not running (a parked goroutine) from its saved pc and frame
 * sp and frame pointer: the frame-pointer chain, followed while it stays in [lo, hi) and moves up. */
GORT_HIDDEN void gort__traceback_capture_fp(gort__trace *t, uintptr_t pc, uintptr_t sp, uintptr_t fp,
                                            uintptr_t lo, uintptr_t hi);
GORT_HIDDEN int gort__traceback_level(void);
GORT_HIDDEN int gort__traceback_parse(const char *s);
/* The pure parts, for unit tests: which frames print at a level, and Go's elision. */
GORT_HIDDEN int gort__tb_filter(gort__lframe *lf, int n, int level, bool cut_panic);
GORT_HIDDEN void gort__tb_print_frames(gort__w *w, const gort__lframe *head, int nh,
                                       const gort__lframe *tail, int nt, long skipped, bool system);

/* dump.c — every goroutine's trace, SIGQUIT, the crash output file and the panic hook. */
/* Prints "goroutine N [running]:" (Go's system form at level >= system) and g's trace; for
 * the current thread t is its capture, for other threads (t == NULL) the trace is requested
 * from that thread by the dump signal. */
GORT_HIDDEN void gort__print_goroutine(gort__w *w, G *g, const gort__trace *t, int level,
                                       bool cut_panic);
/* For signal handlers (the fatal-fault reports): the goroutine header and the frames the
 * signal interrupted (uc; NULL: the caller's), then the others at level >= all; level < 0
 * means the current GOTRACEBACK level. Inside the handler, under the crash lock. */
GORT_HIDDEN void gort__traceback_from(gort__w *w, const ucontext_t *uc, int level);
/* At level >= all: every other registered goroutine, each after a blank line. */
GORT_HIDDEN void gort__print_other_goroutines(gort__w *w, G *self, int level);
/* The crash output file descriptor (go_set_crash_output), -1 if none: value.c's writer copies
 * everything it writes to fd 2 there too. */
extern int gort__crash_fd GORT_HIDDEN;
/* Calls the panic hook (go_set_panic_hook) if one is set. */
GORT_HIDDEN void gort__call_panic_hook(G *g, const gort__trace *t);
/* Ends the process after a report: exit 2, or SIGABRT at GOTRACEBACK=crash. */
GORT_HIDDEN _Noreturn void gort__crash_exit(int level);

#endif /* GORT_INTERNAL_H */
