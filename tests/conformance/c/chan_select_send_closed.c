/* conformance: a select that chooses a send on a closed channel panics "send on closed
 *   channel" (recovered); a goroutine blocked in a select of two sends panics when one of the
 *   channels is closed (recovered in that goroutine); unrecovered, the program crashes
 * rules: CH5 CH7 R3 C5
 * frames: compare
 * from: runtime/select.go selectgo (sclose), runtime/chan.go closechan
 */
#include <gort.h>
#include <stdio.h>

static go_chan *d, *e, *done;

static void report(void *prefix)
{
    char buf[64];
    printf("%s %s\n", (const char *)prefix, go_any_format(go_recover(), buf, sizeof buf));
}

static void select_closed(go_chan *c)
{
    go_frame_void();
    go_defer(report, "recovered:");
    go_chan *nilc = NULL;
    int one = 1;
    go_select_case cs[] = {go_case_send(c, &one), go_case_recv(nilc, NULL, NULL)};
    if (go_select(cs, 2, false) == 0)
        printf("sent\n");
}

static void signal_done(void *unused)
{
    (void)unused;
    go_chan_send_v(done, bool, true);
}

static void two_sends(void *unused)
{
    (void)unused;
    go_frame_void();
    go_defer(signal_done, NULL); /* runs after the recovering call below */
    go_defer(report, "goroutine recovered:");
    int one = 1;
    go_select_case cs[] = {go_case_send(d, &one), go_case_send(e, &one)};
    go_select(cs, 2, false);
}

int main(void)
{
    go_chan *c = go_chan_of(int, 0);
    go_chan_close(c);
    select_closed(c);

    d = go_chan_of(int, 0);
    e = go_chan_of(int, 0);
    done = go_chan_of(bool, 0);
    go_go(two_sends, NULL);
    for (int i = 0; i < 100; i++)
        go_yield();
    go_chan_close(e);
    (void)go_chan_recv_v(done, bool);
    go_chan_close(d);
    go_chan *nilc = NULL;
    int two = 2;
    go_select_case cs[] = {go_case_send(d, &two), go_case_recv(nilc, NULL, NULL)};
    go_select(cs, 2, false);
    return 0;
}
