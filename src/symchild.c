/*
 * symchild.c — the crash printer's symbolizer: symbolization for a process that may be too
 * broken to do it itself.
 *
 * libdw allocates, opens files and maps them: it cannot run in a process whose heap may be
 * corrupt (glibc aborts or loops in malloc) or whose malloc lock is held by the thread that
 * crashed. So the crash printer never symbolizes in the crashing process. It captures the pcs
 * (no allocation), then forks a child with the raw fork system call (no atfork handlers, no
 * malloc locks taken, unlike glibc's fork); the child, a copy of the crashed address space,
 * resets its fatal signals to their defaults, moves its allocations to a heap of its own
 * (symheap.c: the parent's allocator may be corrupt, or locked by a thread the child does not
 * have), builds a fresh Dwfl, formats the trace and writes it into a pipe. The parent reads
 * the pipe into a static buffer with a deadline (CHILD_TIMEOUT_MS) and prints it only if the
 * child completed it; otherwise — the child faulted, or hung on some other lock copied in the
 * locked state — it kills the child and prints the raw form (dladdr: symbol and module+offset)
 * itself, which allocates nothing.
 *
 * One child serves the whole report. A report has several traces — the crashing goroutine's,
 * each `created by` site, every other goroutine at GOTRACEBACK=all, a deadlock's listing — and
 * a child costs a fork and a fresh Dwfl (milliseconds), so the first trace starts the child and
 * later ones are requests to it: the parent sends a request (the captured trace, by value: the
 * child's copy of memory is from the fork) over a socket pair and reads the text back, each
 * with the deadline. The child exits when the socket closes (the parent has exited or killed
 * it). A child that failed once is not started again: the rest of the report prints raw, so a
 * broken heap costs one timeout at most, never one per goroutine. The socket is written with
 * MSG_NOSIGNAL: a dead child is an error, not a SIGPIPE that kills the report.
 *
 * Locks. The child has one thread; a lock another thread of the parent held at the fork is
 * held forever in it. These are the locks the child's code (libdw, libelf, zlib, libc under
 * them; found by reading their imports and by a gdb run breaking on every libc function the
 * child enters) can take, and how each is kept from hanging it (tests: unit/symheap,
 * unit/symlocks, each with another thread holding the lock at the crash):
 *   - The allocator's (glibc's arena locks, ASan's size-class locks): the child allocates
 *     from a heap of its own (symheap.c).
 *   - stdio's list of streams: libdw reads /proc/PID/maps with fopen/getline/fclose, which link
 *     and unlink the stream under it; another thread holds it in fopen, fclose, fflush(NULL)
 *     or exit() (while writing, maybe to a blocked pipe). The streams' own locks: that stream
 *     is the child's own (and read unlocked, __fsetlocking), but an assertion failing in libdw
 *     writes to stderr, which another thread may hold (stopped in a write to a full pipe).
 *     All are reset (gort__symchild_unlock) as glibc's own fork resets them in its child.
 *   - The dynamic loader's (dlopen's dl_load_lock, dl_iterate_phdr's write lock) and the
 *     modules it would load: libdw dlopens libdebuginfod (and libcurl) when DEBUGINFOD_URLS is
 *     set and a frame's module has no local debug information. The child drops the variable
 *     from its environment (gort__symchild_unlock) and its dlopen loads nothing (symheap.c):
 *     no module is loaded, no network is asked while the crash waits. dl_iterate_phdr is not
 *     called (symheap.c reads _r_debug); lazy binding of libdw's calls takes no lock for
 *     modules loaded at start-up (glibc takes the loader's lock only to record a dependency
 *     on a dlopened module).
 *   - libdw's own rwlocks belong to its Dwarf objects, which the child creates (a fresh Dwfl);
 *     libelf has none; no locale or gettext lock is reached (error strings are never asked).
 * Not handled: pthread_once in libdw's debuginfod set-up (a once in progress in another
 * thread at the fork waits forever: raw fork does not advance glibc's fork generation, and the
 * once is libdw's private variable), reached only if another thread was in its first
 * debuginfod look-up at the crash; the loader's TLS lock, taken only when libdw's
 * thread-local error variable is first used by a thread and libdw was dlopened (with libgort
 * as a plugin), not linked. Each of these ends, at worst, as raw frames after the deadline.
 *
 * Alternatives rejected: a Dwfl prepared at start-up still allocates while it answers queries;
 * a private malloc arena for libdw in the crashing process would need to hook malloc
 * process-wide (the child's hook changes only the child's copy of the GOT); glibc's fork, whose
 * atfork handlers take the allocator's locks, hangs the crashing process when the crashed thread
 * holds one, and does nothing for ASan's allocator; a child per trace made a thousand-goroutine
 * report take seconds.
 */
#define _GNU_SOURCE
#include "traceback.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

/* How long the crash printer waits for its symbolizing child before printing raw frames. */
enum { CHILD_TIMEOUT_MS = 15000 }; /* 5 s is suspected too tight under ASan on a loaded machine */

/* A request: a trace to format at a level, or (one) a single frame, unfiltered. */
struct request {
    int level;
    bool cut_panic, one;
    gort__trace t;
};

static char child_out[1 << 18]; /* under child_mu */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static bool read_full(int fd, void *p, size_t n)
{
    for (size_t got = 0; got < n;) {
        ssize_t k = read(fd, (char *)p + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        got += (size_t)k;
    }
    return true;
}

/* The child's stack: the crash may be reported from a small alternate signal stack (a
 * sanitizer's: ASan gives each thread one of a few pages, and gort keeps it), on which libdw
 * would overflow. The child, a process of its own, moves to a fresh one first. */
enum { CHILD_STACK = 8 << 20 };

/* glibc's stdio, reset in the child as glibc's own fork resets it in its child: the list of
 * streams and each stream's lock. Exported since glibc 2.2.5, declared in no header since
 * libio.h went away; weak, so a C library without them still links (and its child may then
 * wait out the deadline). _IO_ITER is a pointer. */
extern void _IO_list_resetlock(void) __attribute__((weak));
extern void *_IO_iter_begin(void) __attribute__((weak));
extern void *_IO_iter_end(void) __attribute__((weak));
extern void *_IO_iter_next(void *) __attribute__((weak));
extern FILE *_IO_iter_file(void *) __attribute__((weak));

/* A stream's lock as glibc lays it out (nptl's _IO_lock_t: recursive, with its owner); all
 * zero is unlocked. */
struct stdio_lock {
    int lock, cnt;
    void *owner;
};

/* The locks besides the allocator's that the child would take (the design comment lists
 * them): stdio's are reset; the dynamic loader's is never reached. */
void gort__symchild_unlock(void)
{
    if (_IO_iter_begin && _IO_iter_end && _IO_iter_next && _IO_iter_file)
        for (void *i = _IO_iter_begin(); i != _IO_iter_end(); i = _IO_iter_next(i)) {
            FILE *f = _IO_iter_file(i);
            if ((f->_flags & _IO_USER_LOCK) == 0 && f->_lock != NULL)
                *(struct stdio_lock *)f->_lock = (struct stdio_lock){0};
        }
    if (_IO_list_resetlock)
        _IO_list_resetlock();
    /* No debuginfod: libdw would dlopen libdebuginfod (the loader's locks, modules on the
     * parent's allocator) or, loaded by the parent already, ask the network while the crash
     * waits. The variable is dropped from the child's copy of the environment in place:
     * unsetenv takes the environment's lock. */
    extern char **environ;
    char **w = environ;
    for (char **r = environ; r != NULL && *r != NULL; r++)
        if (strncmp(*r, "DEBUGINFOD_URLS=", 16) != 0)
            *w++ = *r;
    if (w != NULL)
        *w = NULL;
}

static _Noreturn void child_serve(int fd);

static int child_fd;
static void child_entry(void) { child_serve(child_fd); }

static _Noreturn void child_main(int fd)
{
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        signal(fatal[i], SIG_DFL);
    /* Nothing of the parent's allocator: another thread may have held one of its locks at
     * the fork (held forever here), or the crash corrupted it (symheap.c). */
    gort__symheap_install();
    gort__symchild_unlock();
    /* What a failing malloc, libdw or a sanitizer says goes nowhere: the parent prints the
     * report. Nor may the child hold the program's output open after the parent exits. */
    int nul = open("/dev/null", O_RDWR | O_CLOEXEC);
    for (int i = 0; nul >= 0 && i <= 2; i++)
        dup2(nul, i);
    static ucontext_t uc;
    void *stack = mmap(NULL, CHILD_STACK, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (stack != MAP_FAILED && getcontext(&uc) == 0) {
        uc.uc_stack.ss_sp = stack;
        uc.uc_stack.ss_size = CHILD_STACK;
        uc.uc_link = NULL;
        child_fd = fd;
        makecontext(&uc, child_entry, 0);
        setcontext(&uc);
    }
    child_serve(fd); /* no fresh stack: try on this one */
}

static _Noreturn void child_serve(int fd)
{
    gort__sym *s = gort__sym_fresh();
    static struct request rq;
    char buf[4096];
    while (read_full(fd, &rq, sizeof rq)) {
        gort__w w = {buf, sizeof buf, 0, fd};
        if (rq.one)
            gort__tb_format_first(s, &w, rq.t.head[0].pc);
        else
            gort__tb_format(s, &w, &rq.t, rq.level, rq.cut_panic);
        gort__wputs(&w, "\x01"); /* complete */
        gort__wflush(&w);
    }
    /* The raw system call: nothing of the parent's (stdio buffers, atexit handlers, a
     * sanitizer's exit hooks) may run twice. */
    for (;;)
        syscall(SYS_exit_group, 0);
}

/* The child of this report: pid 0 before the first request, -1 once it failed. */
static struct {
    pid_t pid;
    int fd;
} child;

static void child_stop(void)
{
    if (child.pid > 0) {
        kill(child.pid, SIGKILL);
        int st;
        while (waitpid(child.pid, &st, 0) < 0 && errno == EINTR)
            ;
        close(child.fd);
    }
    child.pid = -1;
}

static bool child_start(void)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return false;
    pid_t pid = (pid_t)syscall(SYS_fork);
    if (pid == 0) {
        close(sv[0]);
        child_main(sv[1]);
    }
    close(sv[1]);
    if (pid < 0) {
        close(sv[0]);
        return false;
    }
    child.pid = pid;
    child.fd = sv[0];
    return true;
}

static bool send_full(int fd, const void *p, size_t n)
{
    for (size_t sent = 0; sent < n;) {
        ssize_t k = send(fd, (const char *)p + sent, n - sent, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        sent += (size_t)k;
    }
    return true;
}

/* Sends rq and reads the answer into child_out; its length, or -1 (the child is then gone). */
static long child_call(const struct request *rq)
{
    if (child.pid == 0 && !child_start())
        child.pid = -1;
    if (child.pid < 0)
        return -1;
    if (!send_full(child.fd, rq, sizeof *rq)) {
        child_stop();
        return -1;
    }
    size_t len = 0;
    long deadline = now_ms() + CHILD_TIMEOUT_MS;
    while (len == 0 || child_out[len - 1] != '\x01') {
        long left = deadline - now_ms();
        if (left <= 0 || len == sizeof child_out)
            break;
        struct pollfd pf = {child.fd, POLLIN, 0};
        int r = poll(&pf, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        ssize_t k = read(child.fd, child_out + len, sizeof child_out - len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        len += (size_t)k;
    }
    if (len == 0 || child_out[len - 1] != '\x01') {
        child_stop();
        return -1;
    }
    return (long)len - 1;
}

/* child_out and the child are shared by the crash printer and the panic hook's capture (two
 * threads may be panicking at once). A thread that cannot take them within a second (their
 * holder crashed while holding them, or is stuck) prints raw frames instead of waiting. */
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

static struct request rq; /* under child_mu: 8 KiB, too large for a signal stack */

static void print(gort__w *w, const gort__trace *t, int level, bool cut_panic, bool one)
{
    long len = -1;
    bool locked = child_lock();
    if (locked) {
        rq.level = level;
        rq.cut_panic = cut_panic;
        rq.one = one;
        rq.t.total = t->total;
        rq.t.exact0 = t->exact0;
        memcpy(rq.t.head, t->head, sizeof t->head);
        memcpy(rq.t.tail, t->tail, sizeof t->tail);
        len = child_call(&rq);
        if (len >= 0)
            gort__wputn(w, child_out, (size_t)len);
        pthread_mutex_unlock(&child_mu);
    }
    if (len < 0)
        gort__tb_format_raw(w, t, !one && level >= GORT__TB_SYSTEM);
}

void gort__traceback_print(gort__w *w, const gort__trace *t, int level, bool cut_panic)
{
    print(w, t, level, cut_panic, false);
}

void gort__traceback_print_pc(gort__w *w, uintptr_t pc)
{
    static gort__trace one; /* under the crash lock */
    one.total = 1;
    one.exact0 = false;
    one.head[0].pc = pc;
    one.head[0].sp = 0;
    print(w, &one, GORT__TB_SINGLE, false, true);
}
