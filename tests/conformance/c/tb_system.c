/* conformance: go_set_traceback("system") raises the level: the goroutine header carries gp=/m=/mp= and every frame its fp/sp/pc; exit status 2
 * rules: C3 C5
 * frames: compare
 * from: src/runtime/debug/garbage.go SetTraceback (SEMANTICS.md C3)
 */
#include <gort.h>

static __attribute__((noinline)) void f(void) { go_panic_str("system"); }

int main(void)
{
    go_set_traceback("system");
    f();
    return 0;
}
