/* conformance: 120 deferred calls queued in a loop each panic while the previous panic runs them: all 121 panics print, oldest first ("panic: start", "\tpanic: 119" ... "\tpanic: 0")
 * rules: P2 C1 D1 D3 C5
 * from: src/runtime/panic.go printpanics (SEMANTICS.md P2, C1)
 * frames: compare
 */
#include <gort.h>

static void panic_i(long i) { go_panic(i); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    for (long i = 0; i < 120; i++)
        go_defer_args(panic_i, i);
    go_panic("start");
}
