/* conformance: a named string type prints as main.MyString("Panic\n\tline two")
 * rules: P5 C5
 * from: src/runtime/panic_test.go TestPanicWithDirectlyPrintableCustomTypes (panicCustomString)
 * frames: compare
 */
#include <gort.h>

static const go_type my_string = {"main.MyString", GO_KIND_STRING, NULL};

int main(void) { go_panic_value(go_any_typed(&my_string, .s = "Panic\nline two")); }
