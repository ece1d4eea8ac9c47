/* conformance: a float argument evaluated at each defer in a loop (0.1, 0.2, 0.30000000000000004):
 *   the deferred calls print the captured values last-in first-out
 * rules: D1 D2 D3
 * from: test/fixedbugs/bug364.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char s[256];

/* Go's %v for a float64: the shortest text that reads back as the same value */
static void go_float(char *buf, size_t n, double v)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* accum(args ...interface{}) with one float64; the value travels as its bits */
static void accum(uint64_t bits)
{
    double v;
    memcpy(&v, &bits, sizeof v);
    char buf[32];
    go_float(buf, sizeof buf, v);
    size_t len = strlen(s);
    snprintf(s + len, sizeof s - len, "%s\n", buf);
}

static void f(void)
{
    go_frame_void();
    double v = 0.0;
    for (int i = 0; i < 3; i++) {
        v += 0.1;
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        go_defer_args(accum, bits);
    }
}

int main(void)
{
    f();
    printf("%s", s);
    if (strcmp(s, "0.30000000000000004\n0.2\n0.1\n") != 0)
        printf("BUG: defer\n");
    return 0;
}
