/* conformance: go_goexit in a goroutine runs its deferred calls LIFO across frames (a recover there returns nil) and ends only that goroutine; main carries on
 * rules: G1 R9 R1
 * from: src/runtime/crash_test.go TestGoexitDefer; SEMANTICS.md G1
 */
#include <gort.h>
#include <stdio.h>

static go_waitgroup wg;

static void done(void *unused)
{
    (void)unused;
    go_wg_done(&wg);
}

static void check_recover(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    printf("recover during Goexit returned %s\n", go_is_nil(r) ? "nil" : "a value");
}

static void say(void *s) { printf("%s\n", (const char *)s); }

static void inner(void)
{
    go_frame_void();
    go_defer(say, "inner's deferred call");
    go_goexit();
    printf("not reached\n");
}

static void goroutine(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer(done, NULL);
    go_defer(check_recover, NULL);
    go_defer(say, "goroutine's deferred call");
    inner();
    printf("not reached either\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int i = 0; i < 3; i++) {
        go_wg_add(&wg, 1);
        go_go(goroutine, NULL);
        go_wg_wait(&wg);
    }
    printf("main carries on\n");
    return 0;
}
