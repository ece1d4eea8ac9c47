/* conformance: GOTRACEBACK=none prints the panic line only, no goroutine trace; exit status 2
 * rules: C3 C5
 * from: src/runtime/extern.go GOTRACEBACK=none (SEMANTICS.md C3)
 * frames: compare
 * env: GOTRACEBACK=none
 */
#include <gort.h>

static __attribute__((noinline)) void f(void) { go_panic_str("quiet"); }

int main(void)
{
    f();
    return 0;
}
