/* conformance: a named uint64 type prints as "panic: main.MyUint64(93)"
 * rules: P5 C5
 * from: src/runtime/panic_test.go TestPanicWithDirectlyPrintableCustomTypes (panicCustomUint64)
 * frames: compare
 */
#include <gort.h>

static const go_type my_uint64 = {"main.MyUint64", GO_KIND_UINT, NULL};

int main(void) { go_panic_value(go_any_typed(&my_uint64, .u = 93)); }
