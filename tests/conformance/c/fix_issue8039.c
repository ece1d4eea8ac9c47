/* conformance: `defer copy(s, <-c)`: the receive is an argument, so it happens at the defer,
 *   before the rest of the function; the copy happens at return
 * rules: D2
 * from: test/fixedbugs/issue8039.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

/* a one-slot channel of ints */
struct chan1 {
    int full;
    long v;
};

static void send(struct chan1 *c, long v)
{
    c->full = 1;
    c->v = v;
    printf("send %ld\n", v);
}

static long recv(struct chan1 *c)
{
    c->full = 0;
    printf("recv %ld\n", c->v);
    return c->v;
}

static void copy1(long *dst, long v)
{
    dst[0] = v;
    printf("copy\n");
}

static void f(long *s)
{
    go_frame_void();
    struct chan1 c = {0, 0};
    send(&c, 1);
    go_defer_args(copy1, s, recv(&c));
    send(&c, 2); /* the deferred copy already holds 1 */
    printf("f returns\n");
}

int main(void)
{
    long x[1] = {0};
    f(x);
    if (x[0] != 1)
        printf("BUG %ld\n", x[0]);
    printf("x[0] = %ld\n", x[0]);
    return 0;
}
