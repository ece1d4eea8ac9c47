/* conformance: a deferred closure reading the named result sees the value the return statement
 *   set (42), and the caller gets 42
 * rules: D4
 * from: test/fixedbugs/issue9738.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void check(void *px)
{
    int x = *(int *)px;
    if (x != 42)
        printf("BUG: x = %d\n", x);
    printf("deferred call sees x = %d\n", x);
}

static int F(void)
{
    int x = 0;
    go_frame(x);
    go_defer(check, &x);
    x = 42;
    go_return(x);
}

int main(void)
{
    printf("F() = %d\n", F());
    return 0;
}
