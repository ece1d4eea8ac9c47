/* conformance: a defer in a loop whose argument is a boxed value (an interface made from the
 *   loop variable at the defer): ten calls, run last-in first-out, each seeing its own value
 * rules: D1 D2 D3
 * from: test/defer.go test2
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <string.h>

static char result[64];

/* addDotDotDot(v ...interface{}) with one value */
static void add_dot_dot_dot(void *v)
{
    char buf[32];
    size_t n = strlen(result);
    snprintf(result + n, sizeof result - n, "%s", go_any_format(*(go_any *)v, buf, sizeof buf));
}

static void test2helper(void)
{
    go_any boxes[10];
    go_frame_void();
    for (int i = 0; i < 10; i++) {
        boxes[i] = go_any_int(i);
        go_defer(add_dot_dot_dot, &boxes[i]);
    }
}

static void test2(void)
{
    result[0] = 0;
    test2helper();
    if (strcmp(result, "9876543210") != 0) {
        printf("test2: bad defer result (should be 9876543210): \"%s\"\n", result);
        go_panic("defer");
    }
    printf("test2: %s\n", result);
}

int main(void)
{
    test2();
    return 0;
}
