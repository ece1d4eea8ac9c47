/* conformance: GOTRACEBACK=crash prints the report at system level and ends with SIGABRT (a core dump) instead of exit status 2
 * rules: C3
 * frames: compare
 * from: src/runtime/extern.go GOTRACEBACK=crash (SEMANTICS.md C3)
 * env: GOTRACEBACK=crash
 */
#include <gort.h>
#include <sys/resource.h>

static __attribute__((noinline)) void f(void) { go_panic_str("crash"); }

int main(void)
{
    struct rlimit no_core = {0, 0}; /* the test wants the signal, not the core file */
    setrlimit(RLIMIT_CORE, &no_core);
    f();
    return 0;
}
