/* conformance: a pending timer is not a deadlock: goroutines sleep in turn and wake in order of their deadlines; once the last one has woken and everything is blocked, the deadlock fatal error names goroutine 1 [semacquire]
 * rules: E4 C2 C5
 * frames: compare
 * from: src/runtime/proc.go checkdead (timers keep the program alive)
 */
#include <gort.h>
#include <stdio.h>

static go_waitgroup never, slept;

static void sleeper(void *arg)
{
    long ms = (long)arg;
    go_sleep(ms * 1000 * 1000);
    printf("woke after %ld ms\n", ms);
    go_wg_done(&slept);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    go_wg_add(&never, 1);
    go_wg_add(&slept, 3);
    go_go(sleeper, (void *)250L);
    go_go(sleeper, (void *)50L);
    go_go(sleeper, (void *)150L);
    go_wg_wait(&slept);
    printf("all woke\n");
    go_wg_wait(&never);
    printf("not reached\n");
}
