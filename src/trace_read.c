/*
 * trace_read.c — reads a trace file (trace_format.h) into a struct trace and owns that
 * object's memory; trace_sym.c names the addresses it holds and trace_model.c builds the
 * model every export draws (trace_model.h).
 *
 * The file is the header, the module list (path and load addresses of every ELF object the
 * program had mapped, the executable first), then per thread its ring's events in the order
 * they were written. Everything is checked before it is used: the magic, the version and the
 * event size, each module path's length, each thread's event count against what is there
 * (a truncated file is an error naming what is missing). Events of an unknown type are
 * skipped; a TEXT event continues the thread's previous event (a panic's value, a fatal
 * error's message, a park reason) and is merged into it. Events are then put in one order —
 * timestamp, then thread, then position in the thread — with TSC ticks converted to
 * CLOCK_MONOTONIC nanoseconds by the header's two clock pairs.
 *
 * Memory: every string the readers and the model make (gort__tr_keep, gort__tr_fmt) goes on
 * one list behind the trace and is freed with it by gort__tr_free; arrays grow by doubling
 * (gort__tr_grow; out of memory ends gort-trace with a message).
 */
#define _GNU_SOURCE
#include "trace_model.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Everything allocated for the model, freed by gort__tr_free. */
struct tr_heap {
    void **p;
    size_t n, cap;
};
static struct tr_heap *heap_of(struct trace *tr);

/* ---- memory ------------------------------------------------------------------------------ */

void *gort__tr_grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(p, c * size);
    if (q == NULL) {
        fprintf(stderr, "gort-trace: out of memory\n");
        exit(1);
    }
    *cap = c;
    return q;
}

char *gort__tr_keep(struct trace *tr, char *s)
{
    struct tr_heap *h = heap_of(tr);
    h->p = gort__tr_grow(h->p, &h->cap, h->n + 1, sizeof *h->p);
    h->p[h->n++] = s;
    return s;
}

char *gort__tr_fmt(struct trace *tr, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char *s = NULL;
    if (vasprintf(&s, f, ap) < 0)
        s = NULL;
    va_end(ap);
    return s ? gort__tr_keep(tr, s) : (char *)"?";
}

static int fail(struct trace *tr, const char *f, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct trace *tr, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    vsnprintf(tr->err, sizeof tr->err, f, ap);
    va_end(ap);
    return -1;
}

/* ---- reading the file -------------------------------------------------------------------- */

static void add_text(struct trace *tr, struct tr_event *to, const struct gort__trace_event *t)
{
    size_t old = to->text ? strlen(to->text) : 0, k = t->extra < 48 ? t->extra : 48;
    char *s = realloc(to->text, old + k + 1);
    if (s == NULL)
        return;
    memcpy(s + old, t->w, k);
    s[old + k] = 0;
    for (size_t i = old; i < old + k; i++)
        if (s[i] == 0)
            s[i] = ' ';
    if (to->text == NULL)
        gort__tr_keep(tr, s);
    else /* realloc moved it: replace the kept pointer */
        for (size_t i = heap_of(tr)->n; i-- > 0;)
            if (heap_of(tr)->p[i] == to->text) {
                heap_of(tr)->p[i] = s;
                break;
            }
    to->text = s;
}

static int cmp_event(const void *a, const void *b)
{
    const struct tr_event *x = a, *y = b;
    if (x->e.ts != y->e.ts)
        return x->e.ts < y->e.ts ? -1 : 1;
    if (x->thread != y->thread)
        return x->thread < y->thread ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int read_file(struct trace *tr, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return fail(tr, "%s: %s", path, strerror(errno));
    int r = -1;
    size_t cap = 0, tcap = 0;
    if (fread(&tr->h, sizeof tr->h, 1, f) != 1 || memcmp(tr->h.magic, GORT_TRACE_MAGIC, 8) != 0) {
        fail(tr, "%s: not a gort trace (written with GORT_TRACE=file or go_trace_start)", path);
        goto out;
    }
    if (tr->h.version != GORT_TRACE_VERSION || tr->h.event_size != sizeof(struct gort__trace_event)) {
        fail(tr, "%s: gort trace version %u, this reader knows version %u", path, tr->h.version,
             GORT_TRACE_VERSION);
        goto out;
    }
    for (uint32_t i = 0; i < tr->h.nmodules; i++) {
        struct gort__trace_module m;
        char *p;
        if (fread(&m, sizeof m, 1, f) != 1 || m.pathlen == 0 || m.pathlen > 65536 ||
            (p = calloc(1, m.pathlen + 1)) == NULL || fread(p, m.pathlen, 1, f) != 1) {
            fail(tr, "%s: truncated module list", path);
            goto out;
        }
        gort__tr_add_module(tr, m.base, m.lo, m.hi, gort__tr_keep(tr, p));
        if (i == 0)
            tr->exe = p;
    }
    struct gort__trace_thread th;
    uint64_t seq = 0;
    while (fread(&th, sizeof th, 1, f) == 1) {
        int t = (int)tr->nthreads;
        tr->tids = gort__tr_grow(tr->tids, &tcap, tr->nthreads + 1, sizeof *tr->tids);
        tr->tids[tr->nthreads++] = th.tid;
        struct tr_event *last = NULL;
        for (uint64_t i = 0; i < th.count; i++) {
            struct gort__trace_event e;
            if (fread(&e, sizeof e, 1, f) != 1) {
                fail(tr, "%s: truncated events of thread %llu", path, (unsigned long long)th.tid);
                goto out;
            }
            if (e.type == GT_TEXT) { /* continues the thread's previous event */
                if (last)
                    add_text(tr, last, &e);
                continue;
            }
            if (e.type == 0 || e.type >= GT_NTYPES) {
                last = NULL;
                continue;
            }
            tr->ev = gort__tr_grow(tr->ev, &cap, tr->nev + 1, sizeof *tr->ev);
            last = &tr->ev[tr->nev++];
            *last = (struct tr_event){e, t, seq++, NULL, 0};
        }
    }
    if (tr->h.stamp_tsc) { /* ticks -> CLOCK_MONOTONIC ns, by the header's two clock pairs */
        double ticks = (double)(tr->h.dump_stamp - tr->h.start_stamp);
        double scale = ticks > 0 ? (double)(tr->h.dump_ns - tr->h.start_ns) / ticks : 1.0;
        for (size_t i = 0; i < tr->nev; i++) {
            double d = ((double)tr->ev[i].e.ts - (double)tr->h.start_stamp) * scale;
            tr->ev[i].e.ts = (uint64_t)((double)tr->h.start_ns + (d > 0 ? d : 0));
        }
    }
    /* A thread's events are in its program order; keep their times so. The TSC of a virtual
     * machine's CPUs can differ by a few ns, and a thread moved between them in the middle of
     * a deferred call made its end come before the next call's start: slices that overlap
     * without nesting (seen in the crash test on a loaded machine). */
    for (size_t i = 1; i < tr->nev; i++)
        if (tr->ev[i].thread == tr->ev[i - 1].thread && tr->ev[i].e.ts < tr->ev[i - 1].e.ts)
            tr->ev[i].e.ts = tr->ev[i - 1].e.ts;
    qsort(tr->ev, tr->nev, sizeof *tr->ev, cmp_event);
    for (size_t i = 0; i < tr->nev; i++)
        tr->ev[i].seq = i;
    tr->t0 = tr->nev ? tr->ev[0].e.ts : tr->h.start_ns;
    r = 0;
out:
    fclose(f);
    return r;
}

double gort__tr_time(const struct trace *tr, const struct tr_event *e)
{
    return tr->stable ? (double)e->seq : (double)(e->e.ts - tr->t0) / 1000.0;
}

/* The heap list lives behind the trace: one static-free place to find it from keep(). */
struct trace_full {
    struct trace tr;
    struct tr_heap heap;
};
static struct tr_heap *heap_of(struct trace *tr) { return &((struct trace_full *)tr)->heap; }

int gort__tr_load(struct trace *tr, const char *path, bool stable)
{
    tr->stable = stable;
    if (read_file(tr, path) != 0)
        return -1;
    gort__tr_build(tr);
    return 0;
}

void gort__tr_free(struct trace *tr)
{
    gort__tr_free_modules(tr);
    struct tr_heap *h = heap_of(tr);
    for (size_t i = 0; i < h->n; i++)
        free(h->p[i]);
    free(h->p);
    free(tr->tids);
    free(tr->ev);
    free(tr->slices);
    free(tr->inst);
    free(tr->flows);
    free(tr->panics);
    free(tr->goids);
    free(tr);
}

struct trace *gort__tr_new(void) { return calloc(1, sizeof(struct trace_full)); }

const char *gort__tr_type_name(int type)
{
    static const char *const names[GT_NTYPES] = {
        [GT_FRAME_ENTER] = "frame_enter", [GT_FRAME_EXIT] = "frame_exit", [GT_DEFER] = "defer",
        [GT_CALL_START] = "call_start",   [GT_CALL_END] = "call_end",     [GT_PANIC] = "panic",
        [GT_RECOVER] = "recover",         [GT_RECOVERY] = "recovery",     [GT_GOEXIT] = "goexit",
        [GT_FATAL] = "fatal",             [GT_GO_CREATE] = "go_create",   [GT_GO_START] = "go_start",
        [GT_GO_PARK] = "go_park",         [GT_GO_EXIT] = "go_exit",       [GT_TEXT] = "text",
    };
    return type > 0 && type < GT_NTYPES ? names[type] : "?";
}
