/* conformance: a format function that panics with an error value (go_panic_error) while the report prints: "fatal error: panic while printing panic value: type *errors.errorString"
 * rules: P6 C5
 * from: src/runtime/crash_test.go TestPanicWhilePanicking (ErrorPanic, with an errors.New value)
 */
#include <gort.h>

static int format_example(void *v, char *buf, size_t size)
{
    (void)v, (void)buf, (void)size;
    go_panic_error("nested error");
}

static const go_type example_error = {"main.exampleError", GO_KIND_POINTER, format_example};
static char value;

int main(void) { go_panic_ptr(&value, &example_error); }
