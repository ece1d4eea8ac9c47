/* conformance: a panic runs a deferred nil function, which raises the nil-dereference run-time
 *   error; that newer panic unwinds past f and aborts panic(1); main's deferred closure recovers
 *   the run-time error and the program completes normally
 * rules: D5 P2 R4 E3
 * from: test/fixedbugs/issue8047b.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void catch_it(void *unused)
{
    (void)unused;
    go_any err = go_recover();
    char buf[128];
    printf("recovered: %s\n", go_is_nil(err) ? "<nil>" : go_any_format(err, buf, sizeof buf));
    printf("runtime.Error: %s\n", go_is_runtime_error(err) ? "true" : "false");
}

static void f(void)
{
    go_frame_void();
    void (*g)(void *) = NULL;
    go_defer(g, NULL);
    go_panic(1);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    go_defer(catch_it, NULL);
    f();
    return rc;
}
