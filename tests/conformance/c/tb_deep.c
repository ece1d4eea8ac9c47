/* conformance: a panic 130 frames deep prints the first 50 frames, "...32 frames elided...", the last 50
 * rules: C2 C5
 * from: src/runtime/traceback.go tracebackInnerFrames/tracebackOuterFrames (SEMANTICS.md C2)
 * frames: compare
 */
#include <gort.h>

static volatile int armed = 1;

static __attribute__((noinline)) void rec(int n)
{
    if (n == 0) {
        if (armed)
            go_panic_str("deep");
        return;
    }
    rec(n - 1);
    __asm__ volatile("" ::: "memory"); /* not a tail call */
}

int main(void)
{
    rec(130);
    return 0;
}
