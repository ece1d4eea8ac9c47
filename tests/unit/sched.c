/*
 * sched.c — the scheduler seen from a program: spawning and joining, goroutine ids, fair
 * yields, sleep order, Mutex / RWMutex / WaitGroup under contention on one and two workers,
 * plain threads blocking on the same objects, per-goroutine defer and panic chains across
 * switches, GOMAXPROCS changes, stack size, and the goroutine dump.
 *
 * The tests run in order in one process: the first ones with GOMAXPROCS 1 (the scheduler
 * starts with one worker, the main thread), then the rest with 2.
 */
#include "check.h"

#include <gort.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- spawn and join, with word arguments ------------------------------------------------ */

/* GCC's TSan counts each fiber as a thread and allows 8128 alive: fewer goroutines there. */
#if defined(__SANITIZE_THREAD__)
#define UNIT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNIT_TSAN 1
#endif
#endif
#ifdef UNIT_TSAN
enum { SPAWN = 4000 };
#else
enum { SPAWN = 10000 };
#endif
static int64_t spawned[SPAWN];
static go_waitgroup wg;

static void set_slot(long i, int64_t *arr, long k)
{
    arr[i] = go_goid() * 1000000 + i + k;
    go_wg_done(&wg);
}

static void test_spawn_join(void)
{
    for (long i = 0; i < SPAWN; i++) {
        go_wg_add(&wg, 1);
        go_go_args(set_slot, i, spawned, 7);
    }
    go_wg_wait(&wg);
    for (long i = 0; i < SPAWN; i++) {
        CHECK(spawned[i] % 1000000 == i + 7, "goroutine %ld: wrong arguments (%lld)", i,
              (long long)spawned[i]);
        int64_t id = spawned[i] / 1000000;
        CHECK(id > 1, "goroutine %ld has id %lld", i, (long long)id);
    }
    /* ids are distinct */
    for (long i = 1; i < SPAWN; i++)
        CHECK(spawned[i] / 1000000 != spawned[i - 1] / 1000000, "two goroutines share id %lld",
              (long long)(spawned[i] / 1000000));
    CHECK(go_goid() == 1, "main is goroutine %lld", (long long)go_goid());
    ok("spawn 10000 (TSan: 4000) goroutines with 3 word arguments, join with a WaitGroup, distinct ids");
}

/* ---- fairness: strict round robin on one worker ----------------------------------------- */

enum { RR = 4, ROUNDS = 50 };
static int order[RR * ROUNDS];
static int norder;

static void rr(void *arg)
{
    int me = (int)(intptr_t)arg;
    int64_t id = go_goid();
    for (int i = 0; i < ROUNDS; i++) {
        order[norder++] = me; /* one worker: no data race */
        go_yield();
        CHECK(go_goid() == id, "goroutine id changed across a yield");
    }
    go_wg_done(&wg);
}

static volatile int flag;
static void spin_until_flag(void *unused)
{
    (void)unused;
    while (!flag)
        go_yield(); /* must not starve the setter */
    go_wg_done(&wg);
}
static void set_flag(void *unused)
{
    (void)unused;
    flag = 1;
    go_wg_done(&wg);
}

static void test_fair_yield(void)
{
    CHECK(go_gomaxprocs(0) == 1, "GOMAXPROCS %d, want 1", go_gomaxprocs(0));
    for (int i = 0; i < RR; i++) {
        go_wg_add(&wg, 1);
        go_go(rr, (void *)(intptr_t)i);
    }
    go_wg_wait(&wg);
    CHECK(norder == RR * ROUNDS, "%d turns", norder);
    for (int i = RR; i < norder; i++)
        CHECK(order[i] == order[i - RR], "turn %d went to %d, want %d (round robin)", i, order[i],
              order[i - RR]);
    go_wg_add(&wg, 2);
    go_go(spin_until_flag, NULL);
    go_go(set_flag, NULL);
    go_wg_wait(&wg);
    ok("one worker: yielding goroutines run round robin; a yield loop does not starve others");
}

/* ---- sleep ------------------------------------------------------------------------------ */

static go_mutex mu;
static int woke[5], nwoke;

static void sleeper(void *arg)
{
    long ms = (long)arg;
    int64_t t0 = now_ns();
    go_sleep(ms * 1000000);
    int64_t slept = now_ns() - t0;
    CHECK(slept >= ms * 1000000, "slept %lld ns, asked %ld ms", (long long)slept, ms);
    go_mutex_lock(&mu);
    woke[nwoke++] = (int)ms;
    go_mutex_unlock(&mu);
    go_wg_done(&wg);
}

static void test_sleep(void)
{
    static const long ms[5] = {150, 30, 120, 60, 90}; /* 30 ms apart: robust on a busy machine */
    for (int i = 0; i < 5; i++) {
        go_wg_add(&wg, 1);
        go_go(sleeper, (void *)ms[i]);
    }
    go_wg_wait(&wg);
    for (int i = 0; i < 5; i++)
        CHECK(woke[i] == 30 * (i + 1), "wake %d was the %d ms sleeper", i, woke[i]);
    go_sleep(0);
    go_sleep(-5);
    ok("go_sleep: sleepers wake in deadline order, never early; ns <= 0 returns");
}

/* ---- Mutex, RWMutex under contention ---------------------------------------------------- */

enum { MU_G = 8, MU_N = 2000 };
static long counter;

static void mu_worker(void *unused)
{
    (void)unused;
    for (int i = 0; i < MU_N; i++) {
        go_mutex_lock(&mu);
        long c = counter;
        if (i % 64 == 0)
            go_yield(); /* parked holders make others queue */
        counter = c + 1;
        go_mutex_unlock(&mu);
    }
    go_wg_done(&wg);
}

static go_rwmutex rw;
static int readers_in, writer_in;

static void rw_reader(void *unused)
{
    (void)unused;
    for (int i = 0; i < 200; i++) {
        go_rwmutex_rlock(&rw);
        __atomic_add_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
        CHECK(__atomic_load_n(&writer_in, __ATOMIC_SEQ_CST) == 0, "reader inside with a writer");
        go_yield();
        __atomic_sub_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
        go_rwmutex_runlock(&rw);
    }
    go_wg_done(&wg);
}

static void rw_writer(void *unused)
{
    (void)unused;
    for (int i = 0; i < 100; i++) {
        go_rwmutex_lock(&rw);
        CHECK(__atomic_add_fetch(&writer_in, 1, __ATOMIC_SEQ_CST) == 1, "two writers inside");
        CHECK(__atomic_load_n(&readers_in, __ATOMIC_SEQ_CST) == 0, "writer inside with readers");
        go_yield();
        __atomic_sub_fetch(&writer_in, 1, __ATOMIC_SEQ_CST);
        go_rwmutex_unlock(&rw);
    }
    go_wg_done(&wg);
}

static go_waitgroup all_in;

static void rw_sharer(void *unused)
{
    (void)unused;
    go_rwmutex_rlock(&rw);
    go_wg_done(&all_in);
    go_wg_wait(&all_in); /* deadlocks unless the other readers got in too */
    go_rwmutex_runlock(&rw);
    go_wg_done(&wg);
}

static void test_mutexes(const char *label)
{
    counter = 0;
    for (int i = 0; i < MU_G; i++) {
        go_wg_add(&wg, 1);
        go_go(mu_worker, NULL);
    }
    go_wg_wait(&wg);
    CHECK(counter == MU_G * MU_N, "counter %ld, want %d", counter, MU_G * MU_N);
    CHECK(go_mutex_trylock(&mu), "trylock of a free mutex");
    CHECK(!go_mutex_trylock(&mu), "trylock of a held mutex");
    go_mutex_unlock(&mu);
    for (int i = 0; i < 6; i++) {
        go_wg_add(&wg, 1);
        go_go(i < 4 ? rw_reader : rw_writer, NULL);
    }
    go_wg_wait(&wg);
    /* Readers share: four hold the read lock at once (each waits for the others inside). */
    go_wg_add(&all_in, 4);
    for (int i = 0; i < 4; i++) {
        go_wg_add(&wg, 1);
        go_go(rw_sharer, NULL);
    }
    go_wg_wait(&wg);
    char name[160];
    snprintf(name, sizeof name,
             "%s: Mutex keeps 8x2000 increments exact with holders parked; RWMutex: readers "
             "share (4 at once), writers exclusive",
             label);
    ok(name);
}

/* ---- plain threads and goroutines on the same objects --------------------------------- */

static go_mutex tmu;
static go_waitgroup twg, tlocked;
static int thread_saw;

static void hold_then_release(void *first)
{
    go_mutex_lock(&tmu);
    if (first)
        go_wg_done(&tlocked);
    go_sleep(20 * 1000000);
    thread_saw = 1;
    go_mutex_unlock(&tmu);
    go_wg_done(&twg);
}

static void *plain_thread(void *unused)
{
    (void)unused;
    go_sleep(1000000);         /* a thread: nanosleep */
    go_wg_wait(&tlocked);      /* parks the thread until the goroutine holds the mutex */
    go_mutex_lock(&tmu);       /* parks the thread until the goroutine unlocks */
    CHECK(thread_saw == 1, "thread got the mutex before the goroutine released it");
    go_mutex_unlock(&tmu);
    for (int i = 0; i < 10; i++) {
        go_wg_add(&twg, 1);
        go_go(hold_then_release, NULL); /* a thread may start goroutines */
    }
    go_wg_wait(&twg);          /* and wait for them */
    go_yield();
    return NULL;
}

static void test_threads(void)
{
    go_wg_add(&twg, 1);
    go_wg_add(&tlocked, 1);
    go_go(hold_then_release, (void *)1);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, plain_thread, NULL) == 0, "pthread_create");
    pthread_join(t, NULL);
    ok("a plain thread blocks on a goroutine's Mutex and WaitGroup, starts goroutines");
}

/* ---- per-goroutine defer and panic chains across switches ------------------------------ */

enum { CHAINS = 200 };
static int chain_ok[CHAINS];

static void yielding_deferred(void *slot)
{
    go_yield();
    go_any r = go_recover();
    if (!go_is_nil(r) && r.v.i == (int64_t)((int *)slot - chain_ok))
        *(int *)slot += 1;
    go_yield();
}

static void count_deferred(void *slot)
{
    go_yield();
    *(int *)slot += 10;
}

static int chain_body(int i)
{
    int result = -1;
    go_frame(result);
    go_defer(count_deferred, &chain_ok[i]);
    go_defer(yielding_deferred, &chain_ok[i]);
    go_yield();
    go_panic_int(i);
    return 0;
}

static void chain(void *arg)
{
    int i = (int)(intptr_t)arg;
    int r = chain_body(i);
    if (r == -1)
        chain_ok[i] += 100;
    go_wg_done(&wg);
}

static void test_chains(void)
{
    for (int i = 0; i < CHAINS; i++) {
        go_wg_add(&wg, 1);
        go_go(chain, (void *)(intptr_t)i);
    }
    go_wg_wait(&wg);
    for (int i = 0; i < CHAINS; i++)
        CHECK(chain_ok[i] == 111, "goroutine %d: %d", i, chain_ok[i]);
    ok("200 goroutines panic and recover their own values with yields inside deferred calls");
}

/* ---- GOMAXPROCS changes, stack size, goroutine count, dump ------------------------------ */

static void deep(void *unused)
{
    (void)unused;
    volatile char buf[40000];
    for (size_t i = 0; i < sizeof buf; i += 512)
        buf[i] = (char)i;
    go_yield();
    CHECK(buf[512] == (char)512, "stack memory changed across a yield");
    go_wg_done(&wg);
}

static go_waitgroup gate;
static void park_on_gate(void *unused)
{
    (void)unused;
    go_wg_wait(&gate);
    go_wg_done(&wg);
}

static void test_misc(void)
{
    CHECK(go_gomaxprocs(1) == 2, "previous GOMAXPROCS");
    test_mutexes("GOMAXPROCS 2 -> 1");
    CHECK(go_gomaxprocs(2) == 1, "previous GOMAXPROCS");
    size_t prev = go_set_stack_size(64 * 1024);
    CHECK(prev >= 16 * 1024, "stack size %zu", prev);
    CHECK(go_set_stack_size(0) == 64 * 1024, "stack size not set");
    go_wg_add(&wg, 1);
    go_go(deep, NULL);
    go_wg_wait(&wg);
    go_set_stack_size(prev);
    go_wg_add(&gate, 1);
    int before = go_num_goroutine();
    for (int i = 0; i < 5; i++) {
        go_wg_add(&wg, 1);
        go_go(park_on_gate, NULL);
    }
    go_sleep(10 * 1000000);
    /* Earlier goroutines may still be finishing their exit: at most `before` + 5. */
    int now = go_num_goroutine();
    CHECK(now >= 6 && now <= before + 5, "NumGoroutine %d, want 6..%d", now, before + 5);
    gort_dump(); /* goes to stderr; must not crash with parked goroutines */
    go_wg_done(&gate);
    go_wg_wait(&wg);
    ok("GOMAXPROCS 2 -> 1 -> 2 with goroutines running; a 64 KiB stack holds 40 KB; "
       "NumGoroutine; gort_dump");
}

/* ---- a goroutine left in runnext is served by the idle worker ---------------------------- */

/* The spawner leaves its child in its runnext and then computes without ever reaching the
 * scheduler: the other worker (asleep, so each spawn wakes it, or spinning) must take the
 * child. Exercises the thieves' rules for a runnext: the wait of SPIN_NEXT_NS, and no theft
 * while the victim is inside a wake-up (src/sched.c, "Two workers"); a rule that left the
 * child there for good makes this loop time out. */
static int runnext_flag;
static void set_runnext_flag(void *unused)
{
    (void)unused;
    __atomic_store_n(&runnext_flag, 1, __ATOMIC_RELEASE);
}

static void test_runnext_served(void)
{
    enum { N = 200 };
    for (int i = 0; i < N; i++) {
        __atomic_store_n(&runnext_flag, 0, __ATOMIC_RELAXED);
        if (i % 2)
            go_sleep(200 * 1000); /* let the other worker fall asleep: the spawn wakes it */
        go_go(set_runnext_flag, NULL);
        int64_t t0 = now_ns();
        while (!__atomic_load_n(&runnext_flag, __ATOMIC_ACQUIRE))
            if (now_ns() - t0 > 20 * 1000000000LL) {
                CHECK(0, "spawn %d: the child left in runnext did not run in 20 s while the "
                         "spawner computed", i);
                break;
            }
    }
    ok("GOMAXPROCS 2: a child left in its spawner's runnext while the spawner computes runs on "
       "the other worker (200 spawns, half of them waking it)");
}

int main(void)
{
    CHECK(go_gomaxprocs(1) >= 1, "query before start");
    test_spawn_join();
    test_fair_yield();
    test_sleep();
    test_mutexes("GOMAXPROCS 1");
    go_gomaxprocs(2);
    test_spawn_join();
    test_mutexes("GOMAXPROCS 2");
    test_threads();
    test_chains();
    test_runnext_served();
    test_misc();
    return 0;
}
