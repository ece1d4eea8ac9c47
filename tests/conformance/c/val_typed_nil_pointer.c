/* conformance: a NULL pointer of a user type is not nil: recover returns it (non-nil), it is no run-time error, and it prints as "(*main.T) 0x0"
 * rules: P4 P5 R3 C1 C5
 * from: src/runtime/error.go printanycustomtype (SEMANTICS.md P4, P5)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static const go_type t_ptr = {"*main.T", GO_KIND_POINTER, NULL};

static void handler(void *u)
{
    (void)u;
    go_any r = go_recover();
    printf("recovered non-nil: %s runtime error: %s\n", go_is_nil(r) ? "false" : "true",
           go_is_runtime_error(r) ? "true" : "false");
    go_panic_value(r);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(handler, NULL);
    go_panic_ptr(NULL, &t_ptr);
}
