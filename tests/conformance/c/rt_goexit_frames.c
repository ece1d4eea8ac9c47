/* conformance: go_goexit deep in a thread runs every deferred call of every frame LIFO (a deferred call's own defer runs when it returns), recover returns nil, nothing after a call that led to the Goexit runs, and only that goroutine ends
 * rules: G1 R9 D1 D6
 * from: src/runtime/crash_test.go TestGoexitDefer (SEMANTICS.md G1)
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

static void say(void *s) { printf("%s\n", (const char *)s); }
static const char *const f1_label = "f1 deferred";
static void say_i(const char *s, long i) { printf("%s %ld\n", s, i); }

static void f3_recover(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("f3 deferred: recover = %s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void f3_with_defer(void *unused)
{
    (void)unused;
    go_frame_void();
    go_defer(say, "f3 nested deferred call");
    printf("f3 deferred call with its own defer\n");
}

static void f3(void)
{
    go_frame_void();
    go_defer(f3_recover, NULL);
    go_defer(f3_with_defer, NULL);
    printf("f3 calls Goexit\n");
    go_goexit();
}

static void f2(void)
{
    go_frame_void();
    go_defer(say, "f2 deferred 1");
    go_defer(say, "f2 deferred 2");
    f3();
    printf("f2 not reached\n");
}

static void f1(void)
{
    go_frame_void();
    for (long i = 0; i < 3; i++)
        go_defer_args(say_i, f1_label, i);
    f2();
    printf("f1 not reached\n");
}

static void *goroutine(void *unused)
{
    void *result = NULL;
    go_frame(result);
    (void)unused;
    go_defer(say, "goroutine's outermost deferred call");
    f1();
    printf("goroutine not reached\n");
    return result;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, goroutine, NULL);
    pthread_join(t, NULL);
    printf("goroutine ended; main returns\n");
    return 0;
}
