/* conformance: a recover deferred by main does not stop a panic in another goroutine: the program crashes with the goroutine's panic, and main's deferred call never runs
 * rules: P1 R1 C2 C5
 * frames: compare
 * from: SEMANTICS.md P1 (spec "Handling panics": recover stops a panicking sequence in its own goroutine)
 */
#include <gort.h>
#include <stdio.h>

static go_waitgroup wg;

static void try_recover(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    printf("main recovered %s\n", go_is_nil(r) ? "nothing" : "something");
}

static void panicker(void *unused)
{
    (void)unused;
    printf("goroutine panics\n");
    go_panic("not recoverable from main");
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0);
    go_defer(try_recover, NULL);
    go_wg_add(&wg, 1);
    go_go(panicker, NULL);
    go_wg_wait(&wg);
    printf("not reached\n");
    return rc;
}
