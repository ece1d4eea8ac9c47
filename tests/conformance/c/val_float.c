/* conformance: a double panic value prints as Go prints a float64: "panic: +1.500000e+000"
 * rules: P5 C5
 * from: src/runtime/error.go printpanicval (SEMANTICS.md P5)
 * frames: compare
 */
#include <gort.h>

int main(void) { go_panic(1.5); }
