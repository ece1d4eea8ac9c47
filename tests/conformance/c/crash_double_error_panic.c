/* conformance: a format function that panics with a non-string value while the report prints: "fatal error: panic while printing panic value: type main.exampleError"
 * rules: P6 C5
 * from: src/runtime/crash_test.go TestPanicWhilePanicking (DoubleErrorPanic)
 */
#include <gort.h>

static int format_example(void *v, char *buf, size_t size)
{
    (void)v, (void)buf, (void)size;
    go_panic("important multi-line\nerror message");
}

static const go_type example_error = {"main.exampleError", GO_KIND_POINTER, format_example};
static char value;

static int format_panic_error(void *v, char *buf, size_t size)
{
    (void)v, (void)buf, (void)size;
    go_panic_ptr(&value, &example_error);
}

static const go_type example_panic_error = {"main.examplePanicError", GO_KIND_POINTER, format_panic_error};

int main(void) { go_panic_ptr(&value, &example_panic_error); }
