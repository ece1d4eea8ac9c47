/* conformance: a deferred call with several arguments (a pointer to the named result and three
 *   integers, fixed at the defer) sets the result; its recover is non-nil only under a panic;
 *   the caller sees 106 after the recovered panic and 15 after a normal return
 * rules: D2 D4 R5 R1
 * from: test/recover.go test8 (varargs, test8a, test8b)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

/* varargs(s *int, a ...int) with three values */
static void varargs(long *s, long a, long b, long c)
{
    *s = 0;
    *s += a;
    *s += b;
    *s += c;
    if (!go_is_nil(go_recover()))
        *s += 100;
}

static long test8a(void)
{
    long r = 0;
    go_frame(r);
    go_defer_args(varargs, &r, 1, 2, 3);
    go_panic(0);
}

static long test8b(void)
{
    long r = 0;
    go_frame(r);
    go_defer_args(varargs, &r, 4, 5, 6);
    go_return(r);
}

int main(void)
{
    long a = test8a();
    long b = test8b();
    printf("test8a() = %ld\ntest8b() = %ld\n", a, b);
    if (a != 106 || b != 15) {
        printf("wrong value\n");
        go_panic("die");
    }
    return 0;
}
