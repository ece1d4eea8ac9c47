/* conformance: every goroutine blocked: main waits to receive on a channel nobody sends to;
 *   "fatal error: all goroutines are asleep - deadlock!" and goroutine 1 [chan receive]
 * rules: CH8 C2 C5
 * frames: compare
 * from: runtime/crash_test.go TestSimpleDeadlock (checkdead), runtime2.go waitReasonChanReceive
 */
#include <gort.h>
#include <stdio.h>

int main(void)
{
    go_chan *c = go_chan_of(int, 0);
    printf("waiting\n");
    go_chan_recv(c, NULL);
    return 0;
}
