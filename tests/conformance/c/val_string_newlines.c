/* conformance: a string prints with "\n\t" for each newline (doubled and trailing ones too), in every panic of the chain
 * rules: P5 C1 C5
 * from: src/runtime/crash_test.go TestPanicWhilePanicking (StringPanic), runtime/error.go printindented
 */
#include <gort.h>

static const char *const second = "second\nvalue";

int main(void)
{
    int rc = 0;
    go_frame(rc);
    go_defer_args(go_panic_str, second);
    go_panic("line one\nline two\n\nline four\n");
}
