/* conformance: the deferred function value is itself computed at the defer (a call returning a
 *   closure over the named result); the closure runs at return and sees the result by reference:
 *   it prints 42, not the 0 the result held at the defer
 * rules: D2 D4
 * from: test/fixedbugs/issue32175.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static int calls;

static void print_x(void *px)
{
    printf("%d\n", *(int *)px);
}

/* func() func() { return func() { println(x) } } */
static void (*make_printer(void))(void *)
{
    calls++;
    printf("make_printer called (x not yet set)\n");
    return print_x;
}

static int f(void)
{
    int x = 0;
    go_frame(x);
    go_defer(make_printer(), &x);
    x = 42;
    go_return(x);
}

int main(void)
{
    int r = f();
    printf("f() = %d, make_printer calls = %d\n", r, calls);
    return 0;
}
