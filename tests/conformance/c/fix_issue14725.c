/* conformance: panic(nil) (a run-time error since Go 1.21) recovered by a deferred closure that
 *   sets the named result to 1: from a defer in an endless loop, after the result's address
 *   escaped, and with or without the panic (the plain-return path needs D4)
 * rules: P4 R5 D4 D3
 * from: test/fixedbugs/issue14725.go
 * frames: compare
 */
#include <gort.h>
#include <stdbool.h>
#include <stdio.h>

static int *volatile sink;

static void recover_and_set(void *px)
{
    go_any v = go_recover();
    char buf[64];
    printf("  recovered: %s\n", go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
    *(int *)px = 1;
}

static int f1(void)
{
    int x = 0;
    go_frame(x);
    for (;;) {
        go_defer(recover_and_set, &x);
        go_panic_value(go_nil());
    }
}

static int f2(void)
{
    int x = 0;
    go_frame(x);
    sink = &x;
    go_defer(recover_and_set, &x);
    go_panic_value(go_nil());
}

static int f3(bool b)
{
    int x = 0;
    go_frame(x);
    sink = &x;
    go_defer(recover_and_set, &x);
    if (b)
        go_panic_value(go_nil());
    go_return(x);
}

int main(void)
{
    int x;
    if ((x = f1()) != 1)
        go_panicf("f1 returned %d, wanted 1", x);
    printf("f1() = %d\n", x);
    if ((x = f2()) != 1)
        go_panicf("f2 returned %d, wanted 1", x);
    printf("f2() = %d\n", x);
    if ((x = f3(true)) != 1)
        go_panicf("f3(true) returned %d, wanted 1", x);
    printf("f3(true) = %d\n", x);
    if ((x = f3(false)) != 1)
        go_panicf("f3(false) returned %d, wanted 1", x);
    printf("f3(false) = %d\n", x);
    sink = NULL;
    return 0;
}
