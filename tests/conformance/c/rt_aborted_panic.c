/* conformance: a panic in a deferred call run by an older panic aborts the older one: recover returns the newer value, and a later recover finds nothing (the aborted panic is gone)
 * rules: P2 R4 R5
 * from: src/runtime/defer_test.go TestAbortedPanic
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void print_recovered(const char *who, go_any r)
{
    char buf[64];
    printf("%s recovered: %s\n", who, go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void first(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    print_recovered("first deferred call", r);
}

static void second(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    print_recovered("second deferred call", r);
}

static void third(void *unused)
{
    (void)unused;
    printf("third deferred call panics\n");
    go_panic("panic2");
}

static void aborted(void)
{
    go_frame_void();
    go_defer(first, NULL);
    go_defer(second, NULL);
    go_defer(third, NULL);
    go_panic("panic1");
}

int main(void)
{
    aborted();
    printf("aborted returned normally\n");
    return 0;
}
