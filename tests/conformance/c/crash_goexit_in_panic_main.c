/* conformance: on the main thread, go_goexit in a deferred call run by a panic drops the panic (never printed), runs the remaining deferred calls, then the Goexit deadlock fatal error
 * rules: G4 G5 C5
 * from: src/runtime/crash_test.go TestGoexitInPanic (on the main goroutine)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void say(void *s) { printf("%s\n", (const char *)s); }

static void goexit_deferred(void *u)
{
    (void)u;
    printf("deferred call calls Goexit\n");
    go_goexit();
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(say, "main's earlier deferred call runs");
    go_defer(goexit_deferred, NULL);
    go_panic("dropped");
}
