/* conformance: select with a default runs the default when no case is ready and never when one
 *   is; one-case selects with a default are non-blocking sends and receives (full, empty,
 *   closed); a select with only a default; a blocking select waits for a goroutine's send
 *   while its other case is a nil channel
 * rules: CH7 CH6 CH4
 * from: test/chan/nonblock.go, test/chan/select.go
 */
#include <gort.h>
#include <stdio.h>

static void send42(void *d) { go_chan_send_v((go_chan *)d, int, 42); }

static void nb_send(go_chan *c, int v)
{
    go_select_case cs[] = {go_case_send(c, &v)};
    if (go_select(cs, 1, true) == 0)
        printf("sent %d\n", v);
    else
        printf("full\n");
}

static void nb_recv(go_chan *c, const char *what)
{
    int v = -1;
    bool ok = false;
    go_select_case cs[] = {go_case_recv(c, &v, &ok)};
    if (go_select(cs, 1, true) == 0)
        printf("%s %d %s\n", what, v, ok ? "true" : "false");
    else
        printf("empty\n");
}

int main(void)
{
    go_chan *c = go_chan_of(int, 1);
    go_chan *d = go_chan_of(int, 0);
    for (int i = 0; i < 3; i++) {
        int v;
        go_select_case cs[] = {go_case_recv(c, &v, NULL), go_case_send(d, &i)};
        switch (go_select(cs, 2, true)) {
        case 0:
            printf("received %d\n", v);
            break;
        case 1:
            printf("sent on d\n");
            break;
        default:
            printf("default %d\n", i);
            go_chan_send_v(c, int, i * 10);
        }
    }
    nb_send(c, 1);
    nb_send(c, 2);
    nb_recv(c, "got");
    nb_recv(c, "got");
    go_chan_close(c);
    nb_recv(c, "closed:");
    if (go_select(NULL, 0, true) == -1)
        printf("only default\n");

    go_go(send42, d);
    go_chan *nilc = NULL;
    int v;
    go_select_case cs[] = {go_case_recv(d, &v, NULL), go_case_recv(nilc, NULL, NULL)};
    if (go_select(cs, 2, false) == 0)
        printf("from goroutine %d\n", v);
    else
        printf("nil channel\n");
    go_chan_free(c);
    go_chan_free(d);
    return 0;
}
