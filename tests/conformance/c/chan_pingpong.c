/* conformance: two goroutines pass a counter back and forth over two unbuffered channels; each
 *   value is printed before it is sent on, so the lines alternate strictly; the last receiver
 *   closes the other's channel and both report; then 100000 silent round trips
 * rules: CH1 CH4
 * from: runtime/chan_test.go TestChan (unbuffered rendezvous), test/chan/doubleselect.go
 */
#include <gort.h>
#include <stdio.h>

struct player {
    const char *name;
    go_chan *in, *out, *done;
    int limit;
    bool loud;
};

static void player(void *arg)
{
    struct player *p = arg;
    for (;;) {
        int n;
        if (!go_chan_recv2(p->in, &n)) {
            go_chan_send_v(p->done, int, 1);
            return;
        }
        if (n >= p->limit) {
            go_chan_close(p->out);
            go_chan_send_v(p->done, int, 1);
            return;
        }
        if (p->loud)
            printf("%s %d\n", p->name, n);
        go_chan_send_v(p->out, int, n + 1);
    }
}

static void match(int limit, bool loud)
{
    go_chan *ping = go_chan_of(int, 0), *pong = go_chan_of(int, 0), *done = go_chan_of(int, 0);
    struct player a = {"ping", ping, pong, done, limit, loud};
    struct player b = {"pong", pong, ping, done, limit, loud};
    go_go(player, &a);
    go_go(player, &b);
    go_chan_send_v(ping, int, 0);
    int finished = go_chan_recv_v(done, int);
    finished += go_chan_recv_v(done, int);
    printf("players finished: %d\n", finished);
    go_chan_free(ping);
    go_chan_free(pong);
    go_chan_free(done);
}

int main(void)
{
    match(10, true);
    match(100000, false);
    printf("ok\n");
    return 0;
}
