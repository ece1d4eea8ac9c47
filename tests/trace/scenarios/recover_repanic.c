/* Recover then re-panic: a deferred call recovers "boom" and panics again with it; a deferred
 * call of the caller recovers that (R3, C1). */
#include <gort.h>
#include <stdio.h>

static void outer_catch(void *p)
{
    (void)p;
    go_any r = go_recover();
    printf("outer recovered %s\n", go_is_nil(r) ? "nil" : r.v.s);
}

static void rethrow(void *p)
{
    (void)p;
    go_any r = go_recover();
    if (!go_is_nil(r))
        go_panic_value(r);
}

static __attribute__((noinline)) void inner(void)
{
    go_frame_void();
    go_defer(rethrow, NULL);
    go_panic("boom");
}

static __attribute__((noinline)) int outer(void)
{
    int r = 3;
    go_frame(r);
    go_defer(outer_catch, NULL);
    inner();
    return 0;
}

int main(void) { return outer() == 3 ? 0 : 1; }
