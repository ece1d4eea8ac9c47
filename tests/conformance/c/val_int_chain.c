/* conformance: integers of every size print in decimal (0, -1, min/max int64, max uint64, 1<<63, int8, uint8, uintptr); deferred panics (Go's `defer panic(v)`) put each on the chain
 * rules: P5 P2 D2 C1 C5
 * from: src/runtime/panic_test.go TestPanicWithDirectlyPrintableCustomTypes, runtime/error.go printpanicval
 */
#include <gort.h>
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer_args(go_panic_uint, (uint8_t)255);
    go_defer_args(go_panic_int, (int8_t)-128);
    go_defer_args(go_panic_uint, (uintptr_t)0);
    go_defer_args(go_panic_uint, UINT64_MAX);
    go_defer_args(go_panic_uint, (uint64_t)1 << 63);
    go_defer_args(go_panic_int, INT64_MAX);
    go_defer_args(go_panic_int, INT64_MIN);
    go_defer_args(go_panic_int, (int32_t)-7);
    go_defer_args(go_panic_int, -1);
    printf("panicking with 0\n");
    go_panic(0);
}
