/* conformance: a buffered channel is a FIFO: len and cap report the buffer, values come out in
 *   the order they went in, a send blocks only when it is full; a producer goroutine sends
 *   10000 values through a 7-slot buffer and closes it, and range receives them all in order;
 *   nil and unbuffered channels have len and cap 0
 * rules: CH2 CH4
 * from: test/chan/fifo.go, test/chancap.go, runtime/chan_test.go TestChan
 */
#include <gort.h>
#include <stdio.h>

enum { N = 10000 };

static void producer(void *arg)
{
    go_chan *d = arg;
    for (int i = 0; i < N; i++)
        go_chan_send(d, &i);
    go_chan_close(d);
}

int main(void)
{
    go_chan *c = go_chan_of(int, 3);
    printf("len %zu cap %zu\n", go_chan_len(c), go_chan_cap(c));
    go_chan_send_v(c, int, 1);
    go_chan_send_v(c, int, 2);
    go_chan_send_v(c, int, 3);
    printf("len %zu cap %zu\n", go_chan_len(c), go_chan_cap(c));
    int x = go_chan_recv_v(c, int);
    int y = go_chan_recv_v(c, int);
    printf("%d %d\n", x, y);
    go_chan_send_v(c, int, 4);
    go_chan_send_v(c, int, 5);
    printf("len %zu\n", go_chan_len(c));
    while (go_chan_len(c) > 0)
        printf("got %d\n", go_chan_recv_v(c, int));

    go_chan *nilc = NULL;
    printf("nil: len %zu cap %zu\n", go_chan_len(nilc), go_chan_cap(nilc));
    go_chan *u = go_chan_of(int, 0);
    printf("unbuffered: len %zu cap %zu\n", go_chan_len(u), go_chan_cap(u));

    go_chan *d = go_chan_of(int, 7);
    go_go(producer, d);
    int next = 0, bad = 0, v;
    while (go_chan_recv2(d, &v)) {
        if (v != next)
            bad++;
        next++;
    }
    printf("received %d out of order %d\n", next, bad);

    go_chan *s = go_chan_of(const char *, 2);
    go_chan_send_v(s, const char *, "first");
    go_chan_send_v(s, const char *, "second");
    go_chan_close(s);
    const char *str;
    while (go_chan_recv2(s, &str))
        printf("%s\n", str);
    go_chan_free(c);
    go_chan_free(u);
    go_chan_free(d);
    go_chan_free(s);
    return 0;
}
