/* conformance: an ordinary multi-line string panic prints "panic: important multi-line\n\tstring message"
 * rules: P5 C5
 * from: src/runtime/crash_test.go TestPanicWhilePanicking (StringPanic)
 * frames: compare
 */
#include <gort.h>

int main(void) { go_panic("important multi-line\nstring message"); }
