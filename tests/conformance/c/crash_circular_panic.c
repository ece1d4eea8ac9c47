/* conformance: two types whose format functions panic with each other: printing stops at the first nested panic: "fatal error: panic while printing panic value: type main.exampleCircleEndError"
 * rules: P6 C5
 * from: src/runtime/crash_test.go TestPanicWhilePanicking (CircularPanic)
 */
#include <gort.h>

static int format_start(void *v, char *buf, size_t size);
static int format_end(void *v, char *buf, size_t size);

static const go_type start_error = {"main.exampleCircleStartError", GO_KIND_POINTER, format_start};
static const go_type end_error = {"main.exampleCircleEndError", GO_KIND_POINTER, format_end};
static char value;

static int format_start(void *v, char *buf, size_t size)
{
    (void)v, (void)buf, (void)size;
    go_panic_ptr(&value, &end_error);
}

static int format_end(void *v, char *buf, size_t size)
{
    (void)v, (void)buf, (void)size;
    go_panic_ptr(&value, &start_error);
}

int main(void) { go_panic_ptr(&value, &start_error); }
