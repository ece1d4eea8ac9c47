/* conformance: an unrecovered send on a closed channel runs the deferred call, then prints
 *   "panic: send on closed channel" and exits 2
 * rules: CH5 P1 C5
 * frames: compare
 * from: runtime/chan.go chansend (plainError "send on closed channel")
 */
#include <gort.h>
#include <stdio.h>

static void say(void *s) { printf("%s\n", (const char *)s); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    go_chan *c = go_chan_of(int, 0);
    go_chan_close(c);
    go_defer(say, "deferred call runs");
    go_chan_send_v(c, int, 1);
    printf("not reached\n");
    return rc;
}
