/* conformance: an unrecovered panic still runs the deferred call, and a deferred call that exits
 *   the process (os.Exit(0)) ends it there: exit status 0, no crash report
 * rules: P1 D1
 * from: test/fixedbugs/issue5856.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>

static int x = 1;

static void g(void *unused)
{
    (void)unused;
    printf("g: deferred call runs during the panic, exiting 0\n");
    exit(0);
}

static void f(void)
{
    go_frame_void();
    if (x == 0)
        return;
    go_defer(g, NULL);
    go_panic("panic");
}

int main(void)
{
    f();
    go_panic("deferred function not run");
}
