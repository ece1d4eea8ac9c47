/* conformance: an unrecovered panic in a goroutine runs that goroutine's deferred calls, prints its trace as goroutine N with a "created by" line, and exits 2 without running main's deferred calls
 * rules: P1 C1 C2 C5
 * frames: compare
 * from: src/runtime/crash_test.go TestGoNil / SEMANTICS.md C2 (panic.go fatalpanic, traceback.go printcreatedby)
 */
#include <gort.h>
#include <stdio.h>

static void say(void *s) { printf("%s\n", (const char *)s); }

static void work(void)
{
    go_frame_void();
    go_defer(say, "work's deferred call runs");
    printf("goroutine panics\n");
    go_panic("in goroutine");
}

static void goroutine(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer(say, "goroutine's deferred call runs");
    work();
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0);
    go_defer(say, "main's deferred call must not run");
    go_go(goroutine, NULL);
    go_sleep(10LL * 1000 * 1000 * 1000);
    printf("not reached\n");
    return rc;
}
