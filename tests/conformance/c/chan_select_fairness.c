/* conformance: select chooses uniformly at random among ready cases: with two always-ready
 *   channels, over 1000 selects each case is chosen at least 350 times (the chance of fewer
 *   is below 1e-19); the same with three ready cases, one of them a send
 * rules: CH7
 * from: runtime/chan_test.go TestSelectFairness
 */
#include <gort.h>
#include <stdio.h>

int main(void)
{
    go_chan *a = go_chan_of(int, 1), *b = go_chan_of(int, 1);
    int counts[3] = {0, 0, 0};
    for (int i = 0; i < 1000; i++) {
        go_chan_send_v(a, int, 1);
        go_chan_send_v(b, int, 2);
        go_select_case cs[] = {go_case_recv(a, NULL, NULL), go_case_recv(b, NULL, NULL)};
        if (go_select(cs, 2, false) == 0) {
            counts[0]++;
            go_chan_recv(b, NULL);
        } else {
            counts[1]++;
            go_chan_recv(a, NULL);
        }
    }
    printf("both chosen fairly: %s %d\n", counts[0] >= 350 && counts[1] >= 350 ? "true" : "false",
           counts[0] + counts[1]);

    go_chan *c = go_chan_of(int, 1), *d = go_chan_of(int, 1), *e = go_chan_of(int, 1);
    for (int i = 0; i < 1500; i++) {
        go_chan_send_v(c, int, 1);
        go_chan_send_v(d, int, 1);
        int one = 1;
        go_select_case cs[] = {go_case_recv(c, NULL, NULL), go_case_recv(d, NULL, NULL),
                               go_case_send(e, &one)};
        switch (go_select(cs, 3, false)) {
        case 0:
            counts[0]++;
            go_chan_recv(d, NULL);
            break;
        case 1:
            counts[1]++;
            go_chan_recv(c, NULL);
            break;
        case 2:
            counts[2]++;
            go_chan_recv(c, NULL);
            go_chan_recv(d, NULL);
            go_chan_recv(e, NULL);
            break;
        }
    }
    printf("three ways: %s %d\n", counts[2] >= 350 ? "true" : "false",
           counts[0] + counts[1] + counts[2]);
    go_chan_free(a);
    go_chan_free(b);
    go_chan_free(c);
    go_chan_free(d);
    go_chan_free(e);
    return 0;
}
