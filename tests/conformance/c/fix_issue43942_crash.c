/* conformance: a deferred function that defers panic(5) runs while panic 4 unwinds; panic 5 starts
 *   in that function's return and unwinds past it, aborting panic 4; unrecovered, the report
 *   lists both, oldest first: `panic: 4` / `panic: 5`; the function's earlier deferred call
 *   still runs
 * rules: P2 D6 C1 C5
 * from: test/fixedbugs/issue43942.go (variant: main does not recover)
 */
#include <gort.h>
#include <stdio.h>

static void earlier(void *unused)
{
    (void)unused;
    printf("earlier deferred call runs\n");
}

static void defers_panic5(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer_args(go_panic_int, 5);
    printf("returning into the deferred panic(5)\n");
}

static void second(void)
{
    go_frame_void();
    go_defer(earlier, NULL);
    for (;;) {
        go_defer(defers_panic5, NULL);
        break;
    }
    go_panic(4);
}

int main(void)
{
    second();
    printf("second returned (must not happen)\n");
    return 0;
}
