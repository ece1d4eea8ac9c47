/*
 * symchild.c — the crash printer's symbolizer: symbolization for a process that may be too
 * broken to do it itself.
 *
 * libdw allocates, opens files and maps them: it cannot run in a process whose heap may be
 * corrupt (glibc aborts or loops in malloc) or whose malloc lock is held by the thread that
 * crashed. So the crash printer never symbolizes in the crashing process. It captures the pcs
 * (no allocation), then forks a child with the raw fork system call (no atfork handlers, no
 * malloc locks taken, unlike glibc's fork); the child, a copy of the crashed address space,
 * resets its fatal signals to their defaults, builds a fresh Dwfl, formats the trace and writes
 * it into a pipe. The parent reads the pipe into a static buffer with a deadline
 * (CHILD_TIMEOUT_MS) and prints it only if the child completed; otherwise — the child's malloc
 * aborted, faulted or hung on a lock copied in the locked state — it kills the child and prints
 * the raw form (dladdr: symbol and module+offset) itself, which allocates nothing.
 *
 * Alternatives rejected: a Dwfl prepared at start-up still allocates while it answers queries;
 * a private malloc arena for libdw would need to hook malloc process-wide.
 */
#define _GNU_SOURCE
#include "traceback.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long the crash printer waits for its symbolizing child before printing raw frames. */
enum { CHILD_TIMEOUT_MS = 5000 };

static char child_out[1 << 18]; /* under child_mu */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static _Noreturn void child_main(int fd, const gort__trace *t, int level, bool cut_panic)
{
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        signal(fatal[i], SIG_DFL);
    /* What a failing malloc or libdw says goes nowhere: the parent prints the report. */
    int nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (nul >= 0)
        dup2(nul, 2);
    char buf[4096];
    gort__w w = {buf, sizeof buf, 0, fd};
    gort__tb_format(gort__sym_fresh(), &w, t, level, cut_panic);
    gort__wputs(&w, "\x01"); /* complete */
    gort__wflush(&w);
    /* The raw system call: nothing of the parent's (stdio buffers, atexit handlers, a
     * sanitizer's exit hooks) may run twice. */
    for (;;)
        syscall(SYS_exit_group, 0);
}

/* child_out is shared by the crash printer and the panic hook's capture (two threads may be
 * panicking at once). A thread that cannot take it within a second (its holder crashed while
 * holding it, or is stuck) prints raw frames instead of waiting forever. */
static pthread_mutex_t child_mu = PTHREAD_MUTEX_INITIALIZER;

static bool child_lock(void)
{
    for (int i = 0; i < 1000; i++) {
        if (pthread_mutex_trylock(&child_mu) == 0)
            return true;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    return false;
}

static void print_via_child(gort__w *w, const gort__trace *t, int level, bool cut_panic);

void gort__traceback_print(gort__w *w, const gort__trace *t, int level, bool cut_panic)
{
    if (!child_lock()) {
        gort__tb_format_raw(w, t, level >= GORT__TB_SYSTEM);
        return;
    }
    print_via_child(w, t, level, cut_panic);
    pthread_mutex_unlock(&child_mu);
}

static void print_via_child(gort__w *w, const gort__trace *t, int level, bool cut_panic)
{
    bool system = level >= GORT__TB_SYSTEM;
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
        gort__tb_format_raw(w, t, system);
        return;
    }
    pid_t pid = (pid_t)syscall(SYS_fork);
    if (pid == 0) {
        close(p[0]);
        child_main(p[1], t, level, cut_panic);
    }
    close(p[1]);
    size_t len = 0;
    bool complete = false;
    if (pid > 0) {
        long deadline = now_ms() + CHILD_TIMEOUT_MS;
        for (;;) {
            long left = deadline - now_ms();
            if (left <= 0)
                break;
            struct pollfd pf = {p[0], POLLIN, 0};
            int r = poll(&pf, 1, (int)left);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            ssize_t k = read(p[0], child_out + len, sizeof child_out - len);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            len += (size_t)k;
            if (len == sizeof child_out)
                break;
        }
        complete = len > 0 && child_out[len - 1] == '\x01';
        kill(pid, SIGKILL);
        int st;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
    }
    close(p[0]);
    if (complete) {
        gort__wputn(w, child_out, len - 1);
        return;
    }
    gort__tb_format_raw(w, t, system);
}
