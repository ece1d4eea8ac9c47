/* conformance: a user pointer type without a format function prints as "(*main.T) 0x..."
 * rules: P5 C5
 * from: src/runtime/error.go printanycustomtype (SEMANTICS.md P5)
 * frames: compare
 */
#include <gort.h>

struct t { int a, b; };
static const go_type t_ptr = {"*main.T", GO_KIND_POINTER, NULL};
static struct t value = {1, 2};

int main(void) { go_panic_ptr(&value, &t_ptr); }
