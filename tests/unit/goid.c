/*
 * goid.c — goroutine ids: the main thread is goroutine 1; every other thread that uses gort
 * gets an id > 1 of its own, stable for its life (in deferred calls too), distinct from every
 * other thread's, alive at the same time or not (ids are not reused).
 */
#include "check.h"

#include <gort.h>
#include <pthread.h>
#include <stdint.h>

enum { ROUNDS = 8, PER_ROUND = 16 };

static int64_t ids[ROUNDS * PER_ROUND];
static int64_t grandchild_ids[ROUNDS * PER_ROUND];
static pthread_barrier_t round_barrier;

static void note_id(void *slot) { *(int64_t *)slot = go_goid(); }

/* Defers a call that records the id it runs under. */
static __attribute__((noinline)) void defer_note(int64_t *slot)
{
    go_frame_void();
    go_defer(note_id, slot);
}

static void *grandchild(void *arg)
{
    *(int64_t *)arg = go_goid();
    return NULL;
}

static void *thread_main(void *arg)
{
    int64_t *slot = arg;
    int64_t first = go_goid();
    for (int i = 0; i < 1000; i++)
        CHECK(go_goid() == first, "id changed within a thread: %lld then %lld", (long long)first,
              (long long)go_goid());
    int64_t in_defer = 0;
    defer_note(&in_defer);
    CHECK(in_defer == first, "deferred call saw id %lld, thread has %lld", (long long)in_defer,
          (long long)first);
    *slot = first;
    /* A thread started by a non-main thread is a goroutine of its own too. */
    pthread_t t;
    CHECK(pthread_create(&t, NULL, grandchild, &grandchild_ids[slot - ids]) == 0, "pthread_create");
    pthread_join(t, NULL);
    pthread_barrier_wait(&round_barrier); /* a round's threads are all alive together here */
    return NULL;
}

int main(void)
{
    CHECK(go_goid() == 1, "main thread's id is %lld, want 1", (long long)go_goid());
    int64_t in_defer = 0;
    defer_note(&in_defer);
    CHECK(in_defer == 1, "main's deferred call saw id %lld", (long long)in_defer);
    ok("main thread is goroutine 1");

    for (int r = 0; r < ROUNDS; r++) {
        pthread_t th[PER_ROUND];
        CHECK(pthread_barrier_init(&round_barrier, NULL, PER_ROUND) == 0, "barrier");
        for (int i = 0; i < PER_ROUND; i++)
            CHECK(pthread_create(&th[i], NULL, thread_main, &ids[r * PER_ROUND + i]) == 0,
                  "pthread_create");
        for (int i = 0; i < PER_ROUND; i++)
            pthread_join(th[i], NULL);
        pthread_barrier_destroy(&round_barrier);
    }
    const int n = ROUNDS * PER_ROUND;
    for (int i = 0; i < n; i++) {
        CHECK(ids[i] > 1, "thread %d has id %lld", i, (long long)ids[i]);
        CHECK(grandchild_ids[i] > 1, "grandchild %d has id %lld", i, (long long)grandchild_ids[i]);
        for (int j = 0; j < n; j++) {
            CHECK(j == i || ids[i] != ids[j], "threads %d and %d share id %lld", i, j,
                  (long long)ids[i]);
            CHECK(grandchild_ids[i] != ids[j], "grandchild %d and thread %d share id %lld", i, j,
                  (long long)ids[j]);
            CHECK(j == i || grandchild_ids[i] != grandchild_ids[j],
                  "grandchildren %d and %d share id %lld", i, j, (long long)grandchild_ids[i]);
        }
    }
    ok("other threads: ids > 1, stable, distinct (concurrent and sequential, not reused)");

    CHECK(go_goid() == 1, "main thread's id changed to %lld", (long long)go_goid());
    ok("main still goroutine 1 after other threads came and went");
    return 0;
}
