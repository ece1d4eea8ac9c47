/* conformance: a deferred nil function in main, then deep recursion: the nil call panics only at
 *   main's return; main's earlier deferred closure recovers the run-time error
 * rules: D5 E3 R3 D1
 * from: test/fixedbugs/issue8047.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void catch_nil(void *unused)
{
    (void)unused;
    go_any err = go_recover();
    if (go_is_nil(err))
        go_panic("defer of nil func didn't panic");
    char buf[128];
    printf("recovered: %s\n", go_any_format(err, buf, sizeof buf));
}

static int depth;

__attribute__((noinline)) static void stackit(int n)
{
    volatile char pad[64];
    pad[0] = (char)n;
    if (n == 0) {
        depth = pad[0];
        return;
    }
    stackit(n - 1);
    depth++;
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    go_defer(catch_nil, NULL);
    void (*nilf)(void *) = NULL;
    go_defer(nilf, NULL);
    stackit(1000);
    printf("stackit done: %d\n", depth);
    return rc;
}
