/*
 * crash.c — how a gort program dies: unrecovered panics and fatal errors, printed as Go
 * prints them, then exit status 2.
 *
 *   panic: first [recovered]            <- the panic chain, oldest first (printpanics)
 *   	panic: second
 *   [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]   <- a signal panic
 *
 *   goroutine 1 [running]:
 *   frames...
 *
 * A fatal error ("fatal error: msg") runs no deferred calls and cannot be recovered.
 *
 * Constraints: the report is written with write(2) from a stack buffer — no stdio, no malloc —
 * so it still prints when the heap is broken. Only one thread prints a report: a second thread
 * that crashes meanwhile waits forever, as Go's dopanic_m does; a crash while printing a crash
 * goes straight to exit 2. Before exiting, stdout is flushed so what the program printed before
 * the crash is not lost (Go's stdout is unbuffered; C's is not).
 *
 * The traceback here is raw (function symbol if the dynamic symbol table has it, module and
 * offset otherwise, a form addr2line reads); symbolized file:line tracebacks are the
 * crash-report issue's work.
 */
#define _GNU_SOURCE
#include "gsched.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

static pthread_mutex_t crash_mu = PTHREAD_MUTEX_INITIALIZER;
static __thread int crashing; /* this thread is printing a report */

void gort__exit2(void)
{
    fflush(stdout);
    fflush(stderr);
    _exit(2);
}

/* Only one report at a time. A thread that crashes while printing its own report exits. */
void gort__crash_lock(void)
{
    if (crashing++)
        _exit(2);
    pthread_mutex_lock(&crash_mu); /* never unlocked: the process is ending */
}

/* ---- traceback -------------------------------------------------------------------- */

enum { MAX_FRAMES = 100 };

struct trace {
    void *pc[MAX_FRAMES];
    int n;
};

static _Unwind_Reason_Code collect(struct _Unwind_Context *ctx, void *arg)
{
    struct trace *t = arg;
    if (t->n >= MAX_FRAMES)
        return _URC_END_OF_STACK;
    void *pc = (void *)_Unwind_GetIP(ctx);
    if (pc == NULL)
        return _URC_END_OF_STACK;
    t->pc[t->n++] = pc;
    return _URC_NO_REASON;
}

static void print_frame(gort__w *w, void *pc)
{
    Dl_info info;
    const ElfW(Sym) *sym = NULL;
    void *at = (char *)pc - 1; /* the call instruction, not the return address */
    if (dladdr1(at, &info, (void **)&sym, RTLD_DL_SYMENT) && info.dli_fname) {
        bool inside = info.dli_sname && sym &&
                      (uintptr_t)at < (uintptr_t)info.dli_saddr + sym->st_size;
        gort__wputs(w, inside ? info.dli_sname : "?");
        gort__wputs(w, "(...)\n\t");
        gort__wputs(w, info.dli_fname[0] ? info.dli_fname : "?");
        gort__wputc(w, '+');
        gort__whex(w, (uintptr_t)pc - (uintptr_t)info.dli_fbase);
        gort__wputc(w, '\n');
        return;
    }
    gort__wputs(w, "?(...)\n\t?+");
    gort__whex(w, (uintptr_t)pc);
    gort__wputc(w, '\n');
}

/*
 * Prints "goroutine N [running]:" and the calling thread's frames, skipping `skip`. A runtime
 * throw prints the header at Go's "system" level, as Go does for runtime throws:
 * "goroutine 1 gp=0x… m=0 mp=0x… [running]:" (m is the thread: 0 for the main thread).
 */
static void print_goroutine(gort__w *w, G *g, int skip, bool system)
{
    struct trace t;
    t.n = 0;
    _Unwind_Backtrace(collect, &t);
    gort__wputs(w, "\ngoroutine ");
    gort__wint(w, g ? g->goid : 0);
    if (system) {
        gort__wputs(w, " gp=");
        gort__whex(w, (uintptr_t)g);
        gort__wputs(w, " m=");
        gort__wint(w, g && !g->is_main ? g->goid : 0);
        gort__wputs(w, " mp=");
        gort__whex(w, (uintptr_t)&crashing);
    }
    gort__wputs(w, " [");
    gort__wputs(w, g ? gort__gstate_text(g) : "running"); /* a parked thread: its wait reason */
    gort__wputs(w, "]:\n");
    for (int i = skip; i < t.n; i++)
        print_frame(w, t.pc[i]);
    gort__print_created_by(w, g, print_frame);
}

/* ---- fatal errors ----------------------------------------------------------------- */

/*
 * Go has two kinds of fatal error: throw, for the runtime's own failures (its traceback is
 * printed at "system" level), and fatal, for errors in the program's use of the runtime
 * (deadlocks, misuse), printed at the normal level.
 */
static _Noreturn void die(const char *msg, bool runtime)
{
    gort__crash_lock();
    char buf[4096];
    gort__w w = {buf, sizeof buf, 0, 2};
    gort__wputs(&w, "fatal error: ");
    gort__print_value(&w, go_any_str(msg), true);
    gort__wputc(&w, '\n');
    /* Go prints no goroutine when none is left: main's Goexit deadlock. */
    /* On a worker's scheduler context (the deadlock check) there is no current goroutine:
     * Go then prints every goroutine, as it does for GOTRACEBACK=all. */
    G *cur = (G *)gort__gcur;
    if (strncmp(msg, "no goroutines", 13) != 0) {
        if (!gort__is_g0(cur))
            print_goroutine(&w, cur, 3, runtime);
        if (gort__is_g0(cur) || gort__traceback_all())
            gort__print_goroutines(&w, cur, print_frame);
    }
    gort__wflush(&w);
    gort__exit2();
}

static _Noreturn void vdie(const char *fmt, va_list ap, bool runtime)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    die(msg, runtime);
}

void gort__throw(const char *msg) { die(msg, true); }
void gort__fatal(const char *msg) { die(msg, false); }

void gort__throwf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdie(fmt, ap, true);
}

void gort__fatalf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdie(fmt, ap, false);
}

/* ---- unrecovered panics ------------------------------------------------------------ */

/*
 * Go's preprintpanics: values with an Error()/String() method (here: a user type's format
 * function) are turned into text before anything is printed. A format function that panics
 * makes the crash itself fatal — "panic while printing panic value" — caught by a deferred
 * recover, exactly as Go does it.
 */
static char preprinted[8][512];

static void preprint_recover(void *arg)
{
    (void)arg;
    go_any r = go_recover();
    if (go_is_nil(r))
        return;
    char msg[600];
    if (r.type && r.type->kind == GO_KIND_STRING && r.type == &go_type_string)
        snprintf(msg, sizeof msg, "panic while printing panic value: %s", r.v.s);
    else
        snprintf(msg, sizeof msg, "panic while printing panic value: type %s",
                 r.type ? r.type->name : "nil");
    gort__throw(msg);
}

static __attribute__((noinline)) void preprint(G *g)
{
    go_frame_void();
    go_defer(preprint_recover, NULL);
    int k = 0;
    for (struct gort__panic *p = g->panic; p != NULL; p = p->link) {
        const go_type *t = p->arg.type;
        if (t && t->kind == GO_KIND_POINTER && t->format) {
            char *small = preprinted[k < 8 ? k++ : 7];
            /* A long text stays mapped: the process is about to end. */
            p->arg = go_any_str(gort__format_text(t, p->arg.v.p, small, sizeof preprinted[0]));
        }
    }
}

static void printpanics(gort__w *w, struct gort__panic *p)
{
    if (p->link) {
        printpanics(w, p->link);
        if (!p->link->goexit)
            gort__wputc(w, '\t');
    }
    if (p->goexit)
        return;
    gort__wputs(w, "panic: ");
    gort__print_value(w, p->arg, true);
    if (p->recovered)
        gort__wputs(w, " [recovered]");
    gort__wputc(w, '\n');
}

static const char *signame(int sig)
{
    switch (sig) {
    case 11:
        return "SIGSEGV: segmentation violation";
    case 7:
        return "SIGBUS: bus error";
    case 8:
        return "SIGFPE: floating-point exception";
    default:
        return NULL;
    }
}

void gort__fatalpanic(G *g)
{
    preprint(g);
    gort__crash_lock();
    char buf[4096];
    gort__w w = {buf, sizeof buf, 0, 2};
    printpanics(&w, g->panic);
    if (g->sig.signo) {
        const char *name = signame(g->sig.signo);
        gort__wputs(&w, "[signal ");
        if (name)
            gort__wputs(&w, name);
        else
            gort__whex(&w, (uint64_t)g->sig.signo);
        gort__wputs(&w, " code=");
        gort__whex(&w, g->sig.code);
        gort__wputs(&w, " addr=");
        gort__whex(&w, g->sig.addr);
        gort__wputs(&w, " pc=");
        gort__whex(&w, g->sig.pc);
        gort__wputs(&w, "]\n");
    }
    print_goroutine(&w, g, 1, false);
    if (gort__traceback_all())
        gort__print_goroutines(&w, g, print_frame);
    gort__wflush(&w);
    gort__exit2();
}
