/* conformance: every goroutine blocked: main sends on a full buffered channel while another
 *   goroutine waits on a different channel: goroutine 1 [chan send]
 * rules: CH8 CH2 C2 C5
 * frames: compare
 * from: runtime/crash_test.go TestSimpleDeadlock (checkdead), runtime2.go waitReasonChanSend
 */
#include <gort.h>
#include <stdio.h>

static void waiter(void *other) { go_chan_recv((go_chan *)other, NULL); }

int main(void)
{
    go_chan *c = go_chan_of(int, 1);
    go_chan *other = go_chan_of(int, 0);
    go_go(waiter, other);
    go_chan_send_v(c, int, 1);
    printf("buffered one\n");
    go_chan_send_v(c, int, 2);
    return 0;
}
