/* Panic in a deferred call: panic "first" runs a deferred call that panics "second"; the
 * next deferred call recovers "second"; "first" was aborted (P2). */
#include <gort.h>
#include <stdio.h>

static void catcher(void *p)
{
    (void)p;
    go_any r = go_recover();
    printf("recovered %s\n", go_is_nil(r) ? "nil" : r.v.s);
}

static void repanic(void *p) { go_panic_str((const char *)p); }

static __attribute__((noinline)) int work(void)
{
    int r = 7;
    go_frame(r);
    go_defer(catcher, NULL);
    go_defer(repanic, "second");
    go_panic("first");
}

int main(void) { return work() == 7 ? 0 : 1; }
