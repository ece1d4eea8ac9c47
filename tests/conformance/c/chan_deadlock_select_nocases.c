/* conformance: every goroutine blocked: main runs select {} after the only other goroutine is
 *   done: goroutine 1 [select (no cases)]
 * rules: CH8 CH7 C2 C5
 * frames: compare
 * from: runtime/crash_test.go TestSimpleDeadlock (testprog SimpleDeadlock: select {})
 */
#include <gort.h>
#include <stdio.h>

static void worker(void *done)
{
    printf("worker done\n");
    go_chan_send_v((go_chan *)done, bool, true);
}

int main(void)
{
    go_chan *done = go_chan_of(bool, 0);
    go_go(worker, done);
    (void)go_chan_recv_v(done, bool);
    go_select(NULL, 0, false);
    return 0;
}
