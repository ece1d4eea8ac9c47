/* conformance: the largest uint64 prints in full: "panic: 18446744073709551615", exit status 2
 * rules: P5 C5
 * from: src/runtime/error.go printpanicval (SEMANTICS.md P5)
 * frames: compare
 */
#include <gort.h>
#include <stdint.h>

int main(void)
{
    uint64_t v = UINT64_MAX;
    go_panic(v);
}
