/*
 * chan_deadlock_reasons.c — the deadlock report names every blocked goroutine with Go's wait
 * reason. Seven goroutines block in seven channel operations (the program of the conformance
 * scenario chan_deadlock_reasons, included below); the report must list them all: main's
 * `goroutine 1 [chan receive]:` first, then the others, each exactly once.
 */
#include "check.h"

#include <gort.h>

/* The conformance scenario's program, its main renamed, run in a child by run_death: the
 * conformance run compares its report with Go's, which lists the other goroutines in an order
 * of its own; here every reason is counted. */
int chan_deadlock_reasons_main(void);
#define main chan_deadlock_reasons_main
#include "../conformance/c/chan_deadlock_reasons.c"
#undef main

static void deadlock(void *unused)
{
    (void)unused;
    chan_deadlock_reasons_main();
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
