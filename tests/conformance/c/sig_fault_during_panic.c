/* conformance: a NULL dereference in a deferred call run by a panic starts a newer panic; unrecovered: "panic: first" / "\tpanic: runtime error: invalid memory address or nil pointer dereference" / "[signal SIGSEGV ...]", exit 2
 * rules: E1 P2 C1 C5
 * frames: compare
 * from: SEMANTICS.md E1, P2; runtime/panic.go printpanics
 */
#include <gort.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

typedef struct T { int x; } T;

static T *volatile global;

static FAULTS void cleanup(void *unused)
{
    (void)unused;
    printf("cleanup runs during the panic\n");
    printf("%d\n", global->x);
}

static __attribute__((noinline)) void f(void)
{
    go_frame_void();
    go_defer(cleanup, NULL);
    go_panic("first");
}

static void say(void *s) { printf("%s\n", (const char *)s); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(say, "main's deferred call runs");
    f();
    return rc;
}
