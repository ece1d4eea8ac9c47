/* conformance: when a later panic of the chain has a format function that panics, every value is formatted before any line prints: only "fatal error: panic while printing panic value: ..."
 * rules: P6 C1 C5
 * from: src/runtime/crash_test.go TestPanicWhilePanicking (StringerPanic, second in a chain)
 */
#include <gort.h>
#include <stdio.h>

static int format_stringer(void *v, char *buf, size_t size)
{
    (void)v, (void)buf, (void)size;
    go_panic("important multi-line\nstringer message");
}

static const go_type example_stringer = {"main.exampleStringer", GO_KIND_POINTER, format_stringer};
static char value;

static void deferred(void *u)
{
    (void)u;
    printf("deferred call panics with the bad value\n");
    go_panic_ptr(&value, &example_stringer);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(deferred, NULL);
    go_panic("first value");
}
