/* conformance: the named result is set and the function returns; a later-deferred call then
 *   panics (a run-time error) and the earlier-deferred closure recovers it: the caller still
 *   gets the result as set (1)
 * rules: R5 D4 D1 D5
 * from: test/fixedbugs/issue52072.go (the panicking i.M() becomes a deferred nil function)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void squelch(void *unused)
{
    (void)unused;
    go_any v = go_recover();
    printf("recovered a run-time error: %s\n", go_is_runtime_error(v) ? "true" : "false");
}

static int f(void)
{
    int r = 0;
    go_frame(r);
    go_defer(squelch, NULL);
    void (*m)(void *) = NULL;
    go_defer(m, NULL);
    r = 1;
    go_return(r);
}

int main(void)
{
    int got = f();
    printf("f() = %d\n", got);
    if (got != 1)
        go_panic(got);
    return 0;
}
