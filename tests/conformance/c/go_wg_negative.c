/* conformance: a negative WaitGroup counter panics with "sync: negative WaitGroup counter": recoverable in a goroutine (the goroutine's own recover), unrecovered in main it crashes with exit 2
 * rules: P1 R3 C1 C5
 * frames: compare
 * from: src/sync/waitgroup_test.go TestWaitGroupMisuse
 */
#include <gort.h>
#include <stdio.h>

static go_waitgroup done_wg;

static void recover_it(void *unused)
{
    (void)unused;
    char buf[128];
    printf("goroutine recovered: %s\n", go_any_format(go_recover(), buf, sizeof buf));
    go_wg_done(&done_wg);
}

static void misuse(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer(recover_it, NULL);
    go_waitgroup wg = {0};
    go_wg_add(&wg, 1);
    go_wg_done(&wg);
    go_wg_done(&wg);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    go_wg_add(&done_wg, 1);
    go_go(misuse, NULL);
    go_wg_wait(&done_wg);
    go_waitgroup wg = {0};
    go_wg_add(&wg, -1);
    printf("not reached\n");
}
