/* conformance: after close a channel yields its buffered values, then the zero value with
 *   ok == false, at once and every time; a struct element comes back zeroed; close wakes all
 *   five receivers blocked on an unbuffered channel; range over a channel a goroutine closes
 * rules: CH4
 * from: test/closedchan.go, test/chan/select3.go (closed channels never block)
 */
#include <gort.h>
#include <stdio.h>

struct pair {
    int a, b;
};

struct rx {
    go_chan *w, *results;
};

static void receiver(void *arg)
{
    struct rx *r = arg;
    int x = -1;
    bool ok = go_chan_recv2(r->w, &x);
    go_chan_send_v(r->results, bool, ok && x == 0);
}

static void squares(void *arg)
{
    go_chan *r = arg;
    for (int i = 1; i <= 5; i++)
        go_chan_send_v(r, int, i * i);
    go_chan_close(r);
}

int main(void)
{
    go_chan *c = go_chan_of(int, 2);
    go_chan_send_v(c, int, 7);
    go_chan_send_v(c, int, 8);
    go_chan_close(c);
    for (int i = 0; i < 4; i++) {
        int v = -1;
        bool ok = go_chan_recv2(c, &v);
        printf("%d %s\n", v, ok ? "true" : "false");
    }
    printf("len after drain %zu\n", go_chan_len(c));

    go_chan *p = go_chan_of(struct pair, 0);
    go_chan_close(p);
    struct pair v = {5, 6};
    bool ok = go_chan_recv2(p, &v);
    printf("%d %d %s\n", v.a, v.b, ok ? "true" : "false");

    struct rx r = {go_chan_of(int, 0), go_chan_of(bool, 0)};
    for (int i = 0; i < 5; i++)
        go_go(receiver, &r);
    go_chan_close(r.w);
    int woke = 0;
    for (int i = 0; i < 5; i++)
        if (!go_chan_recv_v(r.results, bool))
            woke++;
    printf("receivers woken by close: %d\n", woke);

    go_chan *sq = go_chan_of(int, 0);
    go_go(squares, sq);
    int sum = 0, x;
    while (go_chan_recv2(sq, &x))
        sum += x;
    printf("range sum %d\n", sum);
    go_chan_free(c);
    go_chan_free(p);
    go_chan_free(r.w);
    go_chan_free(r.results);
    go_chan_free(sq);
    return 0;
}
