/* conformance: a recursive function with two results defers a call taking the address of its
 *   error result; thousands of calls, up to 1000 deep, each with a deferred call: results and
 *   the early error return come out right
 * rules: D1 D2 D4
 * from: test/fixedbugs/issue16249.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

struct res_err {
    long res;
    const char *err;
};

static const char **volatile sink;

__attribute__((noinline)) static void f(const char **err)
{
    if (err != NULL)
        sink = err;
}

__attribute__((noinline)) static long B(long n)
{
    if (n <= 1)
        return n;
    return 1 + B(n - 1);
}

static struct res_err A(long n, long m)
{
    struct res_err r = {0, NULL};
    go_frame(r);
    go_defer_args(f, &r.err);
    if (n < 0) {
        r.err = "No negative";
        go_return(r);
    }
    if (n <= 1) {
        r.res = n;
        go_return(r);
    }
    r.res = B(m);
    r = A(n - 1, m);
    r.res++;
    go_return(r);
}

int main(void)
{
    struct res_err x = A(0, 0);
    for (long j = 0; j < 4; j++)
        for (long i = 0; i < 1000; i++)
            x = A(i, j);
    printf("x = %ld, err = %s\n", x.res, x.err ? x.err : "<nil>");
    x = A(-1, 0);
    printf("A(-1, 0) = %ld, err = %s\n", x.res, x.err ? x.err : "<nil>");
    sink = NULL;
    return 0;
}
