/* conformance: a nil panic value is a run-time error: "panic: panic called with nil argument"
 * rules: P4 C5
 * from: src/runtime/crash_test.go TestPanicWhilePanicking (NilPanic)
 * frames: compare
 */
#include <gort.h>

int main(void) { go_panic_value(go_nil()); }
