/* conformance: a worker pool ported line by line: jobs handed out under a Mutex, results summed, a WaitGroup joins the workers; one job panics and its worker recovers it and goes on
 * rules: P1 R3 R5
 * from: Go by Example "Worker Pools" / "WaitGroups" (issue 4's done-when program)
 */
#include <gort.h>
#include <stdio.h>

enum { JOBS = 1000, WORKERS = 8 };

static go_mutex mu;
static go_waitgroup wg;
static int next_job;
static long sum;
static int recovered;

static void recover_job(void *unused)
{
    (void)unused;
    if (!go_is_nil(go_recover())) {
        go_mutex_lock(&mu);
        recovered++;
        go_mutex_unlock(&mu);
    }
}

static long do_job(int j)
{
    long result = 0;
    go_frame(result);
    go_defer(recover_job, NULL);
    if (j == 500)
        go_panicf("job %d failed", j);
    if (j % 100 == 0)
        go_yield();
    result = (long)j * j;
    return result;
}

static void worker(void *unused)
{
    (void)unused;
    for (;;) {
        go_mutex_lock(&mu);
        int j = next_job < JOBS ? next_job++ : -1;
        go_mutex_unlock(&mu);
        if (j < 0)
            break;
        long r = do_job(j);
        go_mutex_lock(&mu);
        sum += r;
        go_mutex_unlock(&mu);
    }
    go_wg_done(&wg);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int i = 0; i < WORKERS; i++) {
        go_wg_add(&wg, 1);
        go_go(worker, NULL);
    }
    go_wg_wait(&wg);
    printf("sum %ld, recovered %d\n", sum, recovered);
    return 0;
}
