/*
 * go_return.c — go_return versus a plain return (D4, R5):
 *   - `return expr;` evaluates expr first, then runs the deferred calls: their changes to the
 *     result variable do not reach the caller;
 *   - `go_return(expr)` runs the deferred calls first, then evaluates expr: they do (Go's named
 *     results);
 *   - after a recovery the function returns its result variable as the remaining deferred calls
 *     leave it, whichever return was in progress;
 *   - all of this for result types other than int: double, pointer, struct.
 * In Go terms `result` is a named result: go_return(result) is Go's `return` with named results
 * and a plain `return x;` returns a copy taken before the deferred calls. Where C forces gort to
 * differ (go_return's expression is evaluated after the deferred calls, so a recovery during them
 * never evaluates it) the expectations follow gort.h.
 */
#include "check.h"

#include <gort.h>

static void set_to_2(void *p) { *(int *)p = 2; }
static void add_10(void *p) { *(int *)p += 10; }
static void do_panic(void *p)
{
    (void)p;
    go_panic("boom");
}
static void recover_and_add_100(void *p)
{
    if (!go_is_nil(go_recover()))
        *(int *)p += 100;
}

static __attribute__((noinline)) int plain(void)
{
    int result = 1;
    go_frame(result);
    go_defer(set_to_2, &result);
    return result; /* 1: evaluated before set_to_2 runs */
}

static __attribute__((noinline)) int with_go_return(void)
{
    int result = 1;
    go_frame(result);
    go_defer(set_to_2, &result);
    go_return(result); /* 2: evaluated after */
}

static __attribute__((noinline)) int go_return_expr(void)
{
    int result = 1;
    go_frame(result);
    go_defer(add_10, &result);
    go_defer(set_to_2, &result);
    go_return(result * 3); /* set_to_2, add_10, then (2 + 10) * 3 */
}

static __attribute__((noinline)) int plain_literal(void)
{
    int result = 5;
    go_frame(result);
    go_defer(add_10, &result);
    return 7;
}

/* A panic in the body, recovered by this function's own deferred call: the function returns
 * result as the deferred calls leave it (R5). add_10 was deferred first, so it runs after the
 * recovery, still before the return. */
static __attribute__((noinline)) int recovered_in_body(void)
{
    int result = 1;
    go_frame(result);
    go_defer(add_10, &result);
    go_defer(recover_and_add_100, &result);
    result = 3;
    go_panic("boom");
}

/* A plain return whose deferred call panics and a later one recovers: the function returns its
 * result variable (gort's contract for a recovered frame), not the value being returned. */
static __attribute__((noinline)) int recovered_after_plain_return(void)
{
    int result = 1;
    go_frame(result);
    go_defer(recover_and_add_100, &result);
    go_defer(do_panic, NULL);
    go_defer(set_to_2, &result);
    return 50;
}

static __attribute__((noinline)) int recovered_after_go_return(void)
{
    int result = 1;
    go_frame(result);
    go_defer(recover_and_add_100, &result);
    go_defer(do_panic, NULL);
    result = 4;
    go_return(result + 1000); /* never evaluated: the panic is recovered during the defers */
}

/* The caller sees the change through a call chain. */
static __attribute__((noinline)) int outer(void)
{
    int result = 0;
    go_frame(result);
    int a = with_go_return(), b = plain(), c = recovered_in_body();
    result = a * 10000 + b * 1000 + c;
    go_defer(add_10, &result);
    go_return(result);
}

/* Other result types. */
static void halve(void *p) { *(double *)p /= 2; }
static __attribute__((noinline)) double dbl(int go)
{
    double result = 3.0;
    go_frame(result);
    go_defer(halve, &result);
    if (go)
        go_return(result);
    return result;
}

static int target_a, target_b;
static void repoint(void *p) { *(int **)p = &target_b; }
static __attribute__((noinline)) int *ptr(int go)
{
    int *result = &target_a;
    go_frame(result);
    go_defer(repoint, &result);
    if (go)
        go_return(result);
    return result;
}

struct pair {
    long a, b;
    char name[24];
};
static void fill(void *p)
{
    struct pair *q = p;
    q->b = 99;
    snprintf(q->name, sizeof q->name, "filled");
}
static void panic_then(void *p)
{
    (void)p;
    go_panic(7);
}
static void recover_quietly(void *p)
{
    (void)p;
    (void)go_recover();
}
static __attribute__((noinline)) struct pair pair(int mode)
{
    struct pair result = {1, 2, "init"};
    go_frame(result);
    go_defer(recover_quietly, NULL);
    go_defer(fill, &result);
    if (mode == 2)
        go_defer(panic_then, NULL);
    if (mode == 1 || mode == 2)
        go_return(result);
    return result;
}

int main(void)
{
    CHECK(plain() == 1, "plain return: %d, want 1", plain());
    CHECK(with_go_return() == 2, "go_return: %d, want 2", with_go_return());
    CHECK(go_return_expr() == 36, "go_return(expr): %d, want 36", go_return_expr());
    CHECK(plain_literal() == 7, "plain return 7: %d", plain_literal());
    ok("plain return evaluates first; go_return runs the deferred calls first");

    CHECK(recovered_in_body() == 113, "recovered in body: %d, want 3+100+10", recovered_in_body());
    CHECK(recovered_after_plain_return() == 102, "recovered after a plain return: %d, want 2+100",
          recovered_after_plain_return());
    CHECK(recovered_after_go_return() == 104, "recovered after go_return: %d, want 4+100",
          recovered_after_go_return());
    ok("a recovered frame returns its result variable as its deferred calls leave it");

    CHECK(outer() == 2 * 10000 + 1 * 1000 + 113 + 10, "call chain: %d", outer());
    ok("callers see go_return's value");

    CHECK(dbl(0) == 3.0 && dbl(1) == 1.5, "double: %g %g", dbl(0), dbl(1));
    CHECK(ptr(0) == &target_a && ptr(1) == &target_b, "pointer result");
    struct pair p0 = pair(0), p1 = pair(1), p2 = pair(2);
    CHECK(p0.b == 2 && strcmp(p0.name, "init") == 0, "struct, plain: %ld %s", p0.b, p0.name);
    CHECK(p1.b == 99 && strcmp(p1.name, "filled") == 0, "struct, go_return: %ld %s", p1.b,
          p1.name);
    CHECK(p2.a == 1 && p2.b == 99 && strcmp(p2.name, "filled") == 0,
          "struct, recovered: %ld %ld %s", p2.a, p2.b, p2.name);
    ok("double, pointer and struct results");
    return 0;
}
