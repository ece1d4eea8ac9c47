/* conformance: a goroutine's deferred closure recovers a panic, signals, and calls Goexit from
 *   inside the recovering deferred call: Goexit runs the goroutine's remaining deferred calls
 *   and ends only that goroutine, whose function never returns; done twice, one goroutine after
 *   the other
 * rules: G1 R5 R3
 * from: test/fixedbugs/issue8158.go
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

static void earlier(void *name)
{
    printf("%s: earlier deferred call\n", (const char *)name);
}

static void recover_then_goexit(void *name)
{
    go_any v = go_recover();
    char buf[32];
    printf("%s: recovered %s\n", (const char *)name,
           go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
    go_goexit();
}

static void *f(void *name)
{
    void *ret = NULL;
    go_frame(ret);
    go_defer(earlier, name);
    go_defer(recover_then_goexit, name);
    go_panic("p");
}

static void *f_caller(void *name)
{
    f(name);
    printf("%s: f returned (must not happen)\n", (const char *)name);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, f_caller, "f1");
    pthread_join(t, NULL);
    printf("f1 goroutine ended\n");
    pthread_create(&t, NULL, f_caller, "f2");
    pthread_join(t, NULL);
    printf("f2 goroutine ended\n");
    return 0;
}
