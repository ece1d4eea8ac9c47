/*
 * nested_defer.c — calls deferred inside deferred calls (D6, R8):
 *   - they belong to the deferred call's own frame and run when it returns, before the outer
 *     frame's next deferred call, three levels deep too;
 *   - during a panic, a function deferred inside a deferred function runs when that function
 *     returns, not from the panic, so its recover() returns nil; the deferred function itself,
 *     run by the panic, still recovers (R8);
 *   - a panic inside a nested deferred call, recovered by its sibling, leaves the outer
 *     panic running (P3).
 * The expected traces are what the same programs print in Go 1.23.
 */
#include "check.h"

#include <gort.h>

static char trace[512];
static void add(const char *s)
{
    size_t n = strlen(trace);
    snprintf(trace + n, sizeof trace - n, "%s%s", n ? " " : "", s);
}
static void say(void *s) { add(s); }

static void level3(void *p)
{
    go_frame_void();
    add("L3");
    go_defer(say, p);
}

static void level2b(void *p)
{
    (void)p;
    go_frame_void();
    add("L2b");
    go_defer(say, "L2b.1");
    go_defer(level3, "L3.1");
    go_defer(say, "L2b.2");
}

static void level2a(void *p)
{
    (void)p;
    go_frame_void();
    add("L2a");
    go_defer(say, "L2a.1");
}

static __attribute__((noinline)) void outer(void)
{
    go_frame_void();
    go_defer(say, "o1");
    go_defer(level2a, NULL);
    go_defer(say, "o2");
    go_defer(level2b, NULL);
    add("body");
}

/* R8 */
static void nested_recover(void *p)
{
    go_any r = go_recover();
    add(go_is_nil(r) ? "nested:nil" : "nested:RECOVERED");
    (void)p;
}

static void runs_by_panic(void *p)
{
    go_frame_void();
    go_defer(nested_recover, NULL);
    if (p) {
        go_any r = go_recover();
        add(go_is_nil(r) ? "direct:nil" : "direct:recovered");
    } else {
        add("direct:no-recover");
    }
}

static void final_recover(void *p)
{
    (void)p;
    go_any r = go_recover();
    add(go_is_nil(r) ? "final:nil" : "final:recovered");
}

static __attribute__((noinline)) void r8(int direct)
{
    go_frame_void();
    go_defer(final_recover, NULL);
    go_defer(runs_by_panic, direct ? "x" : NULL);
    go_panic("p");
}

/* P3 inside a nested deferred call. */
static void inner_panics(void *p)
{
    (void)p;
    add("inner-panics");
    go_panic("inner");
}

static void inner_recovers(void *p)
{
    (void)p;
    go_any r = go_recover();
    char buf[64];
    char line[80];
    snprintf(line, sizeof line, "inner-recovered:%s",
             go_is_nil(r) ? "nil" : go_any_format(r, buf, sizeof buf));
    add(line);
}

static void with_inner_panic(void *p)
{
    (void)p;
    go_frame_void();
    go_defer(inner_recovers, NULL);
    go_defer(inner_panics, NULL);
    add("middle");
}

static void outer_recovers(void *p)
{
    (void)p;
    go_any r = go_recover();
    char buf[64];
    char line[80];
    snprintf(line, sizeof line, "outer-recovered:%s",
             go_is_nil(r) ? "nil" : go_any_format(r, buf, sizeof buf));
    add(line);
}

static __attribute__((noinline)) void p3(void)
{
    go_frame_void();
    go_defer(outer_recovers, NULL);
    go_defer(with_inner_panic, NULL);
    go_panic("outer");
}

int main(void)
{
    trace[0] = 0;
    outer();
    CHECK_STR(trace, "body L2b L2b.2 L3 L3.1 L2b.1 o2 L2a L2a.1 o1");
    ok("calls deferred by deferred calls run when those return, in order, three levels deep");

    trace[0] = 0;
    r8(1);
    CHECK_STR(trace, "direct:recovered nested:nil final:nil");
    trace[0] = 0;
    r8(0);
    CHECK_STR(trace, "direct:no-recover nested:nil final:recovered");
    ok("a function deferred inside a deferred function cannot recover the panic (R8)");

    trace[0] = 0;
    p3();
    CHECK_STR(trace, "middle inner-panics inner-recovered:inner outer-recovered:outer");
    ok("a panic recovered inside a nested deferred call leaves the outer panic running (P3)");

    trace[0] = 0;
    for (int i = 0; i < 1000; i++) {
        trace[0] = 0;
        outer();
    }
    CHECK_STR(trace, "body L2b L2b.2 L3 L3.1 L2b.1 o2 L2a L2a.1 o1");
    ok("repeated");
    return 0;
}
