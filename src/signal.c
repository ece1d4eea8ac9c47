/*
 * signal.c — hardware faults as Go run-time errors: SIGSEGV, SIGBUS and SIGFPE become panics
 * on the faulting goroutine's own stack, or fatal errors when no panic is possible; stack
 * overflow; the alternate signal stacks the handler runs on.
 *
 * Design
 * ------
 * Go turns a fault into a panic without unwinding from the signal handler: the handler
 * rewrites the interrupted context so that the faulting goroutine appears to call sigpanic
 * from the faulting instruction, and returns. The kernel's sigreturn then restores the
 * thread's signal mask and its registers — with the new pc and sp — and sigpanic panics in
 * ordinary thread context, on the faulting stack: deferred calls run there, recover works, and
 * a recovery's jump leaves no signal frame behind (a longjmp out of a handler would leave the
 * signal blocked, and would run deferred calls on the small signal stack). gort does exactly
 * this (arch/<arch>/sigctx.c rewrites the context; sigpanic.S is the entry).
 *
 * The handler (Go's sighandler + sigpanic), in order:
 *
 *   1. A fault while this thread is already in gort's handler, or while it prints a crash, is
 *      reported in the raw form Go uses for a signal it cannot handle ("SIGSEGV: segmentation
 *      violation" / "PC=0x… m=0 sigcode=1 addr=0x…") and the process exits with status 2.
 *      Nothing more is attempted: that is what keeps a broken crash path from looping.
 *   2. A signal sent by a process (kill, raise, sigqueue: si_code <= 0) is not a fault: it goes
 *      to the handler the program had before gort's, if any, else it is reported as Go reports
 *      it (the raw form above, then the goroutine) and the process exits with status 2.
 *   3. A fault at a pc inside gort's own code is Go's "fatal error: unexpected signal during
 *      runtime execution" with the [signal …] line: the runtime's state cannot be trusted, so
 *      no panic is started from it.
 *   4. A fault in the thread's stack guard region, or just below its stack within reach of the
 *      faulting sp, is a stack overflow: "runtime: goroutine stack exceeds N-byte limit",
 *      "runtime: sp=… stack=[lo, hi]", "fatal error: stack overflow" (Go's newstack lines).
 *      It is printed from the alternate stack — the thread's own stack is exhausted.
 *   5. A fault inside a signal handler (the program's, for any signal) is fatal too, with the
 *      same "unexpected signal during runtime execution": a panic would unwind through an
 *      asynchronous signal frame — the interrupted code may hold any lock, and the handled
 *      signal would stay blocked after a recovery. (Go runs no user code in signal handlers;
 *      this is the message Go prints for a fault it cannot turn into a panic, as in C code
 *      called through cgo.) Detected by unwinding from the fault: a second signal frame
 *      (glibc's __restore_rt, the return address of every handler) means a handler is active.
 *   6. Otherwise the fault becomes a panic (Go's sigpanic):
 *        SIGSEGV (SEGV_MAPERR, SEGV_ACCERR) or SIGBUS (BUS_ADRERR) at an address below 0x1000:
 *          "runtime error: invalid memory address or nil pointer dereference", with the
 *          [signal …] line if unrecovered;
 *        at any other address, if the goroutine called go_set_panic_on_fault(true): the same
 *          text (Go's errorAddressString, of type runtime.errorAddressString), [signal …] line;
 *        SIGFPE from an integer division: "runtime error: integer divide by zero", or, for a
 *          quotient that does not fit (INT_MIN / -1 traps on x86), "runtime error: integer
 *          overflow" — Go's panicoverflow text, which Go raises for FPE_INTOVF. Neither has a
 *          [signal …] line: Go checks divisions in code and never reports them as signals;
 *        other SIGFPE codes (floating-point traps the program enabled): "runtime error:
 *          floating point error", with the [signal …] line (Go's panicfloat).
 *   7. A SIGSEGV or SIGBUS that is not a panic goes to the program's earlier handler if it had
 *      one when gort initialised (it may fix the fault and return, as such handlers do), else
 *      it is Go's "unexpected fault address 0x…" / "fatal error: fault" with the [signal …]
 *      line.
 *
 * Which code is "inside gort": the library's objects are built with their code in one
 * section, gort_text (Makefile), whose bounds the linker provides as __start_gort_text and
 * __stop_gort_text, in a static or a shared link alike. With LTO the library's code is merged
 * into the program's and the section is empty: then only rules 1, 2 and 5 protect gort, and a
 * nil dereference in gort's own code would panic like one in the program.
 *
 * Handlers are installed by a constructor with SA_SIGINFO|SA_ONSTACK|SA_NODEFER (NODEFER lets
 * rule 1 see a fault inside the handler instead of the kernel killing the process). A program
 * that installs its own handler for one of these signals after gort's initialisation replaces
 * gort's (the fault is then the program's business); one installed before is chained as rules
 * 2 and 7 say. GORT_SIGNALS=0 in the environment, or go_signals_disable(), leaves or puts back
 * the previous handlers.
 *
 * Alternate stacks. A stack overflow can only be reported from another stack, so every thread
 * with a g gets a sigaltstack when its g is created (the main thread's g is made by a
 * constructor) and loses it when the thread exits. A thread that already has one (a
 * sanitizer's or the program's) keeps it. A thread that never used gort has none: a fault
 * there is handled on its own stack, and its stack overflow cannot be reported (the kernel
 * kills the process with SIGSEGV).
 */
#define _GNU_SOURCE
#include "internal.h"
#include "sigctx.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#include <unwind.h>

enum {
    SIGPANIC_MEM = 1, /* nil dereference: Go's panicmem                              */
    SIGPANIC_MEMADDR, /* any address, go_set_panic_on_fault: Go's panicmemAddr       */
    SIGPANIC_DIVIDE,  /* Go's panicdivide                                           */
    SIGPANIC_OVERFLOW,/* Go's panicoverflow                                         */
    SIGPANIC_FLOAT,   /* Go's panicfloat                                            */
};

/* Faults below this address are nil dereferences (Go: the first page is never mapped). */
#define NIL_LIMIT 0x1000
/* How far below its stack's low bound, and below the faulting sp, a stack access may land
 * and still count as an overflow: the largest frame (or alloca) that skips the guard. */
#define STACK_REACH (64u << 10)
/* The main thread has no guard page: the kernel refuses to grow its stack beyond
 * RLIMIT_STACK and keeps a gap (stack_guard_gap, 256 pages) below it. */
#define MAIN_GUARD (256u << 12)
/* The alternate signal stack: the crash printer (unwinding, formatting) runs on it. */
#define ALTSTACK_SIZE (256u << 10)
/* Frames walked from a fault when looking for an enclosing signal handler. */
#define HANDLER_SCAN_FRAMES 512

static const int handled[] = {SIGSEGV, SIGBUS, SIGFPE};
#define NHANDLED (int)(sizeof handled / sizeof handled[0])

static struct sigaction old_action[NHANDLED]; /* the program's handlers before gort's */
static bool installed;

static __thread int sig_depth;   /* gort's handler frames active on this thread    */
static __thread bool in_chained; /* this thread runs a chained (earlier) handler    */

extern char __start_gort_text[] __attribute__((weak, visibility("hidden")));
extern char __stop_gort_text[] __attribute__((weak, visibility("hidden")));

/* Present when a sanitizer runtime (ASan, TSan, UBSan) is linked in. */
extern void __sanitizer_print_stack_trace(void) __attribute__((weak));

static bool signals_wanted(void)
{
    const char *e = getenv("GORT_SIGNALS");
    return !(e && strcmp(e, "0") == 0);
}

static int slot(int sig)
{
    for (int i = 0; i < NHANDLED; i++)
        if (handled[i] == sig)
            return i;
    return -1;
}

/* ---- raw output (no locks, no allocation: usable when everything else failed) ---------- */

static void raw_signal_report(int sig, const siginfo_t *info, const void *uc)
{
    char buf[512];
    gort__w w = {buf, sizeof buf, 0, 2};
    G *g = (G *)gort__gcur;
    gort__wputs(&w, sig == SIGSEGV ? "SIGSEGV: segmentation violation"
                    : sig == SIGBUS ? "SIGBUS: bus error"
                                    : "SIGFPE: floating-point exception");
    gort__wputs(&w, "\nPC=");
    gort__whex(&w, gort__ctx_pc(uc));
    gort__wputs(&w, " m=");
    gort__wint(&w, g && !g->is_main ? g->goid : 0);
    gort__wputs(&w, " sigcode=");
    gort__wint(&w, info->si_code);
    if (sig != SIGFPE) {
        gort__wputs(&w, " addr=");
        gort__whex(&w, (uintptr_t)info->si_addr);
    }
    gort__wputc(&w, '\n');
    gort__wflush(&w);
}

/* ---- chaining to the program's earlier handler --------------------------------------- */

/* Calls the handler the program had before gort's; false if it had none. */
static bool chain(int sig, siginfo_t *info, void *uc)
{
    int i = slot(sig);
    /* A sanitizer installs its deadly-signal handler before any constructor runs: that one is
     * not the program's, and would report gort's fatal errors as its own crashes. */
    if (i < 0 || __sanitizer_print_stack_trace)
        return false;
    const struct sigaction *a = &old_action[i];
    if (a->sa_flags & SA_SIGINFO) {
        if (a->sa_sigaction == NULL)
            return false;
        in_chained = true;
        a->sa_sigaction(sig, info, uc);
    } else {
        if (a->sa_handler == SIG_DFL || a->sa_handler == SIG_IGN)
            return false;
        in_chained = true;
        a->sa_handler(sig);
    }
    in_chained = false;
    return true;
}

/* ---- classification ------------------------------------------------------------------ */

static bool in_gort(uintptr_t pc)
{
    return __start_gort_text && __stop_gort_text && pc >= (uintptr_t)__start_gort_text &&
           pc < (uintptr_t)__stop_gort_text;
}

static bool stack_overflow(const G *g, uintptr_t addr, uintptr_t sp)
{
    /* The lowest page of the stack counts too: mapped stack memory never faults, so a fault
     * there means that page is a guard (glibc before 2.27 put the guard inside the stack). */
    if (g == NULL || g->stack_lo == 0 || g->stack_guard == 0 || addr >= g->stack_lo + 4096)
        return false; /* (no known guard: never call a fault an overflow) */
    if (addr >= g->stack_guard)
        return true; /* in the guard region */
    /* Below the guard: a frame larger than the guard jumped over it. Then the faulting sp is
     * near or below the guard, and the access near that sp. */
    return sp <= g->stack_hi && sp + STACK_REACH >= g->stack_guard && addr + STACK_REACH >= sp;
}

struct handler_scan {
    uintptr_t restorer; /* glibc's __restore_rt: the return address of every signal handler */
    int seen, frames;
};

static _Unwind_Reason_Code scan_frame(struct _Unwind_Context *ctx, void *arg)
{
    struct handler_scan *s = arg;
    if (++s->frames > HANDLER_SCAN_FRAMES)
        return _URC_END_OF_STACK;
    if (_Unwind_GetIP(ctx) == s->restorer && ++s->seen >= 2)
        return _URC_END_OF_STACK;
    return _URC_NO_REASON;
}

/* True if the fault happened while a signal handler (any) was running on this thread. */
static __attribute__((noinline)) bool in_signal_handler(void *restorer)
{
    struct handler_scan s = {(uintptr_t)restorer, 0, 0};
    _Unwind_Backtrace(scan_frame, &s);
    return s.seen >= 2;
}

static int classify(int sig, const siginfo_t *info, const void *uc, const G *g)
{
    uintptr_t addr = (uintptr_t)info->si_addr;
    switch (sig) {
    case SIGSEGV:
        if ((info->si_code == SEGV_MAPERR || info->si_code == SEGV_ACCERR) && addr < NIL_LIMIT)
            return SIGPANIC_MEM;
        return g && g->panic_on_fault ? SIGPANIC_MEMADDR : 0;
    case SIGBUS:
        if (info->si_code == BUS_ADRERR && addr < NIL_LIMIT)
            return SIGPANIC_MEM;
        return g && g->panic_on_fault ? SIGPANIC_MEMADDR : 0;
    case SIGFPE:
        if (info->si_code == FPE_INTDIV) {
            int64_t divisor;
            bool is_signed;
            if (gort__ctx_divisor(uc, &divisor, &is_signed) && divisor != 0)
                return SIGPANIC_OVERFLOW;
            return SIGPANIC_DIVIDE;
        }
        return info->si_code == FPE_INTOVF ? SIGPANIC_OVERFLOW : SIGPANIC_FLOAT;
    }
    return 0;
}

/* ---- fatal reports from the handler -------------------------------------------------- */

static _Noreturn void report_stack_overflow(const G *g, uintptr_t sp, const ucontext_t *uc)
{
    char buf[256];
    gort__w w = {buf, sizeof buf, 0, -1};
    gort__wputs(&w, "runtime: goroutine stack exceeds ");
    gort__wuint(&w, g->stack_limit);
    gort__wputs(&w, "-byte limit\nruntime: sp=");
    gort__whex(&w, sp);
    gort__wputs(&w, " stack=[");
    gort__whex(&w, g->stack_lo);
    gort__wputs(&w, ", ");
    gort__whex(&w, g->stack_hi);
    gort__wputs(&w, "]\n");
    gort__wputc(&w, 0);
    buf[sizeof buf - 1] = 0;
    gort__throw_sig(buf, "stack overflow", NULL, uc);
}

static _Noreturn void report_fault_address(uintptr_t addr, const struct gort__sig *s)
{
    char buf[64];
    gort__w w = {buf, sizeof buf, 0, -1};
    gort__wputs(&w, "unexpected fault address ");
    gort__whex(&w, addr);
    gort__wputs(&w, "\n");
    gort__wputc(&w, 0);
    buf[sizeof buf - 1] = 0;
    gort__throw_sig(buf, "fault", s, NULL);
}

/* A signal sent by a process, not handled by the program: Go's fatalsignal report. */
static _Noreturn void report_sent_signal(int sig, const siginfo_t *info, const void *uc)
{
    gort__crash_lock();
    raw_signal_report(sig, info, uc);
    gort__exit2();
}

/* ---- the handler --------------------------------------------------------------------- */

static void handler(int sig, siginfo_t *info, void *uc)
{
    int saved_errno = errno;
    G *g = (G *)gort__gcur;
    int depth = ++sig_depth;
    uintptr_t pc = gort__ctx_pc(uc), sp = gort__ctx_sp(uc), addr = (uintptr_t)info->si_addr;
    struct gort__sig s = {sig, (uintptr_t)(intptr_t)info->si_code, addr, pc};

    /* 1. Fault in this handler, or in the crash printer: say what happened, exit. */
    if (depth > 2 || gort__crashing() || (depth == 2 && !in_chained)) {
        raw_signal_report(sig, info, uc);
        _exit(2);
    }
    /* 5 (for the program's handler that gort chained to). */
    if (depth == 2)
        gort__throw_sig(NULL, "unexpected signal during runtime execution", &s, NULL);

    /* 2. Sent by kill/raise/sigqueue. */
    if (info->si_code <= 0) {
        if (!chain(sig, info, uc))
            report_sent_signal(sig, info, uc);
        goto out;
    }
    /* 3. In gort's own code. */
    if (in_gort(pc))
        gort__throw_sig(NULL, "unexpected signal during runtime execution", &s, NULL);
    /* 4. Stack overflow. */
    if (sig != SIGFPE && stack_overflow(g, addr, sp))
        report_stack_overflow(g, sp, uc);
    /* 5. Inside a signal handler. */
    if (in_signal_handler(__builtin_return_address(0)))
        gort__throw_sig(NULL, "unexpected signal during runtime execution", &s, NULL);
    /* 6. A run-time error panic on the faulting stack. */
    int kind = classify(sig, info, uc, g);
    if (kind) {
        /* The fake return address goes just below sp: no room for it is an overflow too. */
        if (stack_overflow(g, sp - 2 * sizeof(uintptr_t), sp))
            report_stack_overflow(g, sp, uc);
        gort__ctx_call_sigpanic(uc, kind, addr, s.code, sig);
        goto out;
    }
    /* 7. Not a panic. */
    if (!chain(sig, info, uc))
        report_fault_address(addr, &s);
out:
    sig_depth--;
    errno = saved_errno;
}

/* Entered on the faulting stack through sigpanic.S, as if the faulting instruction called it. */
void gort__sigpanic(int kind, uintptr_t addr, uintptr_t code, int signo, uintptr_t pc)
{
    struct gort__sig s = {signo, code, addr, pc};
    switch (kind) {
    case SIGPANIC_DIVIDE:
        gort__panic_runtime("runtime error: integer divide by zero", NULL);
    case SIGPANIC_OVERFLOW:
        gort__panic_runtime("runtime error: integer overflow", NULL);
    case SIGPANIC_FLOAT:
        gort__panic_runtime("runtime error: floating point error", &s);
    case SIGPANIC_MEMADDR: {
        G *g = gort__getg();
        g->sig = s;
        go_panic_value((go_any){&gort__type_fault_error,
                                {.s = "runtime error: invalid memory address or nil pointer "
                                      "dereference"}});
    }
    default:
        gort__panic_runtime("runtime error: invalid memory address or nil pointer dereference",
                            &s);
    }
}

/* ---- installation -------------------------------------------------------------------- */

__attribute__((constructor)) static void signal_init(void)
{
    if (!signals_wanted())
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < NHANDLED; i++) {
        if (sigaction(handled[i], &sa, &old_action[i]) != 0)
            gort__throw("sigaction failed");
    }
    installed = true;
}

void go_signals_disable(void)
{
    if (!installed)
        return;
    for (int i = 0; i < NHANDLED; i++) {
        struct sigaction cur;
        /* Put back the earlier handler only where gort's is still the one installed. */
        if (sigaction(handled[i], NULL, &cur) == 0 && (cur.sa_flags & SA_SIGINFO) &&
            cur.sa_sigaction == handler)
            sigaction(handled[i], &old_action[i], NULL);
    }
    installed = false;
}

bool go_set_panic_on_fault(bool enabled)
{
    G *g = gort__getg();
    bool old = g->panic_on_fault;
    g->panic_on_fault = enabled;
    return old;
}

/* ---- per-thread state ---------------------------------------------------------------- */

static void stack_bounds(G *g)
{
    pthread_attr_t attr;
    void *addr;
    size_t size, guard = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
        pthread_attr_getguardsize(&attr, &guard);
        uintptr_t lo = (uintptr_t)addr, hi = lo + size;
        g->stack_hi = hi;
        g->stack_limit = size;
        if (g->is_main) {
            /* The kernel grows the main stack up to RLIMIT_STACK (that is its limit) and keeps
             * a gap below it; glibc reports the part below its start-up data. */
            struct rlimit rl;
            if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
                g->stack_limit = rl.rlim_cur;
            g->stack_lo = lo;
            g->stack_guard = lo > MAIN_GUARD ? lo - MAIN_GUARD : 0;
        } else {
            /* glibc 2.36 maps the guard pages just below the stack it reports (older versions
             * put them at its low end: stack_overflow() counts the lowest page too). */
            g->stack_lo = lo;
            g->stack_guard = lo - guard;
        }
    }
    pthread_attr_destroy(&attr);
}

void gort__signal_thread_init(G *g)
{
    stack_bounds(g);
    if (!signals_wanted())
        return;
    /* A thread that has one already keeps it — except a main thread whose signal stack is too
     * small for the crash printer (the sanitizers' are ~53 KiB): nobody frees the main
     * thread's, so it can be replaced without a double unmap at exit. */
    stack_t cur;
    if (sigaltstack(NULL, &cur) == 0 && !(cur.ss_flags & SS_DISABLE) &&
        (!g->is_main || cur.ss_size >= ALTSTACK_SIZE))
        return;
    /* [guard page][signal stack][STACK_REACH of guard]: the low guard catches an overflow of
     * the signal stack itself; the high one keeps a thread stack mapped just above (the kernel
     * hands out mappings downwards) from overflowing into this one through frames larger than
     * its own guard page — such frames land in PROT_NONE memory and fault as an overflow. */
    long page = sysconf(_SC_PAGESIZE);
    size_t len = (size_t)page + ALTSTACK_SIZE + STACK_REACH;
    char *mem = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mem == MAP_FAILED)
        return; /* faults still work; only a stack overflow cannot be reported */
    if (mprotect(mem + page, ALTSTACK_SIZE, PROT_READ | PROT_WRITE) != 0) {
        munmap(mem, len);
        return;
    }
    stack_t ss = {.ss_sp = mem + page, .ss_size = ALTSTACK_SIZE, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0) {
        munmap(mem, len);
        return;
    }
    g->altstack = mem;
    g->altstack_size = len;
}

void gort__signal_thread_exit(G *g)
{
    if (g->altstack == NULL)
        return;
    stack_t ss = {.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
    sigaltstack(&ss, NULL);
    munmap(g->altstack, g->altstack_size);
    g->altstack = NULL;
}
