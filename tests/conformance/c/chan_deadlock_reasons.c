/* conformance: every goroutine blocked, each in a different channel operation: the deadlock
 *   report lists them all with Go's wait reasons, main's first ([chan receive]); the unit test
 *   chan_deadlock_reasons runs this program and checks the other goroutines' reasons
 * rules: CH8 CH6 CH7 C2 C5
 * frames: compare
 * from: runtime2.go waitReasonStrings, runtime/proc.go checkdead
 */
#include <gort.h>
#include <stdio.h>

static go_chan *c, *full;

static void recv_c(void *unused) { (void)unused; go_chan_recv(c, NULL); }
static void send_full(void *unused) { (void)unused; go_chan_send_v(full, int, 2); }
static void recv_nil(void *unused) { (void)unused; go_chan_recv(NULL, NULL); }
static void send_nil(void *unused) { (void)unused; go_chan_send_v((go_chan *)NULL, int, 1); }
static void select_none(void *unused) { (void)unused; go_select(NULL, 0, false); }

static void select_two(void *unused)
{
    (void)unused;
    int three = 3;
    go_select_case cs[] = {go_case_recv(c, NULL, NULL), go_case_send(full, &three)};
    go_select(cs, 2, false);
}

int main(void)
{
    c = go_chan_of(int, 0);
    full = go_chan_of(int, 1);
    go_chan_send_v(full, int, 1);
    go_go(recv_c, NULL);
    go_go(send_full, NULL);
    go_go(recv_nil, NULL);
    go_go(send_nil, NULL);
    go_go(select_none, NULL);
    go_go(select_two, NULL);
    for (int i = 0; i < 100; i++)
        go_yield();
    printf("all blocked\n");
    go_chan_recv(go_chan_of(bool, 0), NULL);
    return 0;
}
