/* conformance: a defer in a switch case that is not taken queues nothing; the case taken queues its own call, which runs before the earlier unconditional one
 * rules: D1 D3
 * from: src/runtime/defer_test.go TestDisappearingDefer
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <string.h>

static const char *goos = "linux";

static void always(void *os) { printf("  always ( %s )\n", (const char *)os); }
static void shouldnt(void *unused)
{
    (void)unused;
    printf("  Defer shouldn't run unless os is invalidOS\n");
}
static void linux_case(void *unused)
{
    (void)unused;
    printf("  linux case\n");
}

static void disappearing(const char *os)
{
    go_frame_void();
    go_defer(always, (void *)os);
    if (strcmp(os, "invalidOS") == 0)
        go_defer(shouldnt, NULL);
    else if (strcmp(os, "linux") == 0)
        go_defer(linux_case, NULL);
    printf("  body of %s\n", os);
}

int main(void)
{
    printf("call with goos:\n");
    disappearing(goos);
    printf("call with other:\n");
    disappearing("plan9");
    printf("call with invalidOS:\n");
    disappearing("invalidOS");
    return 0;
}
