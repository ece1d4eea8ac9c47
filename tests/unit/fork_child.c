/*
 * fork_child.c — fork after the scheduler has started: the child has only the forking thread
 * (no other workers, none of their goroutines), so its first goroutine operation is a fatal
 * error that says so, never a hang. Plain C in the child, and gort operations that need no
 * scheduler (a buffered channel with room, an uncontended mutex), keep working.
 *
 * The parent starts the scheduler on two workers and keeps a goroutine parked on the other
 * worker's side of a channel, then runs each case in a forked child (check.h). A child that
 * would hang is killed by an alarm, which the checks report as a signal.
 */
#include "check.h"

#include <gort.h>

static go_chan *parked_on;
static go_waitgroup started;

static void parked(void *unused)
{
    (void)unused;
    go_wg_done(&started);
    (void)go_chan_recv_v(parked_on, int);
}

static void nothing(void *unused) { (void)unused; }

static void child_go(void *unused)
{
    (void)unused;
    alarm(10);
    go_waitgroup wg = {0};
    go_wg_add(&wg, 1);
    go_go(nothing, NULL);
    go_wg_wait(&wg);
}

static void child_chan_recv(void *unused)
{
    (void)unused;
    alarm(10);
    go_chan *c = go_chan_of(int, 0);
    (void)go_chan_recv_v(c, int);
}

static void child_ready(void *unused)
{
    (void)unused;
    alarm(10);
    /* The parent's goroutine waits on parked_on: a send would hand it the value and ready it. */
    go_chan_send_v(parked_on, int, 1);
}

static void child_yield(void *unused)
{
    (void)unused;
    alarm(10);
    go_yield();
}

static void child_plain(void *unused)
{
    (void)unused;
    alarm(10);
    go_chan *c = go_chan_of(int, 1);
    go_chan_send_v(c, int, 7);
    int v = go_chan_recv_v(c, int);
    go_chan_free(c);
    go_mutex mu = {0};
    go_mutex_lock(&mu);
    go_mutex_unlock(&mu);
    printf("plain %d\n", v);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    go_gomaxprocs(2);
    parked_on = go_chan_of(int, 0);
    go_wg_add(&started, 1);
    go_go(parked, NULL);
    go_wg_wait(&started);

    static const struct {
        const char *name;
        void (*fn)(void *);
    } cases[] = {
        {"go in the child", child_go},
        {"a blocking channel receive in the child", child_chan_recv},
        {"a send that readies a goroutine in the child", child_ready},
        {"a yield in the child", child_yield},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static struct death d;
        run_death(cases[i].fn, NULL, &d);
        check_fatal(cases[i].name, &d, "goroutines used in the child of a fork",
                    "exec or _exit in the child", NULL);
        ok(cases[i].name);
    }

    static struct death d;
    run_death(child_plain, NULL, &d);
    CHECK(WIFEXITED(d.status) && WEXITSTATUS(d.status) == 99,
          "plain C in the child: status %d, stderr:\n%s", d.status, d.err);
    CHECK_STR(d.out, "plain 7\n");
    ok("plain C, a buffered channel with room and an uncontended mutex work in the child");

    /* The parent's scheduler is untouched. */
    go_chan_send_v(parked_on, int, 2);
    go_chan_free(parked_on);
    ok("the parent's goroutines run on");
    return 0;
}
