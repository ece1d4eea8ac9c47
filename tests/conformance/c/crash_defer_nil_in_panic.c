/* conformance: a NULL deferred function run by a panic raises the nil-dereference run-time error as a newer panic; a later deferred call panics again; the [signal SIGSEGV ...] line follows the whole chain ("panic: 1" / "\tpanic: runtime error: ..." / "\tpanic: x" / "[signal ...")
 * rules: D5 P2 C1 C5
 * from: test/fixedbugs/issue8047b.go, unrecovered (SEMANTICS.md D5, C1)
 */
#include <gort.h>
#include <stdio.h>

static void last(void *u)
{
    (void)u;
    printf("last deferred call panics\n");
    go_panic("x");
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(last, NULL);
    void (*g)(void *) = NULL;
    go_defer(g, NULL);
    go_panic(1);
}
