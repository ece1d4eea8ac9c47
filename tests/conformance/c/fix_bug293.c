/* conformance: a deferred closure increments the first of two named results after they were set
 *   by an assignment from a call and by `return y()`; the caller sees 5 both times
 * rules: D4
 * from: test/fixedbugs/bug293.go
 * frames: compare
 */
#include <gort.h>
#include <stdbool.h>
#include <stdio.h>

struct ab {
    int a;
    bool b;
};

static void inc_a(void *r)
{
    ((struct ab *)r)->a++;
}

static struct ab y(void)
{
    struct ab r = {4, false};
    return r;
}

/* a, b = y(); return */
static struct ab x(void)
{
    struct ab r = {0, false};
    go_frame(r);
    go_defer(inc_a, &r);
    r = y();
    go_return(r);
}

/* return y(): Go assigns the results, then runs the deferred calls */
static struct ab x2(void)
{
    struct ab r = {0, false};
    go_frame(r);
    go_defer(inc_a, &r);
    r = y();
    go_return(r);
}

int main(void)
{
    struct ab r = x();
    printf("x() = %d %s\n", r.a, r.b ? "true" : "false");
    if (r.a != 5)
        printf("BUG %d\n", r.a);
    r = x2();
    printf("x2() = %d %s\n", r.a, r.b ? "true" : "false");
    if (r.a != 5)
        printf("BUG %d\n", r.a);
    return 0;
}
