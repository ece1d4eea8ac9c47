/* conformance: a named bool type prints as "panic: main.MyBool(true)"
 * rules: P5 C5
 * from: src/runtime/panic_test.go TestPanicWithDirectlyPrintableCustomTypes (panicCustomBool)
 * frames: compare
 */
#include <gort.h>

static const go_type my_bool = {"main.MyBool", GO_KIND_BOOL, NULL};

int main(void) { go_panic_value(go_any_typed(&my_bool, .b = true)); }
