/* conformance: every goroutine blocked: main receives from a nil channel:
 *   goroutine 1 [chan receive (nil chan)]
 * rules: CH8 CH6 C2 C5
 * frames: compare
 * from: runtime2.go waitReasonChanReceiveNilChan, runtime/chan.go chanrecv
 */
#include <gort.h>
#include <stdio.h>

int main(void)
{
    go_chan *c = NULL;
    printf("receiving from nil\n");
    go_chan_recv(c, NULL);
    return 0;
}
