/* conformance: nil channels in select are never ready: the merge loop turns a case off by
 *   setting its channel to nil once it is closed and ends when both are off; a select whose
 *   only live case is a send beside nil cases of both kinds; a nil send with a default
 * rules: CH6 CH7 CH4
 * from: test/chan/select3.go (nil channels never proceed), the Go idiom of disabling a case
 */
#include <gort.h>
#include <stdio.h>

struct prod {
    go_chan *c;
    int from, n;
};

static void produce(void *arg)
{
    struct prod *p = arg;
    for (int i = 0; i < p->n; i++)
        go_chan_send_v(p->c, int, p->from + i);
    go_chan_close(p->c);
}

int main(void)
{
    go_chan *ca = go_chan_of(int, 0), *cb = go_chan_of(int, 3);
    go_chan *a = ca, *b = cb;
    struct prod pa = {a, 100, 50}, pb = {b, 1000, 70};
    go_go(produce, &pa);
    go_go(produce, &pb);
    int sumA = 0, sumB = 0, na = 0, nb = 0;
    while (a != NULL || b != NULL) {
        int va, vb;
        bool oka, okb;
        go_select_case cs[] = {go_case_recv(a, &va, &oka), go_case_recv(b, &vb, &okb)};
        if (go_select(cs, 2, false) == 0) {
            if (!oka) {
                a = NULL;
                continue;
            }
            sumA += va;
            na++;
        } else {
            if (!okb) {
                b = NULL;
                continue;
            }
            sumB += vb;
            nb++;
        }
    }
    printf("a: %d %d b: %d %d\n", na, sumA, nb, sumB);

    go_chan *nilc = NULL;
    go_chan *out = go_chan_of(int, 1);
    int one = 1, five = 5;
    go_select_case cs[] = {go_case_send(nilc, &one), go_case_recv(nilc, NULL, NULL),
                           go_case_send(out, &five)};
    switch (go_select(cs, 3, false)) {
    case 0:
        printf("sent on nil\n");
        break;
    case 1:
        printf("received from nil\n");
        break;
    case 2:
        printf("sent on out\n");
        break;
    }
    go_select_case ns[] = {go_case_send(nilc, &one)};
    if (go_select(ns, 1, true) == 0)
        printf("sent on nil\n");
    else
        printf("nil send not ready\n");
    printf("%d\n", go_chan_recv_v(out, int));
    go_chan_free(ca);
    go_chan_free(cb);
    go_chan_free(out);
    return 0;
}
