/* Defers in a loop: each iteration queues one call; they run 4..0 at the return (D1, D3). */
#include <gort.h>
#include <stdio.h>

static void release(long i) { printf("release %ld\n", i); }

static __attribute__((noinline)) int acquire_all(int n)
{
    int r = 0;
    go_frame(r);
    for (long i = 0; i < n; i++)
        go_defer_args(release, i);
    return r;
}

int main(void) { return acquire_all(5); }
