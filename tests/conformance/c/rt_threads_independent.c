/* conformance: threads panic, recover and re-panic at the same time; each sees only its own panics and deferred calls
 * rules: P1 R3 R4 R5
 * from: SEMANTICS.md P1, R3 (per-goroutine chains)
 * frames: compare
 */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

#define ITERS 2000

struct result { int recovered, mismatched, defer_runs; };
struct call { long id, i; struct result *res; };

static void count_run(struct result *res) { res->defer_runs++; }

static void inner(struct call *c)
{
    go_frame_void();
    go_defer_args(count_run, c->res);
    go_panic(c->id * 1000000 + c->i);
}

static void middle_deferred(struct call *c)
{
    go_any r = go_recover();
    if (go_is_nil(r))
        return;
    if (r.v.i != c->id * 1000000 + c->i)
        c->res->mismatched++;
    go_panic_value(r);
}

static void middle(struct call *c)
{
    go_frame_void();
    go_defer_args(middle_deferred, c);
    inner(c);
}

static void outer_deferred(struct call *c)
{
    go_any r = go_recover();
    if (!go_is_nil(r) && r.v.i == c->id * 1000000 + c->i)
        c->res->recovered++;
    else
        c->res->mismatched++;
}

static void outer(struct call *c)
{
    go_frame_void();
    go_defer_args(outer_deferred, c);
    middle(c);
}

static struct result results[4];

static void *goroutine(void *arg)
{
    long id = (long)arg;
    for (long i = 0; i < ITERS; i++) {
        struct call c = {id, i, &results[id]};
        outer(&c);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (long id = 0; id < 4; id++)
        pthread_create(&t[id], NULL, goroutine, (void *)id);
    for (int id = 0; id < 4; id++)
        pthread_join(t[id], NULL);
    for (int id = 0; id < 4; id++)
        printf("goroutine %d recovered %d mismatched %d deferred runs %d\n", id, results[id].recovered,
               results[id].mismatched, results[id].defer_runs);
    return 0;
}
