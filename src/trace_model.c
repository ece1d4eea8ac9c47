/*
 * trace_model.c — builds the model every export draws (trace_model.h) from the events
 * trace_read.c read, in their merged order.
 *
 * Each goroutine has a stack of open slices — deferred calls, panics, Goexits — mirroring its
 * real stack: a deferred call runs on top of whatever was running, a panic's calls run on top
 * of the panic. Every slice carries the stack position it runs at, and a recovery jump closes
 * exactly the slices deeper than the frame it resumes (the same test the runtime uses to end
 * the panics it jumps past): the recovered panic, panics it aborted, the deferred calls that
 * were running. What is still open when a goroutine ends or the trace ends is closed there,
 * marked unfinished. Slices therefore always nest, which Perfetto requires. Panics are matched
 * to the events that name them by address, among the panics still live on the same goroutine
 * (an address is reused only after its panic has ended). Names come from trace_sym.c.
 */
#include "trace_model.h"

#include <stdlib.h>

struct gstate {
    size_t *open; /* slice indices, outermost first */
    size_t nopen, cap;
    bool fatal;
    double last;
};

struct builder {
    struct trace *tr;
    struct gstate *gs; /* parallel to tr->goids */
    size_t scap, icap, fcap, pcap;
};

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The goroutine an event belongs to (goroutine events: the one they are about). */
static uint32_t goid_of(const struct tr_event *e)
{
    int t = e->e.type;
    return t == GT_GO_START || t == GT_GO_PARK || t == GT_GO_EXIT ? (uint32_t)e->e.w[0] : e->e.goid;
}

static struct gstate *gstate(struct builder *b, uint32_t goid)
{
    uint32_t *p = bsearch(&goid, b->tr->goids, b->tr->ngoids, sizeof goid, cmp_u32);
    return p ? &b->gs[p - b->tr->goids] : NULL;
}

static void collect_goids(struct trace *tr)
{
    size_t cap = 0;
    for (size_t i = 0; i < tr->nev; i++) {
        uint32_t g = goid_of(&tr->ev[i]);
        if (g == 0)
            continue;
        tr->goids = gort__tr_grow(tr->goids, &cap, tr->ngoids + 1, sizeof *tr->goids);
        tr->goids[tr->ngoids++] = g;
    }
    qsort(tr->goids, tr->ngoids, sizeof *tr->goids, cmp_u32);
    size_t n = 0;
    for (size_t i = 0; i < tr->ngoids; i++)
        if (n == 0 || tr->goids[n - 1] != tr->goids[i])
            tr->goids[n++] = tr->goids[i];
    tr->ngoids = n;
}

static struct tr_panic *panic_at(struct builder *b, struct gstate *g, uint64_t addr)
{
    for (size_t i = g->nopen; i-- > 0;) {
        struct tr_slice *s = &b->tr->slices[g->open[i]];
        if (s->kind != TR_CALL && b->tr->panics[s->panic - 1].addr == addr)
            return &b->tr->panics[s->panic - 1];
    }
    return NULL;
}

static void instant(struct builder *b, struct gstate *g, uint32_t goid, double ts,
                    const char *cat, char *name, char *detail)
{
    struct trace *tr = b->tr;
    tr->inst = gort__tr_grow(tr->inst, &b->icap, tr->ninst + 1, sizeof *tr->inst);
    tr->inst[tr->ninst++] = (struct tr_instant){goid, ts, (int)g->nopen, cat, name, detail};
}

static struct tr_slice *push(struct builder *b, struct gstate *g, uint32_t goid, int kind,
                             uint64_t sp, double ts, char *name)
{
    struct trace *tr = b->tr;
    tr->slices = gort__tr_grow(tr->slices, &b->scap, tr->nslices + 1, sizeof *tr->slices);
    g->open = gort__tr_grow(g->open, &g->cap, g->nopen + 1, sizeof *g->open);
    g->open[g->nopen] = tr->nslices;
    struct tr_slice *s = &tr->slices[tr->nslices++];
    *s = (struct tr_slice){goid, kind, (int)g->nopen++, 0, sp, ts, ts, false, name, NULL, NULL};
    return s;
}

/* Closes g's innermost open slice at ts; a panic's outcome is `outcome` unless already set. */
static void pop(struct builder *b, struct gstate *g, double ts, const char *outcome, size_t ev,
                bool unfinished)
{
    struct tr_slice *s = &b->tr->slices[g->open[--g->nopen]];
    s->end = ts;
    s->unfinished = unfinished;
    if (s->kind != TR_CALL) {
        struct tr_panic *p = &b->tr->panics[s->panic - 1];
        if (p->outcome == NULL)
            p->outcome = outcome;
        s->outcome = (char *)p->outcome;
        p->end = ts;
        p->last_event = ev;
    }
}

/* Closes every open slice of g (a goroutine's end, the trace's end). */
static void pop_all(struct builder *b, struct gstate *g, double ts, size_t ev, bool unfinished)
{
    bool goexit = false;
    for (size_t i = 0; i < g->nopen; i++)
        goexit |= b->tr->slices[g->open[i]].kind == TR_GOEXIT;
    while (g->nopen > 0) {
        bool top_goexit = b->tr->slices[g->open[g->nopen - 1]].kind == TR_GOEXIT;
        const char *why = g->fatal ? "crashed"
                          : top_goexit ? "ended its goroutine"
                          : goexit     ? "dropped by Goexit"
                          : unfinished ? "unfinished"
                                       : "ended with its goroutine";
        pop(b, g, ts, why, ev, unfinished);
    }
}

static void new_panic(struct builder *b, const struct tr_event *e, size_t i, bool goexit)
{
    struct trace *tr = b->tr;
    struct gstate *g = gstate(b, e->e.goid);
    double ts = gort__tr_time(tr, e);
    tr->panics = gort__tr_grow(tr->panics, &b->pcap, tr->npanics + 1, sizeof *tr->panics);
    struct tr_panic *p = &tr->panics[tr->npanics++];
    *p = (struct tr_panic){(int)tr->npanics, goexit, e->e.goid, e->e.w[0], 0, i, i, NULL, NULL,
                           NULL, NULL, NULL, ts, ts};
    if (goexit) {
        p->sp = e->e.w[1];
        p->value = (char *)"Goexit";
        p->type = (char *)"";
    } else {
        p->sp = e->e.w[2];
        p->value = e->text ? e->text : (char *)"";
        p->type = (char *)gort__tr_str(tr, e->e.w[1]);
    }
    struct tr_slice *s = push(b, g, e->e.goid, goexit ? TR_GOEXIT : TR_PANIC, p->sp, ts,
                              goexit ? (char *)"Goexit" : gort__tr_fmt(tr, "panic: %s", p->value));
    s->panic = p->index;
    tr->ev[i].panic = p->index;
}

static void on_event(struct builder *b, size_t i)
{
    struct trace *tr = b->tr;
    struct tr_event *e = &tr->ev[i];
    uint32_t goid = goid_of(e);
    struct gstate *g = gstate(b, goid);
    if (g == NULL)
        return;
    const uint64_t *w = e->e.w;
    double ts = gort__tr_time(tr, e);
    g->last = ts;
    struct tr_panic *p;
    switch (e->e.type) {
    case GT_FRAME_ENTER:
        instant(b, g, goid, ts, "frame", gort__tr_fmt(tr, "frame %s", gort__tr_str(tr, w[1])),
                NULL);
        break;
    case GT_FRAME_EXIT:
        instant(b, g, goid, ts, "frame", gort__tr_fmt(tr, "frame %s done", gort__tr_str(tr, w[1])),
                NULL);
        break;
    case GT_DEFER:
        instant(b, g, goid, ts, "defer", gort__tr_fmt(tr, "defer %s", gort__tr_sym(tr, w[1])),
                gort__tr_fmt(tr, "registered by %s", gort__tr_str(tr, w[3])));
        break;
    case GT_CALL_START: {
        p = w[2] ? panic_at(b, g, w[2]) : NULL;
        e->panic = p ? p->index : 0;
        struct tr_slice *s = push(b, g, goid, TR_CALL, w[4], ts, (char *)gort__tr_sym(tr, w[1]));
        s->frame = (char *)gort__tr_str(tr, w[3]);
        s->panic = e->panic;
        break;
    }
    case GT_CALL_END: {
        const char *name = gort__tr_sym(tr, w[1]);
        for (size_t k = g->nopen; k-- > 0;) {
            struct tr_slice *s = &tr->slices[g->open[k]];
            if (s->kind == TR_CALL && s->sp == w[4] && s->name == name) {
                e->panic = s->panic;
                while (g->nopen > k)
                    pop(b, g, ts, "aborted", i, g->nopen - 1 != k);
                break;
            }
        }
        break;
    }
    case GT_PANIC:
        new_panic(b, e, i, false);
        break;
    case GT_GOEXIT:
        new_panic(b, e, i, true);
        break;
    case GT_RECOVER:
        if ((p = panic_at(b, g, w[0])) == NULL)
            break;
        e->panic = p->index;
        p->recovered_by = (char *)gort__tr_sym(tr, w[2]);
        instant(b, g, goid, ts, "recover", gort__tr_fmt(tr, "recover() = %s", p->value),
                gort__tr_fmt(tr, "%s stops panic %d; %s will return normally", p->recovered_by,
                             p->index, gort__tr_str(tr, w[3])));
        tr->flows = gort__tr_grow(tr->flows, &b->fcap, tr->nflows + 1, sizeof *tr->flows);
        tr->flows[tr->nflows++] = (struct tr_flow){p->index, p->goid, goid, p->start, ts};
        break;
    case GT_RECOVERY:
        if ((p = panic_at(b, g, w[0])) == NULL)
            break;
        e->panic = p->index;
        p->resumed = e->e.flags & 1 ? (char *)"Goexit" : (char *)gort__tr_str(tr, w[4]);
        instant(b, g, goid, ts, "recovery",
                e->e.flags & 1 ? gort__tr_fmt(tr, "recovery: back to the pending Goexit")
                               : gort__tr_fmt(tr, "recovery: resume %s", p->resumed),
                gort__tr_fmt(tr, "panic %d recovered", p->index));
        while (g->nopen > 0 && tr->slices[g->open[g->nopen - 1]].sp < w[3]) {
            struct tr_slice *s = &tr->slices[g->open[g->nopen - 1]];
            const char *why = "aborted";
            if (s->kind != TR_CALL && s->panic == p->index)
                why = "recovered";
            else if (s->kind != TR_CALL && tr->panics[s->panic - 1].recovered_by)
                why = "recovered, then aborted"; /* its recovering call panicked (R6) */
            pop(b, g, ts, why, i, false);
        }
        break;
    case GT_FATAL:
        g->fatal = true;
        instant(
            b, g, goid, ts, "fatal",
            gort__tr_fmt(tr, "%s%s", e->e.flags & 1 ? "" : "fatal error: ", e->text ? e->text : ""),
            NULL);
        break;
    case GT_GO_CREATE:
        instant(b, g, goid, ts, "goroutine",
                gort__tr_fmt(tr, "go: created goroutine %llu", (unsigned long long)w[0]), NULL);
        break;
    case GT_GO_START:
        instant(b, g, goid, ts, "goroutine", gort__tr_fmt(tr, "goroutine %u starts", goid), NULL);
        break;
    case GT_GO_PARK:
        instant(b, g, goid, ts, "goroutine", gort__tr_fmt(tr, "park: %s", e->text ? e->text : "?"),
                NULL);
        break;
    case GT_GO_EXIT:
        pop_all(b, g, ts, i, false);
        instant(b, g, goid, ts, "goroutine", gort__tr_fmt(tr, "goroutine %u exits", goid), NULL);
        break;
    }
    if (ts > tr->tmax)
        tr->tmax = ts;
}

void gort__tr_build(struct trace *tr)
{
    struct builder b = {tr, NULL, 0, 0, 0, 0};
    collect_goids(tr);
    b.gs = calloc(tr->ngoids ? tr->ngoids : 1, sizeof *b.gs);
    if (b.gs == NULL)
        return;
    for (size_t i = 0; i < tr->nev; i++)
        on_event(&b, i);
    for (size_t k = 0; k < tr->ngoids; k++) {
        pop_all(&b, &b.gs[k], b.gs[k].last, tr->nev ? tr->nev - 1 : 0, true);
        free(b.gs[k].open);
    }
    free(b.gs);
}
