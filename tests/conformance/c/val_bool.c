/* conformance: bools print as false / true; the deferred panic follows on the chain (through go_panic_bool and through go_panic's _Bool branch)
 * rules: P5 P2 C1 C5
 * from: src/runtime/error.go printpanicval (SEMANTICS.md P5)
 * frames: compare
 */
#include <gort.h>
#include <stdbool.h>

static void panic_true(void *u)
{
    (void)u;
    go_panic_bool(true);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    go_defer(panic_true, NULL);
    go_panic((bool)false); /* a bare `false` is an int constant in C: it would panic with 0 */
}
