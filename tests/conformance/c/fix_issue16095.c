/* conformance: a function with an array result, set before a panic(nil) that its deferred
 *   closure recovers, returns the array as it was set (0..19), not garbage
 * rules: R5 P4
 * from: test/fixedbugs/issue16095.go (f)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>

struct arr20 {
    unsigned char b[20];
};

static void *volatile sink;

static void squelch(void *unused)
{
    (void)unused;
    go_recover();
}

static struct arr20 f(void)
{
    struct arr20 x;
    go_frame(x);
    for (int i = 0; i < 20; i++)
        x.b[i] = (unsigned char)i;
    sink = &x;
    sink = NULL;
    go_defer(squelch, NULL);
    /* allocate and clobber a same-sized object */
    unsigned char *y = malloc(20);
    for (int i = 0; i < 20; i++)
        y[i] = 99;
    sink = y;
    go_panic_value(go_nil());
}

int main(void)
{
    struct arr20 x = f();
    printf("[");
    for (int i = 0; i < 20; i++)
        printf(i ? " %d" : "%d", x.b[i]);
    printf("]\n");
    for (int i = 0; i < 20; i++)
        if (x.b[i] != i)
            go_panic("bad f");
    free(sink);
    return 0;
}
