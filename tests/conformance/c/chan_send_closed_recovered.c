/* conformance: the channel panics are run-time errors a deferred call recovers: send on a
 *   closed channel (at once, and for a sender blocked when the channel is closed), close of a
 *   closed channel, close of a nil channel
 * rules: CH5 R3
 * from: runtime/chan.go (chansend, closechan: plainError panics), test/closedchan.go
 */
#include <gort.h>
#include <stdio.h>

static go_chan *c, *u, *done;

static void report(void *name)
{
    go_any r = go_recover();
    char buf[128];
    printf("%s: %s (runtime error: %s)\n", (const char *)name, go_any_format(r, buf, sizeof buf),
           go_is_runtime_error(r) ? "true" : "false");
}

static void try(const char *name, void (*f)(void))
{
    go_frame_void();
    go_defer(report, (void *)name);
    f();
}

static void send_c(void) { go_chan_send_v(c, int, 1); }
static void close_c(void) { go_chan_close(c); }
static void close_nil(void) { go_chan_close(NULL); }
static void send_u(void) { go_chan_send_v(u, int, 1); }

static void blocked_sender(void *unused)
{
    (void)unused;
    try("blocked send", send_u);
    go_chan_send_v(done, bool, true);
}

int main(void)
{
    c = go_chan_of(int, 1);
    go_chan_close(c);
    try("send", send_c);
    try("close closed", close_c);
    try("close nil", close_nil);

    u = go_chan_of(int, 0);
    done = go_chan_of(bool, 0);
    go_go(blocked_sender, NULL);
    for (int i = 0; i < 100; i++) /* give the sender a chance to block (either way it panics) */
        go_yield();
    go_chan_close(u);
    (void)go_chan_recv_v(done, bool);
    printf("ok\n");
    go_chan_free(c);
    go_chan_free(u);
    go_chan_free(done);
    return 0;
}
