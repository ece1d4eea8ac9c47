/* conformance: a select may wait on the same channel in two cases; woken through another
 *   channel it takes both of its waiters off the first channel's queue, so the goroutine
 *   queued there after it is the one the next send wakes
 * rules: CH7 CH3
 * from: runtime/chan_test.go TestSelectDuplicateChannel
 */
#include <gort.h>
#include <stdio.h>

static go_chan *c, *d, *e, *got;

static void a(void *unused)
{
    (void)unused;
    int v;
    go_select_case cs[] = {go_case_recv(c, NULL, NULL), go_case_recv(c, NULL, NULL),
                           go_case_recv(d, &v, NULL)};
    switch (go_select(cs, 3, false)) {
    case 0:
        printf("A: c\n");
        break;
    case 1:
        printf("A: c again\n");
        break;
    case 2:
        printf("A: d %d\n", v);
        break;
    }
    go_chan_send_v(e, int, 9);
}

static void b(void *unused)
{
    (void)unused;
    go_chan_send_v(got, int, go_chan_recv_v(c, int));
}

int main(void)
{
    c = go_chan_of(int, 0);
    d = go_chan_of(int, 0);
    e = go_chan_of(int, 0);
    got = go_chan_of(int, 0);
    go_go(a, NULL);
    go_sleep(1000000);
    go_go(b, NULL);
    go_sleep(1000000);
    go_chan_send_v(d, int, 7);
    printf("e: %d\n", go_chan_recv_v(e, int));
    go_chan_send_v(c, int, 8);
    printf("B got %d\n", go_chan_recv_v(got, int));
    return 0;
}
