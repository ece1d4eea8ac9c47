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
 * The goroutine traces come from traceback.c (capture, symbolization in a child process,
 * Go's layout and elision) and dump.c (other goroutines, the crash output file, the panic
 * hook, GOTRACEBACK=crash's SIGABRT). GOTRACEBACK=none prints the panic and signal lines only.
 */
#define _GNU_SOURCE
#include "gsched.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t crash_mu = PTHREAD_MUTEX_INITIALIZER;
static __thread int crashing; /* this thread is printing a report */

/* The program's buffered output is flushed when its stream is free: another thread stopped
 * inside a printf holds the stream's lock forever, and waiting for it would hang the crash
 * (the lock is recursive, so a stream this thread holds is flushed). */
void gort__flush_stdio(void)
{
    FILE *fs[2] = {stdout, stderr};
    for (int i = 0; i < 2; i++)
        if (ftrylockfile(fs[i]) == 0) {
            fflush_unlocked(fs[i]);
            funlockfile(fs[i]);
        }
}

void gort__exit2(void)
{
    GORT_TRACE(gort__trace_crash_dump());
    gort__flush_stdio();
    _exit(2);
}

/* Only one report at a time. A thread that crashes while printing its own report exits. */
void gort__crash_lock(void)
{
    if (crashing++)
        _exit(2);
    pthread_mutex_lock(&crash_mu); /* never unlocked: the process is ending */
}

/* ---- fatal errors ----------------------------------------------------------------- */

/*
 * Go has two kinds of fatal error: throw, for the runtime's own failures (its traceback is
 * printed at "system" level), and fatal, for errors in the program's use of the runtime
 * (deadlocks, misuse), printed at the normal level.
 */
static void print_signal(gort__w *w, const struct gort__sig *sig);

/* The other goroutines, after the crashing one's trace: every goroutine of the scheduler (with
 * its wait reason and its frames from its saved context) when the crash happens on a worker's
 * scheduler context (Go's deadlock report lists them all) or at GOTRACEBACK=all and above;
 * there, threads that use gort print their own stacks (dump.c). */
static void print_others(gort__w *w, G *cur, int level)
{
    if (level >= GORT__TB_ALL)
        gort__print_other_goroutines(w, cur, level);
    else if (gort__is_g0(cur))
        gort__print_goroutines(w, cur, level, true);
}

static _Noreturn __attribute__((noinline)) void die(const char *prelude, const char *msg,
                                                    const struct gort__sig *sig, bool runtime,
                                                    const ucontext_t *uc)
{
    GORT_TRACE(gort__trace_fatal(msg, false));
    gort__crash_lock();
    gort__trace t; /* on this stack: no allocation, and no other crash can share it */
    if (uc)
        gort__traceback_capture_uc(&t, uc); /* inside the signal's handler */
    else
        gort__traceback_capture(&t, __builtin_frame_address(0), false); /* from die's caller */
    int level = gort__traceback_level();
    if (runtime && level > GORT__TB_NONE && level < GORT__TB_SYSTEM)
        level = GORT__TB_SYSTEM; /* Go prints runtime throws with the runtime's frames */
    char buf[4096];
    gort__w w = {buf, sizeof buf, 0, 2};
    G *g = (G *)gort__gcur;
    if (prelude)
        gort__wputs(&w, prelude);
    gort__wputs(&w, "fatal error: ");
    gort__print_value(&w, go_any_str(msg), true);
    gort__wputc(&w, '\n');
    /* As Go's dopanic_m: the signal of a signal-raised panic still on the chain prints too. */
    if (sig == NULL && g && g->sig.signo)
        sig = &g->sig;
    if (sig)
        print_signal(&w, sig);
    /* Go prints no goroutine when none is left: main's Goexit deadlock. */
    /* On a worker's scheduler context (the deadlock check) there is no current goroutine:
     * Go then prints every goroutine, as it does for GOTRACEBACK=all. */
    if (strncmp(msg, "no goroutines", 13) != 0) {
        if (!gort__is_g0(g) && level > GORT__TB_NONE) {
            gort__print_goroutine(&w, g, &t, level, false);
            gort__print_created_by(&w, g);
        }
        print_others(&w, g, level);
    }
    gort__wflush(&w);
    gort__crash_exit(level);
}

static _Noreturn void vdie(const char *fmt, va_list ap, bool runtime)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    die(NULL, msg, NULL, runtime, NULL);
}

void gort__throw(const char *msg) { die(NULL, msg, NULL, true, NULL); }
void gort__fatal(const char *msg) { die(NULL, msg, NULL, false, NULL); }

void gort__throw_sig(const char *prelude, const char *msg, const struct gort__sig *sig,
                     const ucontext_t *uc)
{
    die(prelude, msg, sig, true, uc);
}

bool gort__crashing(void) { return crashing != 0; }

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

/* Go's "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]" line. */
static void print_signal(gort__w *w, const struct gort__sig *sig)
{
    const char *name = signame(sig->signo);
    gort__wputs(w, "[signal ");
    if (name)
        gort__wputs(w, name);
    else
        gort__whex(w, (uint64_t)sig->signo);
    gort__wputs(w, " code=");
    gort__whex(w, sig->code);
    gort__wputs(w, " addr=");
    gort__whex(w, sig->addr);
    gort__wputs(w, " pc=");
    gort__whex(w, sig->pc);
    gort__wputs(w, "]\n");
}

void gort__fatalpanic(G *g)
{
    GORT_TRACE(gort__trace_fatal("unrecovered panic", true));
    preprint(g);
    /* Go's traceback of a fatal panic starts below gopanic: keep go_panic_value's frame for
     * GOTRACEBACK=system, and let the printer cut the panic entries otherwise. */
    gort__trace t;
    gort__traceback_capture(&t, g->panic->start_sp, true);
    gort__call_panic_hook(g, &t);
    gort__crash_lock();
    int level = gort__traceback_level();
    char buf[4096];
    gort__w w = {buf, sizeof buf, 0, 2};
    printpanics(&w, g->panic);
    if (g->sig.signo)
        print_signal(&w, &g->sig);
    if (level > GORT__TB_NONE) {
        gort__print_goroutine(&w, g, &t, level, true);
        gort__print_created_by(&w, g);
    }
    print_others(&w, g, level);
    gort__wflush(&w);
    gort__crash_exit(level);
}
