/*
 * noframe.c — frames that never defer. go_frame costs nothing until the first go_defer; a
 * frame that never gets there is never linked, so it must be invisible:
 *   - it returns normally, any number of times, without disturbing its caller's deferred calls;
 *   - a panic passes through it to a caller that recovers (and the recovered caller returns its
 *     own result, not the never-deferring callee's);
 *   - a conditional defer not taken leaves it unlinked; taken, it behaves as any frame;
 *   - it works inside deferred calls, during a panic too.
 */
#include "check.h"

#include <gort.h>

static char trace[256];
static void add(const char *s)
{
    size_t n = strlen(trace);
    snprintf(trace + n, sizeof trace - n, "%s%s", n ? " " : "", s);
}
static void say(void *s) { add(s); }

static __attribute__((noinline)) int never_defers(int x)
{
    int result = x + 1;
    go_frame(result);
    if (x < 0)
        return -1;
    return result;
}

static __attribute__((noinline)) void never_defers_void(void)
{
    go_frame_void();
    add("void");
}

static __attribute__((noinline)) int maybe_defers(int x)
{
    int result = x;
    go_frame(result);
    if (x > 100)
        go_defer(say, "maybe");
    return result * 2;
}

static __attribute__((noinline)) int passes_panic(int x)
{
    int result = 7;
    go_frame(result);
    if (x >= 0)
        go_panic(x);
    return result;
}

static void recover_log(void *p)
{
    go_any r = go_recover();
    *(long *)p = go_is_nil(r) ? -1 : (long)r.v.i;
}

static __attribute__((noinline)) int catcher(int x)
{
    int result = 40;
    go_frame(result);
    long got = -2;
    go_defer(recover_log, &got);
    result = 41;
    result += passes_panic(x); /* never returns when x >= 0 */
    return result;
}

static long caught;
static __attribute__((noinline)) int catcher_outer(int x)
{
    int result = 0;
    go_frame(result);
    go_defer(recover_log, &caught);
    result = 5;
    return catcher(x) + never_defers(1);
}

static void in_deferred(void *p)
{
    int n = never_defers(3) + maybe_defers(1);
    never_defers_void();
    *(int *)p = n;
}

static __attribute__((noinline)) void panics_with_deferred(int *out)
{
    go_frame_void();
    go_defer(in_deferred, out);
    go_panic("through");
}

static void recover_ignore(void *p)
{
    (void)p;
    (void)go_recover();
}

static __attribute__((noinline)) void panics_with_deferred_outer(int *out)
{
    go_frame_void();
    go_defer(recover_ignore, NULL);
    panics_with_deferred(out);
}

static __attribute__((noinline)) void interleaved(void)
{
    go_frame_void();
    go_defer(say, "main1");
    for (int i = 0; i < 100; i++)
        (void)never_defers(i);
    go_defer(say, "main2");
    (void)maybe_defers(1000);
    go_defer(say, "main3");
}

int main(void)
{
    long sum = 0;
    for (int i = 0; i < 1000000; i++)
        sum += never_defers(i & 7);
    CHECK(sum == 4500000, "sum %ld", sum);
    CHECK(never_defers(-5) == -1, "early return");
    trace[0] = 0;
    never_defers_void();
    CHECK_STR(trace, "void");
    ok("a frame that never defers returns normally, a million times");

    trace[0] = 0;
    {
        int v = maybe_defers(3);
        CHECK(v == 6 && trace[0] == 0, "untaken conditional defer: %d \"%s\"", v, trace);
        v = maybe_defers(200);
        CHECK(v == 400, "taken conditional defer: %d", v);
        CHECK_STR(trace, "maybe");
    }
    ok("a conditional defer not taken leaves the frame unlinked");

    caught = -3;
    int r = catcher_outer(9);
    CHECK(r == 43, "outer frame: %d, want 41 + 2 (catcher recovered, returned normally)", r);
    CHECK(caught == -1, "outer recover saw %ld, want nil", caught);
    CHECK(catcher(9) == 41, "catcher returned %d, want its result 41", catcher(9));
    CHECK(catcher(-1) == 48, "no panic: %d, want 41 + 7", catcher(-1));
    ok("a panic passes through a frame that never deferred");

    int out = 0;
    panics_with_deferred_outer(&out);
    CHECK(out == 4 + 2, "never-deferring frames in a deferred call during a panic: %d", out);
    ok("never-deferring frames inside deferred calls");

    /* Interleaved with a caller's own deferred calls. */
    trace[0] = 0;
    interleaved();
    CHECK_STR(trace, "maybe main3 main2 main1");
    ok("the caller's deferred calls are undisturbed");
    return 0;
}
