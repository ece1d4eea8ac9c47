/* conformance: a format function that panics with a string while the crash report prints the value: "fatal error: panic while printing panic value: important multi-line\n\terror message"
 * rules: P6 C5
 * from: src/runtime/crash_test.go TestPanicWhilePanicking (ErrorPanic)
 */
#include <gort.h>

static int format_example(void *v, char *buf, size_t size)
{
    (void)v, (void)buf, (void)size;
    go_panic("important multi-line\nerror message");
}

static const go_type example_error = {"main.exampleError", GO_KIND_POINTER, format_example};
static char value;

int main(void) { go_panic_ptr(&value, &example_error); }
