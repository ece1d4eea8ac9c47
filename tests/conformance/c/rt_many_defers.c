/* conformance: 100000 deferred calls queued by one loop run LIFO and change the result (go_return); 1000 nested frames with 10 deferred calls each all run when a panic from the deepest is recovered at the top
 * rules: D1 D3 D4 P1 R5
 * from: SEMANTICS.md D1, D3 (test/defer.go, TestConditionalDefers at scale)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static int order[6], norder;

struct acc { long sum, n; };

static void add(struct acc *a, long i)
{
    a->sum += i;
    if (i < 3 || i >= a->n - 3)
        order[norder++] = (int)i;
}

static long loop(long n)
{
    struct acc a = {0, n};
    go_frame(a.sum);
    for (long i = 0; i < n; i++)
        go_defer_args(add, &a, i);
    a.sum = 0;
    go_return(a.sum);
}

static int runs;

static void count(void *u)
{
    (void)u;
    runs++;
}

static void nest(int depth)
{
    go_frame_void();
    for (int j = 0; j < 10; j++)
        go_defer(count, NULL);
    if (depth == 0)
        go_panic("deepest");
    nest(depth - 1);
}

static void report(void *u)
{
    (void)u;
    go_any r = go_recover();
    char buf[64];
    printf("recovered: %s runs: %d\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf), runs);
}

static void top(void)
{
    go_frame_void();
    go_defer(report, NULL);
    nest(999);
}

int main(void)
{
    printf("sum: %ld\n", loop(100000));
    printf("first and last deferred calls to run: [");
    for (int i = 0; i < norder; i++)
        printf(i ? " %d" : "%d", order[i]);
    printf("]\n");
    top();
    return 0;
}
