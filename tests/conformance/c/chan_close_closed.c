/* conformance: close of a closed channel panics "close of closed channel", exit 2
 * rules: CH5 C5
 * frames: compare
 * from: runtime/chan.go closechan
 */
#include <gort.h>
#include <stdio.h>

int main(void)
{
    go_chan *c = go_chan_make(0, 0); /* chan struct{} */
    go_chan_close(c);
    printf("closed once\n");
    go_chan_close(c);
    return 0;
}
