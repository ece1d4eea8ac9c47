/*
 * signal_chain.c — the program's own SIGSEGV handler, installed before gort's initialisation
 * (by a constructor that runs before the library's), and GORT_SIGNALS=0:
 *   - a NULL dereference is still gort's run-time error panic (gort's handler comes first);
 *   - a fault gort does not turn into a panic (here: a write to a PROT_NONE page) is passed to
 *     the program's handler, which makes the page writable and returns: the write then
 *     succeeds, as it would without gort;
 *   - raise(SIGSEGV) goes to the program's handler too (not a fault);
 *   - with GORT_SIGNALS=0 in the environment (this program re-runs itself), gort installs no
 *     handler: a NULL dereference kills the process with SIGSEGV.
 * Under a sanitizer, gort never chains to the handler found at start-up (it is taken to be the
 * sanitizer's own): the chaining checks are skipped there, visibly.
 */
#include "check.h"

#include <gort.h>
#include <signal.h>
#include <stdint.h>
#include <fcntl.h>
#include <sys/mman.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined")))

static volatile int calls;
static volatile uintptr_t last_addr;
static char *page;

static void program_handler(int sig, siginfo_t *info, void *uc)
{
    (void)sig, (void)uc;
    calls++;
    last_addr = (uintptr_t)info->si_addr;
    if (page && last_addr >= (uintptr_t)page && last_addr < (uintptr_t)page + 4096)
        mprotect(page, 4096, PROT_READ | PROT_WRITE);
}

/* Runs before gort's own constructor (prioritised constructors run before default ones). */
__attribute__((constructor(101))) static void install_before_gort(void)
{
    const char *e = getenv("GORT_SIGNALS");
    if (e && strcmp(e, "0") == 0)
        return; /* the GORT_SIGNALS=0 run: no handler at all */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = program_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
}

static char recovered[128];
static void keep(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    if (!go_is_nil(r))
        go_any_format(r, recovered, sizeof recovered);
}

static FAULTS int deref(int *volatile p) { return *p; }

static __attribute__((noinline)) int nil_deref(void)
{
    int result = -1;
    go_frame(result);
    go_defer(keep, NULL);
    return deref(NULL);
}

static FAULTS __attribute__((unused)) void write_page(void) { ((volatile char *)page)[8] = 42; }

int main(int argc, char **argv)
{
    const char *e = getenv("GORT_SIGNALS");
    if (argc > 1 && strcmp(argv[1], "nil") == 0 && e && strcmp(e, "0") == 0)
        return deref(NULL); /* the GORT_SIGNALS=0 run */

    CHECK(nil_deref() == -1, "no recovery");
    CHECK_STR(recovered, "runtime error: invalid memory address or nil pointer dereference");
    CHECK(calls == 0, "the program's handler saw gort's nil dereference");
    ok("with a program handler installed before gort, a NULL dereference is still a panic");

#ifdef UNIT_SANITIZER
    printf("ok - chaining to the earlier handler # skip (under a sanitizer the handler found at start-up is the sanitizer's; gort does not chain to it)\n");
#else
    page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(page != MAP_FAILED, "mmap");
    write_page();
    CHECK(calls == 1 && last_addr == (uintptr_t)page + 8, "calls %d addr %#lx", calls,
          (unsigned long)last_addr);
    CHECK(page[8] == 42, "the write did not happen after the handler fixed the page");
    ok("a fault gort does not turn into a panic goes to the earlier handler, which may fix it");

    raise(SIGSEGV);
    CHECK(calls == 2, "raise(SIGSEGV) did not reach the earlier handler");
    ok("raise(SIGSEGV) goes to the earlier handler");
#endif

    /* GORT_SIGNALS=0: re-run this program with a NULL dereference. */
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0, "fork");
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        setenv("GORT_SIGNALS", "0", 1);
        execl("/proc/self/exe", argv[0], "nil", (char *)NULL);
        _exit(98);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        CHECK(errno == EINTR, "waitpid");
#ifdef UNIT_SANITIZER
    CHECK(!(WIFEXITED(status) && WEXITSTATUS(status) == 2), "gort handled the fault");
    ok("GORT_SIGNALS=0: the fault is not gort's (the sanitizer reports it)");
#else
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %#x", status);
    ok("GORT_SIGNALS=0: gort installs no handler, a NULL dereference kills the process with SIGSEGV");
#endif
    return 0;
}
