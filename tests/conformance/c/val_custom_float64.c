/* conformance: a named float64 type prints as "panic: main.MyFloat64(-9.370000e+001)"
 * rules: P5 C5
 * from: src/runtime/panic_test.go TestPanicWithDirectlyPrintableCustomTypes (panicCustomFloat64)
 * frames: compare
 */
#include <gort.h>

static const go_type my_float64 = {"main.MyFloat64", GO_KIND_FLOAT, NULL};

int main(void) { go_panic_value(go_any_typed(&my_float64, .f = -93.7)); }
