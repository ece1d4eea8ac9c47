/* conformance: while a panic runs, deferred calls use a lot of stack and one starts a goroutine
 *   and waits for it; the first-deferred closure, holding a pointer to the panicking function's
 *   local array (fixed at the defer), recovers and finds the array intact: deferred calls run on
 *   top of the panicking stack
 * rules: P1 D2 R3 D1
 * from: test/fixedbugs/issue40629.go (the nil write becomes an explicit panic)
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

#define N 40

__attribute__((noinline)) static long use_stack(int n)
{
    volatile long pad[16];
    pad[0] = n;
    if (n == 0)
        return pad[0];
    return use_stack(n - 1) + pad[0];
}

static void check(long *p)
{
    go_any v = go_recover();
    char buf[32];
    printf("recovered %s\n", go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
    for (int i = 0; i < N; i++) {
        if (p[i] != 0x999) {
            for (int j = 0; j < N; j++)
                printf("p[%d]=0x%lx\n", j, p[j]);
            go_panic("corrupted stack variable");
        }
    }
    printf("x is intact\n");
}

static void *goroutine(void *c)
{
    *(long *)c = use_stack(1000);
    return NULL;
}

static void start_goroutine(void *unused)
{
    (void)unused;
    long c = 0;
    pthread_t t;
    pthread_create(&t, NULL, goroutine, &c);
    pthread_join(t, NULL);
    printf("goroutine done: %ld\n", c);
}

static void grow(void *unused)
{
    (void)unused;
    printf("useStack: %ld\n", use_stack(1000));
}

static void test(void)
{
    go_frame_void();
    long x[N];
    for (int i = 0; i < N; i++)
        x[i] = 0x999;
    go_defer_args(check, &x[0]);
    go_defer(start_goroutine, NULL);
    go_defer(grow, NULL);
    go_panic("fault");
}

int main(void)
{
    test();
    printf("test returned\n");
    return 0;
}
