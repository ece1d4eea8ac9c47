/* conformance: two goroutines select between sending and receiving on the same channel, 1000
 *   times each, unbuffered and with a buffer of 10: no goroutine receives its own value from
 *   the unbuffered channel and nothing deadlocks
 * rules: CH7 CH1
 * from: runtime/chan_test.go TestSelfSelect
 */
#include <gort.h>
#include <stdio.h>

struct arg {
    int p, cap;
    go_chan *c;
    int *selfs;
    go_waitgroup *wg;
};

static void player(void *x)
{
    struct arg *a = x;
    for (int i = 0; i < 1000; i++) {
        int v = -1;
        go_select_case cs[2];
        int recv;
        if (a->p == 0 || i % 2 == 0) {
            cs[0] = go_case_send(a->c, &a->p);
            cs[1] = go_case_recv(a->c, &v, NULL);
            recv = 1;
        } else {
            cs[0] = go_case_recv(a->c, &v, NULL);
            cs[1] = go_case_send(a->c, &a->p);
            recv = 0;
        }
        if (go_select(cs, 2, false) == recv && a->cap == 0 && v == a->p)
            a->selfs[a->p]++;
    }
    go_wg_done(a->wg);
}

int main(void)
{
    int prev = go_gomaxprocs(2);
    int caps[] = {0, 10};
    for (int k = 0; k < 2; k++) {
        go_waitgroup wg = {0};
        go_wg_add(&wg, 2);
        go_chan *c = go_chan_of(int, caps[k]);
        int selfs[2] = {0, 0};
        struct arg args[2];
        for (int p = 0; p < 2; p++) {
            args[p] = (struct arg){p, caps[k], c, selfs, &wg};
            go_go(player, &args[p]);
        }
        go_wg_wait(&wg);
        printf("cap %d self receives: %d\n", caps[k], selfs[0] + selfs[1]);
        go_chan_free(c);
    }
    go_gomaxprocs(prev);
    return 0;
}
