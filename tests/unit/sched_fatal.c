/*
 * sched_fatal.c — how goroutine programs die: the deadlock report lists every goroutine with
 * its wait reason and `created by` line; GOTRACEBACK=all adds the other goroutines to a panic;
 * a goroutine panic names its creator; running out of stack memory names the limits.
 *
 * Each case runs in a forked child (check.h) of a parent that never starts the scheduler:
 * fork copies only the calling thread, so each child starts its own.
 */
#include "check.h"

#include <gort.h>
#include <sys/resource.h>

static go_mutex mu;
static go_rwmutex rw;
static go_waitgroup wg, never;

static void lock_mutex(void *unused)
{
    (void)unused;
    go_mutex_lock(&mu);
}
static void rlock(void *unused)
{
    (void)unused;
    go_rwmutex_rlock(&rw);
}
static void wlock(void *unused)
{
    (void)unused;
    go_rwmutex_lock(&rw);
}
static void wait_never(void *unused)
{
    (void)unused;
    go_wg_wait(&never);
}

/* Every goroutine blocked: the report shows each with its wait reason. */
static void deadlock_all(void *unused)
{
    (void)unused;
    go_wg_add(&never, 1);
    go_mutex_lock(&mu);
    go_rwmutex_lock(&rw);
    go_go(lock_mutex, NULL);
    go_go(rlock, NULL);
    go_go(wlock, NULL);
    go_go(wait_never, NULL);
    go_wg_wait(&never);
}

static void sleep_long(void *unused)
{
    (void)unused;
    go_sleep(60LL * 1000000000);
}

static void panic_later(void *unused)
{
    (void)unused;
    go_sleep(10 * 1000000);
    go_panic("goroutine panic");
}

/* GOTRACEBACK=all: a goroutine's panic report lists the sleeping one and main. */
static void panic_all(void *unused)
{
    (void)unused;
    setenv("GOTRACEBACK", "all", 1);
    go_go(sleep_long, NULL);
    go_go(panic_later, NULL);
    go_wg_add(&wg, 1);
    go_wg_wait(&wg);
}

static void panic_single(void *unused)
{
    (void)unused;
    unsetenv("GOTRACEBACK");
    go_go(sleep_long, NULL);
    go_go(panic_later, NULL);
    go_wg_add(&wg, 1);
    go_wg_wait(&wg);
}

static void parked(void *unused)
{
    (void)unused;
    go_wg_wait(&never);
}

/* No memory for stacks: the fatal error names the limits. */
static __attribute__((unused)) void no_stack_memory(void *unused)
{
    (void)unused;
    struct rlimit rl = {256u << 20, 256u << 20};
    setrlimit(RLIMIT_AS, &rl);
    go_wg_add(&never, 1);
    go_set_stack_size(8u << 20);
    for (int i = 0; i < 1000; i++)
        go_go(parked, NULL);
    go_wg_wait(&never);
}

static void deadlock_thread_only(void *unused)
{
    (void)unused;
    go_wg_add(&never, 1);
    go_wg_wait(&never); /* no goroutine was ever started: main is a plain thread */
}

int main(void)
{
    struct death d;
    run_death(deadlock_all, NULL, &d);
    check_fatal("deadlock", &d, "fatal error: all goroutines are asleep - deadlock!",
                "goroutine 1 [semacquire]:", "[sync.Mutex.Lock]:", "[sync.RWMutex.RLock]:",
                "[sync.RWMutex.Lock]:", "created by ", " in goroutine 1", NULL);
    CHECK(strstr(d.err, "goroutine 1 [semacquire]:") < strstr(d.err, "[sync.Mutex.Lock]"),
          "goroutine 1 is not listed first:\n%s", d.err);
    ok("deadlock: every goroutine listed with its wait reason and creator, goroutine 1 first");

    run_death(deadlock_thread_only, NULL, &d);
    check_fatal("deadlock of a plain thread", &d,
                "fatal error: all goroutines are asleep - deadlock!", "goroutine 1 [semacquire]:",
                NULL);
    ok("deadlock without a scheduler: the main thread parked on a WaitGroup");

    run_death(panic_all, NULL, &d);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 2, "exit status %d", d.status);
    CHECK(strncmp(d.err, "panic: goroutine panic\n\ngoroutine ", 34) == 0, "report:\n%s", d.err);
    CHECK(strstr(d.err, "[running]:") && strstr(d.err, "[sleep]:") &&
              strstr(d.err, "goroutine 1 [semacquire]:") && strstr(d.err, "created by "),
          "GOTRACEBACK=all report lacks a goroutine:\n%s", d.err);
    ok("GOTRACEBACK=all: a goroutine's panic lists the sleeping goroutine and main");

    run_death(panic_single, NULL, &d);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 2, "exit status %d", d.status);
    CHECK(!strstr(d.err, "[sleep]:") && !strstr(d.err, "[semacquire]:"),
          "GOTRACEBACK=single lists other goroutines:\n%s", d.err);
    CHECK(strstr(d.err, "created by ") && strstr(d.err, " in goroutine 1\n"),
          "no created-by line:\n%s", d.err);
    ok("GOTRACEBACK=single: only the panicking goroutine, with its created-by line");

#ifndef UNIT_SANITIZER
    run_death(no_stack_memory, NULL, &d);
    check_fatal("no stack memory", &d, "cannot allocate goroutine stack", "vm.max_map_count=",
                "mappings", NULL);
    ok("out of address space for stacks: a fatal error naming the limits");
#endif
    return 0;
}
