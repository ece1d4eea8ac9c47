/* conformance: a goroutine blocked in a send panics when the channel is closed under it; its
 *   deferred call runs and the program reports that goroutine's panic, exit 2
 * rules: CH5 P1 C2 C5
 * frames: compare
 * from: runtime/chan.go closechan ("release all writers (they will panic)")
 */
#include <gort.h>
#include <stdio.h>

static void say(void *s) { printf("%s\n", (const char *)s); }

static void sender(void *c)
{
    go_frame_void();
    go_defer(say, "sender: deferred call runs");
    go_chan_send_v((go_chan *)c, int, 1);
}

int main(void)
{
    go_chan *c = go_chan_of(int, 0);
    go_go(sender, c);
    for (int i = 0; i < 100; i++)
        go_yield();
    printf("closing\n");
    go_chan_close(c);
    go_select(NULL, 0, false);
    return 0;
}
