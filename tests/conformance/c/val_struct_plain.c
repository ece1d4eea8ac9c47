/* conformance: a user value type without a format function prints as "(main.T) 0x..."; a recovered one stays on the chain as [recovered] when its handler panics
 * rules: P5 R6 C1 C5
 * from: src/runtime/error.go printanycustomtype (SEMANTICS.md P5)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

struct t { int a, b; };
static const go_type t_type = {"main.T", GO_KIND_POINTER, NULL};
static struct t first = {1, 2}, second = {3, 4};

static void handler(void *u)
{
    (void)u;
    go_any r = go_recover();
    printf("recovered a T: %s\n", go_is_nil(r) ? "false" : "true");
    go_panic_ptr(&second, &t_type);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(handler, NULL);
    go_panic_ptr(&first, &t_type);
}
