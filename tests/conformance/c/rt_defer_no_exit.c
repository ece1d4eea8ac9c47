/* conformance: a function with no return (it ends in an infinite loop) runs its deferred call when it panics; the deferred call sees the variable's value at the panic through its pointer
 * rules: D2 P1 R3 R5
 * from: src/runtime/defer_test.go TestDeferForFuncWithNoExit
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static __attribute__((noinline)) void do_panic(void) { go_panic("Test panic"); }

static __attribute__((noinline)) void grow_stack_iter(int *p, int n)
{
    char pad[256];
    __asm__ volatile("" : : "r"(pad) : "memory");
    if (n == 0) {
        *p = n + 1;
        return;
    }
    *p = n + 1;
    grow_stack_iter(p, n - 1);
    __asm__ volatile("" : : "r"(pad) : "memory");
}

static void check(int *cond)
{
    printf("cond: %d\n", *cond);
    go_any r = go_recover();
    char buf[64];
    printf("recovered: %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void no_exit(void)
{
    go_frame_void();
    int cond = 1;
    go_defer_args(check, &cond);
    int x = 0;
    grow_stack_iter(&x, 1000);
    printf("x: %d\n", x);
    cond = 2;
    do_panic();
    for (;;) {
    }
}

int main(void)
{
    no_exit();
    printf("noExit returned\n");
    return 0;
}
