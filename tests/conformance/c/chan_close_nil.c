/* conformance: close of a nil channel panics "close of nil channel", exit 2
 * rules: CH5 C5
 * frames: compare
 * from: runtime/chan.go closechan
 */
#include <gort.h>
#include <stdio.h>

int main(void)
{
    go_chan *c = NULL;
    printf("closing nil\n");
    go_chan_close(c);
    return 0;
}
