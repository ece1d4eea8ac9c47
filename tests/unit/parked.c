/*
 * parked.c — 100,000 goroutines parked at once: they all get stacks and run, they all wake,
 * and the memory they take while parked is measured (resident set growth per goroutine).
 * The figure is printed; the check is a generous bound (16 KB per goroutine; the target is
 * 5 KB) so that it fails only on a real regression, such as stacks being touched in full.
 * Sanitizer builds park 10,000 (TSan 4,000) and skip the memory check (their shadow memory dominates).
 *
 * The run is repeated in a child with GORT_STACK_GUARD=mprotect and 30,000 goroutines: the
 * guard path of kernels without MADV_GUARD_INSTALL, past its mapping budget into canary
 * stacks (bound 16 KB as well).
 */
#include "check.h"

#include <gort.h>

#if defined(__SANITIZE_THREAD__)
#define UNIT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNIT_TSAN 1
#endif
#endif
#ifdef UNIT_TSAN
static int N = 4000; /* GCC's TSan counts fibers as threads, at most 8128 alive */
#elif defined(UNIT_SANITIZER)
static int N = 10000;
#else
static int N = 100000;
#endif
enum { NMAX = 100000 };

static go_waitgroup gate, started, finished;
static int ran[NMAX];

static void parked(void *arg)
{
    int i = (int)(intptr_t)arg;
    ran[i] = 1;
    go_wg_done(&started);
    go_wg_wait(&gate);
    ran[i] = 2;
    go_wg_done(&finished);
}

static long rss_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * sysconf(_SC_PAGESIZE);
}

static void nothing(void *unused)
{
    (void)unused;
    go_wg_done(&finished);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        N = atoi(argv[1]);
#ifndef UNIT_SANITIZER
    if (argc == 1) {
        setenv("GORT_STACK_GUARD", "mprotect", 1);
        fflush(stdout);
        pid_t pid = fork();
        CHECK(pid >= 0, "fork");
        if (pid == 0) {
            execl("/proc/self/exe", argv[0], "30000", (char *)NULL);
            _exit(127);
        }
        int st;
        CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
              "the GORT_STACK_GUARD=mprotect run failed (status %d)", st);
        unsetenv("GORT_STACK_GUARD");
    }
#endif
    /* Start the scheduler (workers, their stacks) before the first measurement. */
    go_wg_add(&finished, 1);
    go_go(nothing, NULL);
    go_wg_wait(&finished);

    go_wg_add(&gate, 1);
    go_wg_add(&started, N);
    go_wg_add(&finished, N);
    long before = rss_bytes();
    for (int i = 0; i < N; i++)
        go_go(parked, (void *)(intptr_t)i);
    go_wg_wait(&started);
    long after = rss_bytes();
    for (int i = 0; i < N; i++)
        CHECK(ran[i] == 1, "goroutine %d did not run", i);
    CHECK(go_num_goroutine() >= N + 1, "NumGoroutine %d", go_num_goroutine());
    go_wg_done(&gate);
    go_wg_wait(&finished);
    for (int i = 0; i < N; i++)
        CHECK(ran[i] == 2, "goroutine %d did not wake", i);
    long per = (after - before) / N;
    char msg[200];
    snprintf(msg, sizeof msg,
             "%d goroutines parked at once, all woke; %ld bytes RSS each while parked%s", N, per,
             getenv("GORT_STACK_GUARD") ? " (GORT_STACK_GUARD=mprotect)" : "");
#ifndef UNIT_SANITIZER
    CHECK(per < 16 * 1024, "%ld bytes per parked goroutine", per);
#endif
    ok(msg);
    return 0;
}
