/* conformance: an unrecovered integer division by zero prints "panic: runtime error: integer divide by zero" without a [signal ...] line (as Go, which checks divisions in code), exit 2
 * rules: E2 C1 C5
 * frames: compare
 * from: src/runtime/panic.go panicdivide; SEMANTICS.md E2
 */
#include <gort.h>
#include <stdint.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

static volatile int zero = 0;

static FAULTS int32_t divide(int32_t a, int32_t b) { return a / b; }

static void say(void *s) { printf("%s\n", (const char *)s); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(say, "main's deferred call runs");
    printf("%d\n", divide(7, zero));
    return rc;
}
