/* conformance: after a recovered panic 1, the function's remaining deferred call runs, panics 2,
 *   runs its own deferred panic(3) which its own deferred closure recovers; later, panic 4
 *   passing through a function runs that function's `defer print(x)` (x captured at the defer)
 *   before main's deferred closure recovers 4: the output is 123 then 4
 * rules: R5 P2 P3 D2 D1 R4
 * from: test/fixedbugs/issue48898.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void print_recovered(void *unused)
{
    (void)unused;
    go_any v = go_recover();
    if (!go_any_is(v, &go_type_int))
        go_panic("interface conversion: interface {} is not int");
    printf("%ld\n", (long)v.v.i);
}

static void squelch(void *unused)
{
    (void)unused;
    go_recover();
}

static void nothing(void *unused)
{
    (void)unused;
}

/* defer func() { recover() }(); defer panic(3); panic(2) */
static void panics_2_and_3(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer(squelch, NULL);
    go_defer_args(go_panic_int, 3);
    go_panic(2);
}

static void inner1(void)
{
    go_frame_void();
    go_defer(panics_2_and_3, NULL);
    go_defer(squelch, NULL);
    go_panic(1);
}

struct two { long a[2]; };

__attribute__((noinline)) static struct two zero2(void)
{
    struct two r = {{0, 0}};
    return r;
}

static void part1(void)
{
    go_frame_void();
    (void)zero2();
    inner1();
    go_defer(nothing, NULL);
}

static void print_int(long x)
{
    printf("%ld", x);
}

static void inner2(void)
{
    go_frame_void();
    go_defer(nothing, NULL);
    go_panic(4);
}

static void part2(long x)
{
    go_frame_void();
    go_defer_args(print_int, x);
    inner2();
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    go_defer(print_recovered, NULL);
    part1();
    long x = 123;
    part2(x);
    return rc;
}
