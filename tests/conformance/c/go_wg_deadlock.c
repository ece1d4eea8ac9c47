/* conformance: main waits on a WaitGroup that a finished goroutine never marked done: "all goroutines are asleep - deadlock!" with goroutine 1 [semacquire]
 * rules: E4 C2 C5
 * frames: compare
 * from: src/runtime/crash_test.go TestSimpleDeadlock family (checkdead); sync.WaitGroup.Wait
 */
#include <gort.h>
#include <stdio.h>

static go_waitgroup wg;

static void forgetful(void *unused)
{
    (void)unused;
    printf("goroutine forgets Done\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    go_wg_add(&wg, 2);
    go_go(forgetful, NULL);
    go_wg_done(&wg);
    go_wg_wait(&wg);
    printf("not reached\n");
}
