/* Defers across calls: each function's deferred calls run when it returns, innermost first. */
#include <gort.h>
#include <stdio.h>

static void unlock_outer(void *p) { printf("unlock outer %s\n", (char *)p); }
static void unlock_middle(void *p) { printf("unlock middle %s\n", (char *)p); }
static void unlock_inner(void *p) { printf("unlock inner %s\n", (char *)p); }

static __attribute__((noinline)) void inner(void)
{
    go_frame_void();
    go_defer(unlock_inner, "i");
}

static __attribute__((noinline)) void middle(void)
{
    go_frame_void();
    go_defer(unlock_middle, "m");
    inner();
}

static __attribute__((noinline)) void outer(void)
{
    go_frame_void();
    go_defer(unlock_outer, "o");
    middle();
}

int main(void)
{
    outer();
    return 0;
}
