/* conformance: a deferred call queued in a loop and one in a callee both run and each recovers the panic of its own frame
 * rules: D1 D3 R3 R5
 * from: src/runtime/defer_test.go TestOpenAndNonOpenDefers
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static volatile int glob = 3;

static void print_recovered(const char *who, long n, go_any r)
{
    char buf[64];
    printf("%s %ld recovered: %s\n", who, n, go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void open_deferred(long n)
{
    go_any r = go_recover();
    print_recovered("testOpen deferred call", n, r);
}

static void test_open(int arg)
{
    go_frame_void();
    go_defer_args(open_deferred, 4);
    if (arg > 2)
        go_panic("testOpenDefer");
    printf("testOpen: no panic\n");
}

static void loop_deferred(long n)
{
    go_any r = go_recover();
    print_recovered("loop deferred call", n, r);
}

static void open_and_non_open(void)
{
    go_frame_void();
    for (;;) {
        go_defer_args(loop_deferred, 3);
        if (glob > 2)
            break;
    }
    test_open(47);
    printf("testOpen returned\n");
    go_panic("testNonOpenDefer");
}

int main(void)
{
    open_and_non_open();
    printf("openAndNonOpen returned\n");
    return 0;
}
