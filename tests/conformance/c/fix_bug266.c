/* conformance: a function whose deferred closure recovers returns the zero value of its result,
 *   not whatever a previous call left behind (g() returned 12345 just before)
 * rules: R5
 * from: test/fixedbugs/bug266.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void squelch(void *unused)
{
    (void)unused;
    go_recover();
}

__attribute__((noinline)) static int f(void)
{
    int result = 0;
    go_frame(result);
    go_defer(squelch, NULL);
    go_panic("oops");
}

__attribute__((noinline)) static int g(void)
{
    volatile int v = 12345;
    return v;
}

int main(void)
{
    g(); /* leave 12345 on the stack */
    int x = f();
    printf("f() = %d\n", x);
    if (x != 0)
        go_panic(x);
    return 0;
}
