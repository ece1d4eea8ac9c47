/*
 * dump.c — the parts of a crash report beyond the crashing goroutine: the traces of every
 * other goroutine (GOTRACEBACK=all and above), SIGQUIT's dump, the crash output file
 * (debug.SetCrashOutput), the panic hook, and how the process ends (exit 2, or SIGABRT at
 * GOTRACEBACK=crash).
 *
 * Other goroutines' stacks. Every OS thread that uses gort is a goroutine with a g in the
 * registry (g.c). A thread's stack can only be unwound reliably by that thread, so the
 * crashing thread asks each one in turn with a private real-time signal (DUMP_SIGNAL):
 *
 *   crasher                                   target thread (signal handler)
 *   target = g; state = REQUESTED
 *   pthread_kill(g->thread, DUMP_SIGNAL)  -->  if gcur == target && CAS(REQUESTED -> CAPTURING):
 *   wait (bounded) for DONE                      capture the interrupted frames into `other`
 *                                                state = DONE
 *   print "goroutine N [running]:" + frames (symbolized by the crasher, in its child)
 *
 * The handler only unwinds (no allocation, no lock: see traceback.c) and stores into one
 * static trace, which the crasher owns between requests. A thread that does not answer within
 * DUMP_WAIT_MS (it blocks the signal, or is stuck) is printed as Go prints a goroutine whose
 * stack it cannot read: "goroutine running on other thread; stack unavailable"; the crasher
 * takes the request back with a CAS, so a late answer never writes into a trace being read.
 * While the dump runs the registry stays locked (g.c, gort__registry_freeze), so no listed
 * thread can finish exiting.
 *
 * SIGQUIT (C4). When the library loads, gort installs a SIGQUIT handler unless a handler is
 * already there — a program that set its own before that keeps it, and one that installs its
 * own (or SIG_IGN) later simply replaces gort's. An inherited SIG_IGN (shells start background
 * jobs with SIGQUIT ignored) is replaced, as Go replaces it. The handler
 * prints "SIGQUIT: quit", "PC=… m=… sigcode=…", every goroutine at GOTRACEBACK=system detail
 * (Go's behaviour: a quit dump always shows everything) and exits 2. The handler checks the
 * disposition again when it runs, so a handler installed by the program and later restored to
 * gort's by sigaction(old) still behaves.
 *
 * The crash output file. go_set_crash_output() dups the descriptor the program gives (as Go's
 * SetCrashOutput does); value.c's writer copies every report byte written to fd 2 there.
 */
#define _GNU_SOURCE
#include "internal.h"
#include "gsched.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* How long a goroutine's thread has to answer the dump signal. */
enum { DUMP_WAIT_MS = 1000 };
/* The private signal: a real-time one, far from those glibc and the sanitizers use. */
#define DUMP_SIGNAL (SIGRTMIN + 4)

enum { IDLE, REQUESTED, CAPTURING, DONE };
static _Atomic int dump_state;
static _Atomic(G *) dump_target;
static gort__trace other; /* written by the target's handler, read by the crasher */

int gort__crash_fd = -1;

static void dump_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    int saved = errno;
    int expect = REQUESTED;
    if ((G *)gort__gcur == atomic_load(&dump_target) &&
        atomic_compare_exchange_strong(&dump_state, &expect, CAPTURING)) {
        gort__traceback_capture_uc(&other, ucv);
        atomic_store(&dump_state, DONE);
    }
    errno = saved;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Asks g's thread for its trace; true when `other` holds it. */
static bool request_trace(G *g)
{
    static bool installed;
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = dump_handler;
        sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        if (sigaction(DUMP_SIGNAL, &sa, NULL) != 0)
            return false;
        installed = true;
    }
    atomic_store(&dump_target, g);
    atomic_store(&dump_state, REQUESTED);
    if (pthread_kill(g->thread, DUMP_SIGNAL) != 0) {
        atomic_store(&dump_state, IDLE);
        return false;
    }
    for (int waited = 0;; waited++) {
        int s = atomic_load(&dump_state);
        if (s == DONE)
            break;
        if (waited >= DUMP_WAIT_MS) {
            int expect = REQUESTED;
            if (atomic_compare_exchange_strong(&dump_state, &expect, IDLE))
                return false; /* never answered: the request is withdrawn */
            if (waited >= 2 * DUMP_WAIT_MS)
                return false; /* capturing for too long: `other` is abandoned to it */
        }
        sleep_ms(1);
    }
    atomic_store(&dump_target, NULL);
    atomic_store(&dump_state, IDLE);
    return true;
}

void gort__print_goroutine(gort__w *w, G *g, const gort__trace *t, int level, bool cut_panic)
{
    bool ok = t != NULL;
    if (!ok && g != NULL && request_trace(g)) {
        t = &other;
        ok = true;
    }
    gort__wputs(w, "\ngoroutine ");
    gort__wint(w, g ? g->goid : 0);
    if (level >= GORT__TB_SYSTEM) {
        gort__wputs(w, " gp=");
        gort__whex(w, (uintptr_t)g);
        gort__wputs(w, " m=");
        gort__wint(w, g && !g->is_main ? g->goid : 0);
        gort__wputs(w, " mp=");
        gort__whex(w, g ? (uintptr_t)g->thread : 0);
    }
    gort__wputs(w, " [");
    gort__wputs(w, g ? gort__gstate_text(g) : "running"); /* a parked thread: its wait reason */
    gort__wputs(w, "]:\n");
    if (ok)
        gort__traceback_print(w, t, level, cut_panic);
    else
        gort__wputs(w, "\tgoroutine running on other thread; stack unavailable\n");
}

void gort__print_other_goroutines(gort__w *w, G *self, int level)
{
    if (level < GORT__TB_ALL)
        return;
    /* The scheduler's goroutines, from their saved contexts; then the threads that are not
     * among them (the main thread is both once the scheduler runs it: listed once). */
    gort__print_goroutines(w, self, level, false);
    G *head = gort__registry_freeze();
    /* Go lists goroutines by id; the registry is newest first. */
    int64_t last = 0;
    for (;;) {
        G *next = NULL;
        for (G *g = head; g != NULL; g = g->next)
            if (g != self && !gort__is_goroutine(g) && g->goid > last &&
                (next == NULL || g->goid < next->goid))
                next = g;
        if (next == NULL)
            break;
        last = next->goid;
        gort__print_goroutine(w, next, NULL, level, false);
    }
}

/*
 * For the signal handlers (fatal faults): "goroutine N [running]:" and the frames the signal
 * interrupted (uc), or the caller's own frames if uc is NULL, at `level` (the current
 * GOTRACEBACK level if level < 0), then the other goroutines at level all and above. Call
 * inside the handler, holding the crash lock (the trace buffer is static).
 */
void gort__traceback_from(gort__w *w, const ucontext_t *uc, int level)
{
    static gort__trace t;
    if (level < 0)
        level = gort__traceback_level();
    if (level <= GORT__TB_NONE)
        return;
    if (uc)
        gort__traceback_capture_uc(&t, uc);
    else
        gort__traceback_capture(&t, __builtin_frame_address(0), false);
    G *g = (G *)gort__gcur;
    gort__print_goroutine(w, g, &t, level, false);
    gort__print_other_goroutines(w, g, level);
}

/* ---- ending the process ------------------------------------------------------------- */

void gort__crash_exit(int level)
{
    if (level >= GORT__TB_CRASH) {
        /* Go's crash(): a core dump through the default SIGABRT action. */
        gort__flush_stdio();
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_DFL;
        sigaction(SIGABRT, &sa, NULL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGABRT);
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        raise(SIGABRT);
    }
    gort__exit2();
}

/* ---- the crash output file ------------------------------------------------------------ */

int go_set_crash_output(int fd)
{
    int nfd = -1;
    if (fd >= 0) {
        nfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (nfd < 0)
            return -1;
    }
    int old = gort__crash_fd;
    gort__crash_fd = nfd;
    if (old >= 0)
        close(old);
    return 0;
}

int go_set_crash_output_path(const char *path)
{
    if (path == NULL)
        return go_set_crash_output(-1);
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    int r = go_set_crash_output(fd);
    close(fd);
    return r;
}

/* ---- the panic hook --------------------------------------------------------------------- */

static go_panic_hook hook;
static __thread bool in_hook;

go_panic_hook go_set_panic_hook(go_panic_hook fn)
{
    go_panic_hook old = hook;
    hook = fn;
    return old;
}

void gort__call_panic_hook(G *g, const gort__trace *t)
{
    if (hook == NULL || in_hook)
        return; /* a hook that panics gets the normal report, not a second hook call */
    /* One hook call at a time: a second panicking thread waits (its report waits anyway for
     * the crash lock the first one will take). */
    static pthread_mutex_t hook_mu = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&hook_mu);
    static char text[1 << 16];
    gort__w w = {text, sizeof text, 0, -1};
    gort__wputs(&w, "goroutine ");
    gort__wint(&w, g->goid);
    gort__wputs(&w, " [running]:\n");
    gort__traceback_print(&w, t, GORT__TB_SINGLE, true);
    text[w.len] = 0;
    in_hook = true;
    hook(g->panic->arg, text);
    in_hook = false;
    pthread_mutex_unlock(&hook_mu);
}

/* ---- SIGQUIT -------------------------------------------------------------------------- */

static void quit_handler(int sig, siginfo_t *si, void *ucv);

static bool quit_is_ours(void)
{
    struct sigaction cur;
    return sigaction(SIGQUIT, NULL, &cur) == 0 && (cur.sa_flags & SA_SIGINFO) &&
           cur.sa_sigaction == quit_handler;
}

static void quit_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    if (!quit_is_ours())
        return;
    ucontext_t *uc = ucv;
    gort__crash_lock();
    static char buf[4096];
    gort__w w = {buf, sizeof buf, 0, 2};
    G *self = (G *)gort__gcur;
    gort__wputs(&w, "SIGQUIT: quit\nPC=");
    gort__whex(&w, (uint64_t)uc->uc_mcontext.gregs[REG_RIP]);
    gort__wputs(&w, " m=");
    gort__wint(&w, self && !self->is_main ? self->goid : 0);
    gort__wputs(&w, " sigcode=");
    gort__wint(&w, si->si_code);
    gort__wputc(&w, '\n');
    int level = gort__traceback_level();
    if (level < GORT__TB_SYSTEM)
        level = GORT__TB_SYSTEM;
    if (self != NULL) {
        static gort__trace t;
        gort__traceback_capture_uc(&t, uc);
        gort__print_goroutine(&w, self, &t, level, false);
    }
    gort__print_other_goroutines(&w, self, level);
    gort__wflush(&w);
    gort__crash_exit(gort__traceback_level());
}

__attribute__((constructor)) static void install_quit(void)
{
    struct sigaction cur;
    /* As Go: an inherited SIG_IGN (a background job of a shell) does not stop the dump; only
     * SIGHUP and SIGINT keep an inherited SIG_IGN in Go. */
    if (sigaction(SIGQUIT, NULL, &cur) != 0 || (cur.sa_flags & SA_SIGINFO) ||
        (cur.sa_handler != SIG_DFL && cur.sa_handler != SIG_IGN))
        return; /* the program handles SIGQUIT itself */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = quit_handler;
    sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGQUIT, &sa, NULL);
}
