/* conformance: the worker pool, ported line by line from its Go program: jobs go out
 *   on a buffered channel to four workers, results come back on another; a WaitGroup closes
 *   the results channel once every worker is done; a job that panics is recovered by its
 *   worker's deferred call and reported as an error result
 * rules: CH2 CH4 CH3 R3 R5
 * from: issue 4 "Done when" (a Go worker-pool program ported line by line)
 */
#define _GNU_SOURCE
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct job {
    int id, n;
} job;

typedef struct result {
    int id, sum;
    char err[64];
} result;

static void keep_error(void *rp)
{
    result *r = rp;
    go_any e = go_recover();
    if (!go_is_nil(e))
        go_any_format(e, r->err, sizeof r->err);
}

static result work(job j)
{
    result r = {0};
    go_frame(r);
    r.id = j.id;
    go_defer(keep_error, &r);
    if (j.n % 13 == 0)
        go_panicf("job %d: unlucky", j.id);
    for (int i = 1; i <= j.n; i++)
        r.sum += i;
    return r;
}

struct worker_args {
    int id;
    go_chan *jobs, *results;
    go_waitgroup *wg;
    int *done;
};

static void wg_done(void *wg) { go_wg_done(wg); }

static void worker(void *p)
{
    struct worker_args *a = p;
    go_frame_void();
    go_defer(wg_done, a->wg);
    job j;
    while (go_chan_recv2(a->jobs, &j)) {
        go_chan_send_v(a->results, result, work(j));
        a->done[a->id]++;
    }
}

static void closer(void *p)
{
    struct worker_args *a = p;
    go_wg_wait(a->wg);
    go_chan_close(a->results);
}

enum { numJobs = 100, numWorkers = 4 };

int main(void)
{
    go_chan *jobs = go_chan_of(job, numJobs);
    go_chan *results = go_chan_of(result, 10);
    go_waitgroup wg = {0};
    int done[numWorkers] = {0};
    struct worker_args args[numWorkers];
    for (int w = 0; w < numWorkers; w++) {
        go_wg_add(&wg, 1);
        args[w] = (struct worker_args){w, jobs, results, &wg, done};
        go_go(worker, &args[w]);
    }
    for (int i = 1; i <= numJobs; i++)
        go_chan_send_v(jobs, job, ((job){i, i * 10}));
    go_chan_close(jobs);
    struct worker_args all = {0, jobs, results, &wg, done};
    go_go(closer, &all);
    int sums[numJobs + 1] = {0};
    char errs[numJobs + 1][64];
    memset(errs, 0, sizeof errs);
    int total = 0, failed = 0;
    result r;
    while (go_chan_recv2(results, &r)) {
        if (r.err[0] != 0) {
            strcpy(errs[r.id], r.err);
            failed++;
            continue;
        }
        sums[r.id] = r.sum;
        total += r.sum;
    }
    for (int i = 0; i <= numJobs; i++)
        if (errs[i][0] != 0)
            printf("error: %s\n", errs[i]);
    int jobsDone = 0;
    for (int w = 0; w < numWorkers; w++)
        jobsDone += done[w];
    printf("job 1: %d job 100: %d\n", sums[1], sums[100]);
    printf("total: %d failed: %d jobs done: %d\n", total, failed, jobsDone);
    go_chan_free(jobs);
    go_chan_free(results);
    return 0;
}
