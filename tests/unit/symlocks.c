/*
 * symlocks.c — the symbolizing child (src/symchild.c) and the locks other threads hold when
 * the program crashes.
 *
 * The child is a copy of the crashed process made by the raw fork system call: a lock another
 * thread held at that instant is held forever in the child, whose only thread is the forking
 * one. src/symheap.c keeps the child away from the allocator's locks (unit/symheap); these are
 * the others the child would reach, each held deterministically by another thread when the
 * program panics. The report must still be symbolized (function names with file:line) and
 * come at once, not after the crash printer's 15 s deadline with raw frames:
 *
 *   - stdio's list of streams: a thread inside fflush(NULL) (as exit() does) blocked in a
 *     stream's write holds it, and libdw opens /proc/PID/maps with fopen, which links the new
 *     stream into that list. Before the fix the child waited out the deadline.
 *   - A debuginfod server configured (DEBUGINFOD_URLS, set by Fedora and by Debian's optional
 *     profile script) and a frame in a module with no local debug information (libdw's own:
 *     a callback from dwfl_getmodules): libdw dlopens libdebuginfod, libcurl and their
 *     dependencies in the child — modules whose allocator calls symheap.c never routed (glibc
 *     aborted with "free(): invalid pointer" and every frame printed raw) — and would query
 *     the network during a crash.
 *   - The same with another thread inside dl_iterate_phdr's callback, which holds the dynamic
 *     loader's lock that dlopen needs: the child waited out the deadline.
 *   - libdebuginfod already loaded by the process (it used debuginfod before the crash) and its
 *     server no longer answering: the child asked it (glibc aborted the child there, "free():
 *     invalid pointer": a block of the child's heap reached the parent's free by a way
 *     symheap.c does not route) and, had it survived, would have waited on the network.
 *   - A stream's own lock: another thread holds stderr's (stopped in a write to a full pipe),
 *     which the child writes to only when an assertion in libdw fails; that cannot be
 *     provoked, so the reset (gort__symchild_unlock) is checked in a raw-forked child.
 *
 * The libdw-frame cases show the fault only where libdw has no separate debug information
 * installed (the CI machine); with it, libdw never asks debuginfod and they pass either way.
 */
#include "check.h"

#include "../../src/traceback.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <elfutils/libdwfl.h>
#include <gort.h>
#include <link.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>

static int ready[2]; /* the holding thread says it holds the lock */

static void say_ready(void)
{
    char x = 1;
    (void)!write(ready[1], &x, 1);
}

static void wait_ready(void)
{
    char x;
    CHECK(read(ready[0], &x, 1) == 1, "the holder did not start");
}

static void start_holder(void *(*fn)(void *))
{
    CHECK(pipe(ready) == 0, "pipe");
    pthread_t t;
    CHECK(pthread_create(&t, NULL, fn, NULL) == 0, "pthread_create");
    wait_ready();
}

/* Runs fn in a death test; the report must be the panic `want`, symbolized at frame `fn_name`,
 * and must not have waited for the crash printer's deadline. */
static void check_symbolized(void (*fn)(void *), const char *want, const char *fn_name, const char *name)
{
    struct timespec t0, t1;
    struct death d;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_death(fn, NULL, &d);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    if (WIFEXITED(d.status) && WEXITSTATUS(d.status) == 77) {
        printf("ok - %s # skip: libdw has debug info here, or no debuginfod client is installed\n", name);
        return;
    }
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 2, "status %#x\n%s", d.status, d.err);
    char head[128], frame[128];
    snprintf(head, sizeof head, "panic: %s\n", want);
    snprintf(frame, sizeof frame, "%s(...)\n\t/", fn_name);
    CHECK(strncmp(d.err, head, strlen(head)) == 0, "%s", d.err);
    CHECK(strstr(d.err, frame) && strstr(d.err, "symlocks.c:"), "frames not symbolized (%ld ms):\n%s",
          ms, d.err);
    CHECK(ms < 10000, "took %ld ms (the symbolizing child waited out its deadline)", ms);
    ok(name);
}

/* ---- stdio's list of streams ------------------------------------------------------------ */

static ssize_t block_write(void *c, const char *buf, size_t n)
{
    (void)c;
    (void)buf;
    (void)n;
    say_ready();
    for (;;)
        pause(); /* inside fflush(NULL): stdio's list lock held until the process exits */
    return -1;
}

static void *flush_all(void *u)
{
    (void)u;
    FILE *f = fopencookie(NULL, "w", (cookie_io_functions_t){.write = block_write});
    CHECK(f != NULL, "fopencookie");
    fputs("pending", f); /* buffered: written by the flush */
    fflush(NULL);        /* takes the list lock, then writes every stream */
    return NULL;
}

static __attribute__((noinline)) void crash_with_list_locked(void) { go_panic_str("stdio list locked"); }

static void list_locked_child(void *u)
{
    (void)u;
    start_holder(flush_all);
    crash_with_list_locked();
}

/* ---- debuginfod and the dynamic loader -------------------------------------------------- */

static const Dwfl_Callbacks callbacks = {
    .find_elf = dwfl_linux_proc_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
};

static __attribute__((noinline)) void crash_in_libdw_callback(void) { go_panic_str("in a libdw callback"); }

static int each_module(Dwfl_Module *m, void **u, const char *name, Dwarf_Addr start, void *arg)
{
    (void)m, (void)u, (void)name, (void)start, (void)arg;
    crash_in_libdw_callback();
    return DWARF_CB_ABORT;
}

/* A Dwfl of this process's modules. */
static Dwfl *report_self(void)
{
    Dwfl *d = dwfl_begin(&callbacks);
    CHECK(d != NULL, "dwfl_begin");
    dwfl_report_begin(d);
    CHECK(dwfl_linux_proc_report(d, getpid()) == 0, "dwfl_linux_proc_report");
    dwfl_report_end(d, NULL, NULL);
    return d;
}

/* Panics in a callback from libdw, so the trace has a frame in a module without debug info. */
static void crash_under_libdw(void)
{
    /* A server that refuses at once: the child must not even try. */
    CHECK(setenv("DEBUGINFOD_URLS", "http://127.0.0.1:9", 1) == 0, "setenv");
    Dwfl *d = report_self();
    dwfl_getmodules(d, each_module, NULL, 0);
    CHECK(false, "dwfl_getmodules returned");
}

static void debuginfod_child(void *u)
{
    (void)u;
    crash_under_libdw();
}

static int in_phdr(struct dl_phdr_info *info, size_t n, void *u)
{
    (void)info, (void)n, (void)u;
    say_ready();
    for (;;)
        pause(); /* holding the dynamic loader's lock until the process exits */
    return 1;
}

static void *iterate_phdr(void *u)
{
    (void)u;
    dl_iterate_phdr(in_phdr, NULL);
    return NULL;
}

static void loader_locked_child(void *u)
{
    (void)u;
    start_holder(iterate_phdr);
    crash_under_libdw();
}

/* A debuginfod server that accepts connections and never answers; its URL. */
static void silent_server(char *url, size_t n)
{
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    CHECK(s >= 0 && bind(s, (struct sockaddr *)&a, sizeof a) == 0 && listen(s, 64) == 0 &&
              getsockname(s, (struct sockaddr *)&a, &len) == 0,
          "listen: %s", strerror(errno));
    snprintf(url, n, "http://127.0.0.1:%d", ntohs(a.sin_port));
}

static char cache_dir[] = "/tmp/gort-symlocks-XXXXXX";

/* The process has used debuginfod itself before the crash (libdebuginfod is loaded), and its
 * server has stopped answering. */
static void debuginfod_loaded_child(void *u)
{
    (void)u;
    CHECK(setenv("DEBUGINFOD_CACHE_PATH", cache_dir, 1) == 0, "setenv");
    CHECK(setenv("DEBUGINFOD_URLS", "http://127.0.0.1:9", 1) == 0, "setenv");
    Dwfl *d = report_self();
    Dwfl_Module *m = dwfl_addrmodule(d, (Dwarf_Addr)(uintptr_t)&dwfl_begin);
    Dwarf_Addr bias;
    CHECK(m != NULL, "libdw's module");
    bool local = dwfl_module_getdwarf(m, &bias) != NULL; /* asks the refusing server */
    if (local || dlopen("libdebuginfod.so.1", RTLD_LAZY | RTLD_NOLOAD) == NULL)
        _exit(77); /* libdw has debug info here, or no debuginfod client is installed */
    char url[64];
    silent_server(url, sizeof url);
    CHECK(setenv("DEBUGINFOD_URLS", url, 1) == 0, "setenv");
    dwfl_getmodules(d, each_module, NULL, 0);
    CHECK(false, "dwfl_getmodules returned");
}

/* ---- a stream's own lock ---------------------------------------------------------------- */

static void *hold_stderr(void *u)
{
    (void)u;
    flockfile(stderr); /* as a thread stopped inside an fprintf to a full pipe holds it */
    say_ready();
    for (;;)
        pause();
    return NULL;
}

/* The child writes to stderr only when libdw fails an assertion, which a test cannot provoke:
 * the reset itself is checked, in a child forked as the crash printer forks its own (raw
 * system call: none of glibc's resets). Nothing here may print to stderr but that child. */
static void stream_locked_child(void *u)
{
    (void)u;
    start_holder(hold_stderr);
    pid_t pid = (pid_t)syscall(SYS_fork);
    if (pid == 0) {
        alarm(5); /* a child waiting on the lock dies of SIGALRM */
        gort__symchild_unlock();
        fputs("written by the child\n", stderr);
        fflush(stderr);
        syscall(SYS_exit_group, 0);
    }
    int st = 0;
    while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    /* Not _exit: TSan's flushes stderr. */
    syscall(SYS_exit_group, pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 3);
}

static void check_stream_reset(void)
{
    struct death d;
    run_death(stream_locked_child, NULL, &d);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 0 && strcmp(d.err, "written by the child\n") == 0,
          "status %#x (3: the raw-forked child waited on stderr's lock)\n%s", d.status, d.err);
    ok("symlocks: another thread holds stderr's lock at a raw fork; after gort__symchild_unlock "
       "the child writes to it");
}

/* With an argument (1 to 5), runs that case only. */
int main(int argc, char **argv)
{
    int only = argc > 1 ? atoi(argv[1]) : 0;
    if (only == 0 || only == 1)
        check_symbolized(list_locked_child, "stdio list locked", "crash_with_list_locked",
                         "symlocks: another thread holds stdio's list lock (in fflush(NULL)) at "
                         "the crash; the report is symbolized");
    if (only == 0 || only == 2)
        check_symbolized(debuginfod_child, "in a libdw callback", "crash_in_libdw_callback",
                         "symlocks: DEBUGINFOD_URLS set, a frame without local debug info; the "
                         "child loads nothing, the report is symbolized");
    if (only == 0 || only == 3)
        check_symbolized(loader_locked_child, "in a libdw callback", "crash_in_libdw_callback",
                         "symlocks: another thread inside dl_iterate_phdr's callback at the "
                         "crash; the report is symbolized");
    if (only == 0 || only == 4) {
        CHECK(mkdtemp(cache_dir) != NULL, "mkdtemp: %s", strerror(errno));
        check_symbolized(debuginfod_loaded_child, "in a libdw callback", "crash_in_libdw_callback",
                         "symlocks: libdebuginfod loaded before the crash, its server silent; "
                         "the child does not ask it, the report is symbolized");
        char rm[64];
        snprintf(rm, sizeof rm, "rm -rf %s", cache_dir);
        CHECK(system(rm) == 0, "%s", rm);
    }
    if (only == 0 || only == 5)
        check_stream_reset();
    return 0;
}
