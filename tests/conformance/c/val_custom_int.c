/* conformance: a named basic int type prints as "panic: main.MyInt(93)"
 * rules: P5 C5
 * from: src/runtime/panic_test.go TestPanicWithDirectlyPrintableCustomTypes (panicCustomInt)
 * frames: compare
 */
#include <gort.h>

static const go_type my_int = {"main.MyInt", GO_KIND_INT, NULL};

int main(void) { go_panic_value(go_any_typed(&my_int, .i = 93)); }
