/*
 * chan_deadlock_reasons.c — the deadlock report names every blocked goroutine with Go's wait
 * reason. Seven goroutines block in seven channel operations (the conformance scenario
 * chan_deadlock_reasons, whose Go program prints the same seven lines); the report must list
 * them all: main's `goroutine 1 [chan receive]:` first, then the others, each exactly once.
 */
#include "check.h"

#include <gort.h>

static go_chan *c, *full;

static void recv_c(void *unused) { (void)unused; go_chan_recv(c, NULL); }
static void send_full(void *unused) { (void)unused; go_chan_send_v(full, int, 2); }
static void recv_nil(void *unused) { (void)unused; go_chan_recv(NULL, NULL); }
static void send_nil(void *unused) { (void)unused; go_chan_send(NULL, NULL); }
static void select_none(void *unused) { (void)unused; go_select(NULL, 0, false); }

static void select_two(void *unused)
{
    (void)unused;
    int three = 3;
    go_select_case cs[] = {go_case_recv(c, NULL, NULL), go_case_send(full, &three)};
    go_select(cs, 2, false);
}

static void deadlock(void *unused)
{
    (void)unused;
    c = go_chan_of(int, 0);
    full = go_chan_of(int, 1);
    go_chan_send_v(full, int, 1);
    go_go(recv_c, NULL);
    go_go(send_full, NULL);
    go_go(recv_nil, NULL);
    go_go(send_nil, NULL);
    go_go(select_none, NULL);
    go_go(select_two, NULL);
    for (int i = 0; i < 100; i++)
        go_yield();
    go_chan_recv(go_chan_of(bool, 0), NULL);
}

/* How many lines of the report are `goroutine N [reason]:` with this reason. */
static int count_reason(const char *report, const char *reason)
{
    char want[64];
    snprintf(want, sizeof want, " [%s]:\n", reason);
    int n = 0;
    for (const char *p = report; (p = strstr(p, "\ngoroutine ")) != NULL; p++) {
        const char *eol = strchr(p + 1, '\n');
        const char *r = strstr(p, want);
        if (r != NULL && eol != NULL && r + strlen(want) - 1 == eol)
            n++;
    }
    return n;
}

int main(void)
{
    struct death d;
    run_death(deadlock, NULL, &d);
    check_fatal("deadlock", &d, "all goroutines are asleep - deadlock!", NULL);
    CHECK(strstr(d.err, "\n\ngoroutine 1 [chan receive]:\n") != NULL &&
              strstr(d.err, "\ngoroutine ") == strstr(d.err, "\ngoroutine 1 ["),
          "main is not listed first:\n%s", d.err);
    static const struct {
        const char *reason;
        int n;
    } want[] = {{"chan receive", 2},  {"chan send", 1},       {"chan receive (nil chan)", 1},
                {"chan send (nil chan)", 1}, {"select (no cases)", 1}, {"select", 1}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        CHECK(count_reason(d.err, want[i].reason) == want[i].n, "[%s] listed %d times, want %d:\n%s",
              want[i].reason, count_reason(d.err, want[i].reason), want[i].n, d.err);
    ok("deadlock report: 7 goroutines with Go's 6 channel wait reasons");
    return 0;
}
