/* conformance: a deferred call that dereferences NULL while the function returns normally panics with the nil-dereference run-time error; a call deferred earlier in the same frame recovers it and the caller continues
 * rules: E1 D1 R3 R5
 * from: test/recover3.go; SEMANTICS.md E1 (fault in a deferred call)
 */
#include <gort.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

typedef struct T { int x; } T;

static T *volatile global;

static FAULTS void cleanup(void *unused)
{
    (void)unused;
    printf("cleanup starts\n");
    printf("%d\n", global->x);
}

static void report(void *unused)
{
    (void)unused;
    char buf[128];
    printf("recovered: %s\n", go_any_format(go_recover(), buf, sizeof buf));
}

static __attribute__((noinline)) void f(void)
{
    go_frame_void();
    go_defer(report, NULL);
    go_defer(cleanup, NULL);
    printf("f returns\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    f();
    printf("main continues\n");
    return 0;
}
