/*
 * defer_args.c — what a deferred call receives (D1-D3):
 *   - go_defer_args captures 0 to 4 word arguments when the defer executes: later changes to the
 *     variables do not reach the call, changes made through a captured pointer do (D2);
 *   - each argument expression is evaluated exactly once, at the defer;
 *   - integers of every width and signedness, pointers, arrays and string literals arrive intact;
 *   - go_defer(fn, ptr) passes its pointer the same way;
 *   - a defer in a loop queues one call per iteration, run last-in first-out; a defer not
 *     reached queues nothing (D1, D3).
 */
#include "check.h"

#include <gort.h>
#include <stdint.h>

static char trace[512];

static void add(const char *s)
{
    size_t n = strlen(trace);
    snprintf(trace + n, sizeof trace - n, "%s%s", n ? " " : "", s);
}

static void addf(const char *fmt, long a, long b, long c, long d)
{
    char buf[96];
    snprintf(buf, sizeof buf, fmt, a, b, c, d);
    add(buf);
}

static void d0(void) { add("d0"); }
static void d1(long a) { addf("d1(%ld)", a, 0, 0, 0); }
static void d2(long a, long b) { addf("d2(%ld,%ld)", a, b, 0, 0); }
static void d3(long a, long b, long c) { addf("d3(%ld,%ld,%ld)", a, b, c, 0); }
static void d4(long a, long b, long c, long d) { addf("d4(%ld,%ld,%ld,%ld)", a, b, c, d); }
static void dptr(void *p) { addf("dptr(%ld)", *(int *)p, 0, 0, 0); }
static void dstr(const char *s, const char *t) { add("dstr("), add(s), add(t), add(")"); }

static __attribute__((noinline)) void captures(void)
{
    go_frame_void();
    long a = 1, b = 2, c = 3, d = 4;
    int shared = 10;
    go_defer_args(d0);
    go_defer_args(d1, a);
    go_defer_args(d2, a, b);
    go_defer_args(d3, a, b, c);
    go_defer_args(d4, a, b, c, d);
    go_defer(dptr, &shared); /* the pointer is captured; the pointee is read when it runs */
    a = b = c = d = -1;
    shared = 11;
}

static int evaluations;
static long next(void) { return ++evaluations * 100; }

static __attribute__((noinline)) void evaluated_once(void)
{
    go_frame_void();
    go_defer_args(d4, next(), next(), next(), next());
    CHECK(evaluations == 4, "arguments evaluated %d times before the body went on", evaluations);
    go_defer_args(d1, next());
    CHECK(evaluations == 5, "arguments evaluated %d times", evaluations);
}

static uint64_t got_u64[4];
static void widths(unsigned char a, short b, int c, long long d)
{
    got_u64[0] = a;
    got_u64[1] = (uint64_t)(int64_t)b;
    got_u64[2] = (uint64_t)(int64_t)c;
    got_u64[3] = (uint64_t)d;
}
static void uwidths(uint8_t a, uint16_t b, uint32_t c, uint64_t d)
{
    got_u64[0] = a;
    got_u64[1] = b;
    got_u64[2] = c;
    got_u64[3] = d;
}

static __attribute__((noinline)) void deferred_widths(int which)
{
    go_frame_void();
    if (which == 0) {
        unsigned char a = 200;
        short b = -2;
        int c = INT32_MIN;
        long long d = INT64_MIN;
        go_defer_args(widths, a, b, c, d);
    } else {
        uint8_t a = 255;
        uint16_t b = 65535;
        uint32_t c = UINT32_MAX;
        uint64_t d = UINT64_MAX;
        go_defer_args(uwidths, a, b, c, d);
    }
}

static __attribute__((noinline)) void strings(void)
{
    go_frame_void();
    char buf[8] = "arr";
    go_defer_args(dstr, "lit", buf); /* an array is captured as a pointer to its first element */
    buf[0] = 'A';                    /* ... so the call sees this change */
}

static __attribute__((noinline)) void loop(int n)
{
    go_frame_void();
    for (long i = 0; i < n; i++)
        go_defer_args(d1, i);
}

static __attribute__((noinline)) void conditional(int n)
{
    go_frame_void();
    for (long i = 0; i < n; i++) {
        if (i % 3 == 0)
            go_defer_args(d2, i, i * i);
        else if (i % 3 == 1)
            continue;
        else
            go_defer(dptr, &n);
    }
    if (n < 0)
        go_defer_args(d0); /* never reached: queues nothing */
    n = 99;                /* dptr reads n when it runs */
}

int main(void)
{
    trace[0] = 0;
    captures();
    CHECK_STR(trace, "dptr(11) d4(1,2,3,4) d3(1,2,3) d2(1,2) d1(1) d0");
    ok("go_defer_args captures 0-4 arguments at the defer; go_defer's pointee is read at the call");

    trace[0] = 0;
    evaluated_once();
    CHECK(evaluations == 5, "arguments evaluated %d times in all", evaluations);
    CHECK_STR(trace, "d1(500) d4(100,200,300,400)");
    ok("each argument evaluated once, at the defer");

    deferred_widths(0);
    CHECK(got_u64[0] == 200 && (int64_t)got_u64[1] == -2 && (int64_t)got_u64[2] == INT32_MIN &&
              (int64_t)got_u64[3] == INT64_MIN,
          "signed widths: %llu %lld %lld %lld", (unsigned long long)got_u64[0],
          (long long)got_u64[1], (long long)got_u64[2], (long long)got_u64[3]);
    deferred_widths(1);
    CHECK(got_u64[0] == 255 && got_u64[1] == 65535 && got_u64[2] == UINT32_MAX &&
              got_u64[3] == UINT64_MAX,
          "unsigned widths: %llu %llu %llu %llu", (unsigned long long)got_u64[0],
          (unsigned long long)got_u64[1], (unsigned long long)got_u64[2],
          (unsigned long long)got_u64[3]);
    ok("integer arguments of every width arrive intact");

    trace[0] = 0;
    strings();
    CHECK_STR(trace, "dstr( lit Arr )");
    ok("string literals and arrays are captured as pointers");

    trace[0] = 0;
    loop(10);
    CHECK_STR(trace, "d1(9) d1(8) d1(7) d1(6) d1(5) d1(4) d1(3) d1(2) d1(1) d1(0)");
    trace[0] = 0;
    loop(0);
    CHECK_STR(trace, "");
    ok("a defer in a loop queues one call per iteration, run 9..0");

    trace[0] = 0;
    conditional(7);
    CHECK_STR(trace, "d2(6,36) dptr(99) d2(3,9) dptr(99) d2(0,0)");
    ok("only executed defers queue calls");

    /* Many records: the defer stack grows past any initial capacity and shrinks back. */
    for (int round = 0; round < 3; round++) {
        trace[0] = 0;
        evaluations = 0;
        loop(5000);
        CHECK(strncmp(trace, "d1(4999) d1(4998)", 17) == 0, "5000 defers: %.40s", trace);
    }
    ok("5000 deferred calls in one frame");
    return 0;
}
