/* conformance: a defer in a loop queues one call per iteration, each with the loop variable's
 *   value at that iteration; they run last-in first-out: 9876543210
 * rules: D1 D2 D3
 * from: test/defer.go test1
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <string.h>

static char result[64];

static void add_int(long i)
{
    size_t n = strlen(result);
    snprintf(result + n, sizeof result - n, "%ld", i);
}

static void test1helper(void)
{
    go_frame_void();
    for (long i = 0; i < 10; i++)
        go_defer_args(add_int, i);
}

static void test1(void)
{
    result[0] = 0;
    test1helper();
    if (strcmp(result, "9876543210") != 0) {
        printf("test1: bad defer result (should be 9876543210): \"%s\"\n", result);
        go_panic("defer");
    }
    printf("test1: %s\n", result);
}

int main(void)
{
    test1();
    return 0;
}
