/*
 * chan_edge.c — channel and select edge cases the conformance scenarios do not reach: zero-size
 * and large elements, capacity 0 against 1, a thousand waiters on one channel, plain threads
 * and goroutines on one channel, select's allocated path for many cases (and its clean-up when
 * a chosen send panics), makechan's size check, and the misuse gort turns into fatal errors
 * (freeing a channel goroutines wait on, using a freed channel, a typed macro of the wrong
 * size, a select case without a direction).
 */
#include "check.h"

#include <gort.h>
#include <pthread.h>
#include <semaphore.h>

/* ---- zero-size elements: chan struct{} ---------------------------------------------------- */

static void signal_twice(void *c)
{
    go_chan_send(c, NULL);
    go_chan_send(c, NULL);
    go_chan_close(c);
}

static void zero_size(void)
{
    go_chan *b = go_chan_make(0, 3);
    CHECK(go_chan_elem_size(b) == 0 && go_chan_cap(b) == 3, "elem %zu cap %zu",
          go_chan_elem_size(b), go_chan_cap(b));
    go_chan_send(b, NULL);
    go_chan_send(b, NULL);
    CHECK(go_chan_len(b) == 2, "len %zu", go_chan_len(b));
    go_chan_recv(b, NULL);
    CHECK(go_chan_len(b) == 1, "len %zu", go_chan_len(b));
    CHECK(go_chan_try_send(b, NULL) && go_chan_try_send(b, NULL) && !go_chan_try_send(b, NULL),
          "a buffer of 3 empty elements takes 3");
    go_chan_free(b);

    go_chan *u = go_chan_make(0, 0);
    go_go(signal_twice, u);
    int n = 0;
    while (go_chan_recv2(u, NULL))
        n++;
    CHECK(n == 2, "received %d signals", n);
    go_chan_free(u);
    ok("zero-size elements: buffered count, unbuffered signals, close");
}

/* ---- capacity 0 against 1 -------------------------------------------------------------------- */

static void cap0_cap1(void)
{
    go_chan *u = go_chan_of(int, 0), *one = go_chan_of(int, 1);
    int v = 5, got = 0;
    bool rok = true;
    CHECK(!go_chan_try_send(u, &v), "unbuffered send without a receiver must not proceed");
    CHECK(!go_chan_try_recv(u, &got, &rok), "unbuffered receive without a sender");
    CHECK(go_chan_try_send(one, &v), "cap 1 takes one value");
    CHECK(!go_chan_try_send(one, &v), "cap 1 takes only one value");
    CHECK(go_chan_len(one) == 1 && go_chan_len(u) == 0, "len");
    CHECK(go_chan_try_recv(one, &got, &rok) && got == 5 && rok, "got %d", got);
    CHECK(!go_chan_try_recv(one, &got, NULL), "empty again");
    go_chan_close(one);
    got = 7;
    CHECK(go_chan_try_recv(one, &got, &rok) && got == 0 && !rok, "closed: zero value, !ok");
    CHECK(!go_chan_try_send(NULL, &v) && !go_chan_try_recv(NULL, &got, NULL), "nil never ready");
    CHECK(go_chan_len(NULL) == 0 && go_chan_cap(NULL) == 0 && go_chan_elem_size(NULL) == 0, "nil");
    go_chan_free(u);
    go_chan_free(one);
    go_chan_free(NULL);
    ok("capacity 0 against 1, non-blocking forms, nil channel");
}

/* ---- large elements ---------------------------------------------------------------------------- */

typedef struct big {
    unsigned char bytes[8192];
    int seq;
} big;

static void big_sender(void *c)
{
    static big b; /* too large for a small stack frame twice over; one sender */
    for (int i = 0; i < 50; i++) {
        memset(b.bytes, i, sizeof b.bytes);
        b.seq = i;
        go_chan_send(c, &b);
    }
    go_chan_close(c);
}

static void large_elements(void)
{
    for (size_t cap = 0; cap <= 3; cap += 3) {
        go_chan *c = go_chan_of(big, cap);
        go_go(big_sender, c);
        big *b = malloc(sizeof *b);
        int n = 0;
        while (go_chan_recv2(c, b)) {
            CHECK(b->seq == n && b->bytes[0] == (unsigned char)n &&
                      b->bytes[sizeof b->bytes - 1] == (unsigned char)n,
                  "element %d arrived as %d", n, b->seq);
            n++;
        }
        CHECK(n == 50, "received %d", n);
        free(b);
        go_chan_free(c);
    }
    ok("8 KB elements arrive whole, buffered and unbuffered");
}

/* ---- many waiters ------------------------------------------------------------------------------ */

enum { MANY = 1000 };

struct many {
    go_chan *c, *sum;
    go_waitgroup wg;
    long total;
};

static void many_receiver(void *p)
{
    struct many *m = p;
    int v;
    bool ok_ = go_chan_recv2(m->c, &v);
    go_chan_send_v(m->sum, long, ok_ ? (long)v : -1000000L);
}

static void many_sender(void *p)
{
    struct many *m = p;
    go_chan_send_v(m->c, int, 1);
    go_wg_done(&m->wg);
}

static void many_waiters(void)
{
    struct many m = {go_chan_of(int, 0), go_chan_of(long, MANY), {0}, 0};
    for (int i = 0; i < MANY; i++)
        go_go(many_receiver, &m);
    for (int i = 1; i <= MANY; i++)
        go_chan_send(m.c, &i);
    for (int i = 0; i < MANY; i++)
        m.total += go_chan_recv_v(m.sum, long);
    CHECK(m.total == (long)MANY * (MANY + 1) / 2, "receivers got %ld", m.total);

    go_wg_add(&m.wg, MANY);
    for (int i = 0; i < MANY; i++)
        go_go(many_sender, &m);
    int n = 0;
    for (int i = 0; i < MANY; i++)
        n += go_chan_recv_v(m.c, int);
    go_wg_wait(&m.wg);
    CHECK(n == MANY, "senders delivered %d", n);

    m.total = 0;
    for (int i = 0; i < MANY; i++)
        go_go(many_receiver, &m);
    for (int i = 0; i < 100; i++) /* most receivers block first; the others find it closed */
        go_yield();
    go_chan_close(m.c);
    for (int i = 0; i < MANY; i++)
        m.total += go_chan_recv_v(m.sum, long);
    CHECK(m.total == -1000000L * MANY, "close woke receivers with %ld", m.total);
    go_chan_free(m.c);
    go_chan_free(m.sum);
    ok("1000 blocked receivers, 1000 blocked senders, close waking 1000 receivers");
}

/* ---- plain threads and goroutines on one channel ------------------------------------------- */

static sem_t thread_started;

static void *thread_echo(void *p)
{
    go_chan **cs = p;
    (void)go_goid(); /* a goroutine from here on: counted by the deadlock check */
    sem_post(&thread_started);
    int v;
    while (go_chan_recv2(cs[0], &v))
        go_chan_send_v(cs[1], int, v * 2);
    return NULL;
}

static void threads_and_goroutines(void)
{
    go_chan *cs[2] = {go_chan_of(int, 0), go_chan_of(int, 0)};
    pthread_t t;
    sem_init(&thread_started, 0, 0);
    CHECK(pthread_create(&t, NULL, thread_echo, cs) == 0, "pthread_create");
    /* A thread that has not used gort yet is not a goroutine yet (gort.h, go_goexit): wait
     * until it is, or the deadlock check could see only blocked goroutines. */
    sem_wait(&thread_started);
    long sum = 0;
    for (int i = 0; i < 10000; i++) {
        go_chan_send(cs[0], &i);
        sum += go_chan_recv_v(cs[1], int);
    }
    go_chan_close(cs[0]);
    pthread_join(t, NULL);
    CHECK(sum == 2L * 9999 * 10000 / 2, "sum %ld", sum);
    go_chan_free(cs[0]);
    go_chan_free(cs[1]);
    ok("a plain thread and a goroutine ping-pong 10000 times");
}

/* ---- select with many cases (the allocated path) -------------------------------------------- */

enum { NCASES = 40 };

static void select_many(void)
{
    go_chan *cs[NCASES];
    go_select_case k[NCASES];
    int vals[NCASES];
    for (int i = 0; i < NCASES; i++) {
        cs[i] = go_chan_of(int, 1);
        vals[i] = -1;
        k[i] = go_case_recv(cs[i], &vals[i], NULL);
    }
    CHECK(go_select(k, NCASES, true) == -1, "nothing ready: default");
    int seen[NCASES] = {0};
    for (int round = 0; round < 400; round++) {
        int j = round % NCASES;
        go_chan_send(cs[j], &round);
        int i = go_select(k, NCASES, false);
        CHECK(i == j && vals[i] == round, "case %d (want %d), value %d", i, j, vals[i]);
        seen[i]++;
    }
    /* Every channel ready: each case must come up (randomly) over many rounds. */
    for (int i = 0; i < NCASES; i++)
        go_chan_send(cs[i], &i);
    int hits[NCASES] = {0};
    for (int round = 0; round < 4000; round++) {
        int i = go_select(k, NCASES, false);
        hits[i]++;
        go_chan_send(cs[i], &i); /* refill */
    }
    for (int i = 0; i < NCASES; i++)
        CHECK(hits[i] > 20, "case %d chosen %d times in 4000", i, hits[i]);
    for (int i = 0; i < NCASES; i++)
        go_chan_free(cs[i]);
    ok("select over 40 channels: the ready one, default, every case chosen");
}

static go_any recovered;
static void keep(void *unused)
{
    (void)unused;
    recovered = go_recover();
}

static void select_many_closed_send(go_select_case *k)
{
    go_frame_void();
    go_defer(keep, NULL);
    go_select(k, NCASES, false);
}

static void select_many_panics(void)
{
    go_chan *cs[NCASES];
    go_select_case k[NCASES];
    int one = 1;
    for (int i = 0; i < NCASES; i++) {
        cs[i] = go_chan_of(int, 0);
        k[i] = go_case_send(cs[i], &one);
    }
    go_chan_close(cs[17]);
    for (int r = 0; r < 100; r++) {
        recovered = go_nil();
        select_many_closed_send(k);
        char buf[64];
        CHECK_STR(go_any_format(recovered, buf, sizeof buf), "send on closed channel");
    }
    for (int i = 0; i < NCASES; i++)
        go_chan_free(cs[i]);
    ok("select over 40 sends panics on the closed one, 100 times (no leak under ASan)");
}

/* ---- makechan ---------------------------------------------------------------------------------- */

static void make_huge(void *unused)
{
    (void)unused;
    go_frame_void();
    go_defer(keep, NULL);
    (void)go_chan_make(1 << 20, (size_t)1 << 40);
}

static void makechan_size(void)
{
    recovered = go_nil();
    make_huge(NULL);
    char buf[64];
    CHECK_STR(go_any_format(recovered, buf, sizeof buf), "makechan: size out of range");
    CHECK(go_is_runtime_error(recovered), "a run-time error");
    ok("makechan: size out of range is a recoverable run-time error");
}

/* ---- misuse: fatal errors ---------------------------------------------------------------------- */

static void recv_forever(void *c) { go_chan_recv(c, NULL); }

static void free_busy(void *unused)
{
    (void)unused;
    go_chan *c = go_chan_of(int, 0);
    go_go(recv_forever, c);
    for (int i = 0; i < 100; i++)
        go_yield();
    go_chan_free(c);
}

static __attribute__((unused)) void use_freed(void *unused)
{
    (void)unused;
    go_chan *c = go_chan_of(int, 4);
    go_chan_free(c);
    go_chan_send_v(c, int, 1);
}

static void wrong_size(void *unused)
{
    (void)unused;
    go_chan *c = go_chan_of(int, 1);
    go_chan_send_v(c, long, 1L);
}

static void no_direction(void *unused)
{
    (void)unused;
    go_chan *c = go_chan_of(int, 1);
    go_select_case k[2] = {go_case_recv(c, NULL, NULL), {0, c, NULL, NULL}};
    go_select(k, 2, true);
}

static void misuse(void)
{
    struct death d;
    run_death(free_busy, NULL, &d);
    check_fatal("free busy", &d, "go_chan_free: goroutines are blocked on the channel", NULL);
#ifndef UNIT_SANITIZER
    run_death(use_freed, NULL, &d);
    check_fatal("use freed", &d, "go_chan_send_v: use of a freed channel", NULL);
#endif
    run_death(wrong_size, NULL, &d);
    check_fatal("wrong size", &d, "go_chan_send_v: a 8-byte value on a channel of 4-byte elements",
                NULL);
    run_death(no_direction, NULL, &d);
    check_fatal("no direction", &d, "go_select: case 1 has no direction", NULL);
    ok("misuse is a fatal error: free with waiters, use after free, wrong size, bad case");
}

int main(void)
{
    /* First: the death tests fork, and a child of a process whose scheduler already runs
     * would inherit its state without its worker threads. */
    misuse();
    zero_size();
    cap0_cap1();
    large_elements();
    many_waiters();
    threads_and_goroutines();
    select_many();
    select_many_panics();
    makechan_size();
    return 0;
}
