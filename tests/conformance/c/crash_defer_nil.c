/* conformance: go_defer(NULL, p) panics only when the call would run (at function exit), with the nil-dereference run-time error and the [signal SIGSEGV ...] line; earlier deferred calls and the caller's still run
 * rules: D5 P1 C1 C5
 * from: test/defernil.go, unrecovered (SEMANTICS.md D5)
 */
#include <gort.h>
#include <stdio.h>

static void say(void *s) { printf("%s\n", (const char *)s); }

static void f(void)
{
    go_frame_void();
    go_defer(say, "f's earlier deferred call runs");
    void (*nilf)(void *) = NULL;
    go_defer(nilf, NULL);
    printf("f's body runs to the end\n");
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(say, "main's deferred call runs");
    f();
    printf("not reached\n");
    return rc;
}
