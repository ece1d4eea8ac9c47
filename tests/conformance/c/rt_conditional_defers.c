/* conformance: deferred calls queued under conditions run in reverse order of the defers that actually executed (n=8 gives 4 2 1)
 * rules: D1 D3 P1 R5
 * from: src/runtime/defer_test.go TestConditionalDefers
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static int list[10];
static int nlist;

static void doappend(long i) { list[nlist++] = (int)i; }

static void test_conditional_defers(int n)
{
    go_frame_void();
    go_defer_args(doappend, 1);
    if (n > 5) {
        go_defer_args(doappend, 2);
        if (n > 8)
            go_defer_args(doappend, 3);
        else
            go_defer_args(doappend, 4);
    }
    go_panic("testConditional");
}

static void report(long n)
{
    go_any r = go_recover();
    char buf[64];
    printf("n = %ld recovered: %s list: [", n, go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
    for (int i = 0; i < nlist; i++)
        printf(i ? " %d" : "%d", list[i]);
    printf("]\n");
}

static void run(int n)
{
    go_frame_void();
    nlist = 0;
    go_defer_args(report, n);
    test_conditional_defers(n);
}

int main(void)
{
    run(8);
    run(9);
    run(3);
    return 0;
}
