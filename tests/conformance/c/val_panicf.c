/* conformance: go_panicf values are recovered as the formatted string, readable after the recovering function returned (no new panic yet); unrecovered they print as strings with newlines indented
 * rules: P5 R3 C5
 * from: src/runtime/error.go printpanicval (SEMANTICS.md P5)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static go_any kept;

static void keep(void *u)
{
    (void)u;
    kept = go_recover();
    char buf[64];
    printf("recovered: %s\n", go_is_nil(kept) ? "<nil>" : go_any_format(kept, buf, sizeof buf));
}

static void first(void)
{
    go_frame_void();
    go_defer(keep, NULL);
    go_panicf("value %d of %s", 7, "seven");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    first();
    char buf[64];
    printf("after return: %s\n", go_is_nil(kept) ? "<nil>" : go_any_format(kept, buf, sizeof buf));
    go_panicf("%s\n%05d|%-4s|%x", "multi", 42, "ab", 255);
}
