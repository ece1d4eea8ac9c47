/* conformance: loop, plain and many-argument deferred calls with a recovered panic and deep recursion in between, repeated: every deferred call runs exactly once with intact arguments
 * rules: D1 D2 D3 R5
 * from: src/runtime/defer_test.go TestIssue37688
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

struct foo { int m1, m2; };

static __attribute__((noinline)) void method1(void *p) { ((struct foo *)p)->m1++; }
static __attribute__((noinline)) void method2(void *p) { ((struct foo *)p)->m2++; }

static struct { int a, b, c, d, e, f, g, h, i; } globstruct;
static int recovered;

struct ff1_args { struct foo *ap; int a, b, c, d, e, f, g, h, i; };

static void ff1_deferred(void *p)
{
    struct ff1_args *x = p;
    go_any v = go_recover();
    if (!go_is_nil(v))
        recovered++;
    globstruct.a = x->a;
    globstruct.b = x->b;
    globstruct.c = x->c;
    globstruct.d = x->d;
    globstruct.e = x->e;
    globstruct.f = x->f;
    globstruct.g = x->g;
    globstruct.h = x->h;
    globstruct.i = x->i;
}

static void ff1(struct foo *ap, int a, int b, int c, int d, int e, int f, int g, int h, int i)
{
    go_frame_void();
    go_defer(method1, ap);
    struct ff1_args args = {ap, a, b, c, d, e, f, g, h, i}; /* the deferred call's arguments */
    go_defer(ff1_deferred, &args);
    go_panic("ff1 panic");
}

static __attribute__((noinline)) void rec1(int max)
{
    volatile char pad[64];
    pad[0] = (char)max;
    if (max > 0)
        rec1(max - 1);
    pad[1] = pad[0];
}

static void g2(struct foo *ap)
{
    go_frame_void();
    for (int i = 0; i < 1; i++)
        go_defer(method1, ap);
    go_defer(method2, ap);
    go_defer(method1, ap);
    ff1(ap, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    rec1(2000);
}

static void g3(struct foo *ap) { g2(ap); }

int main(void)
{
    struct foo a = {0, 0};
    for (int j = 0; j < 10; j++) {
        g2(&a);
        g3(&a);
    }
    printf("method1 %d method2 %d recovered %d\n", a.m1, a.m2, recovered);
    printf("%d %d %d %d %d %d %d %d %d\n", globstruct.a, globstruct.b, globstruct.c, globstruct.d,
           globstruct.e, globstruct.f, globstruct.g, globstruct.h, globstruct.i);
    return 0;
}
