/* conformance: faults on a scheduler goroutine's own stack: a nil dereference is the recoverable run-time error there too (not taken for a stack overflow), and the goroutine's deferred calls run
 * rules: E1 E3 R3
 * from: src/runtime/signal_unix.go sigpanic (panicmem) on a goroutine stack; test/recover3.go
 */
#include <gort.h>
#include <stdio.h>

/* UBSan would report the undefined behaviour itself before the fault. */
#define FAULTS __attribute__((noinline, no_sanitize("undefined")))

typedef struct T { int x; } T;
static T *volatile nilp;
static go_waitgroup wg;

static void done(void *p)
{
    (void)p;
    go_wg_done(&wg);
}

static void catch(void *name)
{
    go_any r = go_recover();
    char buf[128];
    printf("%s recovered: %s (runtime error: %s)\n", (const char *)name,
           go_any_format(r, buf, sizeof buf), go_is_runtime_error(r) ? "true" : "false");
}

static FAULTS int deref(void) { return nilp->x; }

static FAULTS void worker(void *name)
{
    go_frame_void();
    go_defer(done, NULL);
    go_defer(catch, name);
    printf("%d\n", deref());
}

int main(void)
{
    go_wg_add(&wg, 1);
    go_go(worker, "first");
    go_wg_wait(&wg); /* (one at a time: the output order is fixed) */
    go_wg_add(&wg, 1);
    go_go(worker, "second");
    go_wg_wait(&wg);
    printf("main done\n");
    return 0;
}
