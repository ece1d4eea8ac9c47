/* conformance: recursive frames each recover and re-panic the same value until the level it names keeps it; no stale deferred call is left behind for a later panic to run
 * rules: P1 P2 R3 R4 R5 R7
 * from: src/runtime/defer_test.go TestDeferWithRepeatedRepanics
 * frames: compare
 */
#include <gort.h>
#include <stdint.h>
#include <stdio.h>

static void interpreter_deferred(long level)
{
    go_any e = go_recover();
    if (go_is_nil(e))
        return;
    if (level != e.v.i) {
        printf("re-panicking, level %ld\n", level);
        go_panic_value(e);
    }
    printf("recovered, level %ld\n", level);
}

static void interpreter(long level, long maxlevel, long rec)
{
    go_frame_void();
    go_defer_args(interpreter_deferred, level);
    if (level + 1 < maxlevel) {
        interpreter(level + 1, maxlevel, rec);
    } else {
        printf("initiating panic %ld\n", rec);
        go_panic(rec);
    }
}

static int defer_runs;
static volatile uint32_t save_int;

static void recurse_fn(int level, int maxlevel)
{
    volatile uint32_t a[40];
    for (int i = 0; i < 40; i++)
        a[i] = 0xffffffff;
    if (level + 1 < maxlevel) {
        save_int = a[4];
        recurse_fn(level + 1, maxlevel);
    } else if (maxlevel > 0) { /* always true; the else path keeps GCC from seeing no exit */
        go_panic("recurseFn panic");
    }
}

static void rec_deferred(void *unused)
{
    (void)unused;
    defer_runs++;
    go_any r = go_recover();
    char buf[64];
    printf("recurseFnPanicRec recovered: %s runs: %d\n",
           go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf), defer_runs);
}

static void recurse_fn_panic_rec(int level, int maxlevel)
{
    go_frame_void();
    go_defer(rec_deferred, NULL);
    recurse_fn(level, maxlevel);
}

int main(void)
{
    interpreter(0, 6, 2);
    recurse_fn_panic_rec(0, 10);
    interpreter(0, 5, 1);
    recurse_fn_panic_rec(0, 10);
    interpreter(0, 6, 3);
    recurse_fn_panic_rec(0, 10);
    printf("saveInt %u\n", (unsigned)save_int);
    return 0;
}
