/*
 * trace_export.c — go_trace_export: a trace file as Chrome Trace Event JSON, as a Mermaid
 * sequence diagram of one panic, or as text; the HTML page is trace_html.c's.
 *
 * JSON (the Trace Event Format that Perfetto and chrome://tracing load): one process, one
 * track ("thread") per goroutine, tid = goroutine id. Deferred calls, panics and Goexits are
 * complete slices (ph "X") that nest by construction (trace_read.c); frames, defers, recovers,
 * recovery jumps, fatal errors and goroutine events are thread-scoped instants (ph "i"); each
 * recovered panic has a flow (ph "s" at the panic's start, "f" with binding point "e" at the
 * recover) — Perfetto draws it as an arrow from the panic slice to the recovering call.
 * Timestamps are microseconds from the first event, with nanosecond decimals.
 *
 * Mermaid: the life of one panic as a sequenceDiagram, from its start to its end, on its
 * goroutine: the runtime's panic loop ("runtime") calls each deferred call in the function that
 * deferred it (one participant per function), recover() answers, the recovery jump resumes a
 * function. Nested panics appear inside, numbered as in the other exports.
 */
#define _GNU_SOURCE
#include "trace_model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static __thread char export_error[600];

const char *go_trace_error(void) { return export_error; }

void gort__tr_json_str(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20 || *p == '<') /* '<': the HTML page embeds this JSON in a script */
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
}

static void jstr(FILE *out, const char *key, const char *s, bool comma)
{
    fprintf(out, "%s\"%s\":\"", comma ? "," : "", key);
    gort__tr_json_str(out, s ? s : "");
    fputc('"', out);
}

/* "panic" or "Goexit": what record k is (they share one numbering, in order of start). */
static const char *rec(const struct trace *tr, int k)
{
    return k > 0 && (size_t)k <= tr->npanics && tr->panics[k - 1].goexit ? "Goexit" : "panic";
}

/* ---- Chrome Trace Event JSON ------------------------------------------------------------- */

static const char *slice_cat(const struct tr_slice *s)
{
    return s->kind == TR_CALL ? "deferred call" : s->kind == TR_PANIC ? "panic" : "goexit";
}

static void write_json(struct trace *tr, FILE *out)
{
    int pid = tr->stable ? 1 : tr->h.pid;
    const char *exe = tr->exe ? tr->exe : "?";
    const char *base = strrchr(exe, '/');
    fputs("{\"displayTimeUnit\":\"ns\",\"otherData\":{", out);
    jstr(out, "producer", "gort-trace", false);
    jstr(out, "program", tr->stable ? (base ? base + 1 : exe) : exe, true);
    fprintf(out, ",\"crash\":%s},\n\"traceEvents\":[\n", tr->h.crash ? "true" : "false");
    fprintf(out, "{\"name\":\"process_name\",\"ph\":\"M\",\"ts\":0,\"pid\":%d,\"tid\":0,"
                 "\"args\":{\"name\":\"gort: ", pid);
    gort__tr_json_str(out, base ? base + 1 : exe);
    fputs("\"}}", out);
    for (size_t i = 0; i < tr->ngoids; i++) {
        unsigned g = tr->goids[i];
        fprintf(out, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"ts\":0,\"pid\":%d,\"tid\":%u,"
                     "\"args\":{\"name\":\"goroutine %u%s\"}}", pid, g, g, g == 1 ? " (main)" : "");
        fprintf(out, ",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"ts\":0,\"pid\":%d,"
                     "\"tid\":%u,\"args\":{\"sort_index\":%u}}", pid, g, g);
    }
    for (size_t i = 0; i < tr->nslices; i++) {
        const struct tr_slice *s = &tr->slices[i];
        fputs(",\n{", out);
        jstr(out, "name", s->name, false);
        jstr(out, "cat", slice_cat(s), true);
        fprintf(out, ",\"ph\":\"X\",\"ts\":%.3f,\"dur\":%.3f,\"pid\":%d,\"tid\":%u,\"args\":{",
                s->start, s->end - s->start, pid, s->goid);
        if (s->kind == TR_CALL) {
            jstr(out, "deferred by", s->frame, false);
            if (s->panic)
                fprintf(out, ",\"run by\":\"%s %d\"", rec(tr, s->panic), s->panic);
            else
                jstr(out, "run by", "the function's return", true);
        } else {
            const struct tr_panic *p = &tr->panics[s->panic - 1];
            fprintf(out, "\"index\":%d", p->index);
            if (!p->goexit) {
                jstr(out, "value", p->value, true);
                jstr(out, "type", p->type, true);
            }
            jstr(out, "outcome", p->outcome, true);
            if (p->recovered_by)
                jstr(out, "recovered by", p->recovered_by, true);
            if (p->resumed)
                jstr(out, "resumed", p->resumed, true);
        }
        if (s->unfinished)
            fputs(",\"unfinished\":true", out);
        fputs("}}", out);
    }
    for (size_t i = 0; i < tr->ninst; i++) {
        const struct tr_instant *in = &tr->inst[i];
        fputs(",\n{", out);
        jstr(out, "name", in->name, false);
        jstr(out, "cat", in->cat, true);
        fprintf(out, ",\"ph\":\"i\",\"s\":\"t\",\"ts\":%.3f,\"pid\":%d,\"tid\":%u,\"args\":{",
                in->ts, pid, in->goid);
        if (in->detail)
            jstr(out, "detail", in->detail, false);
        fputs("}}", out);
    }
    for (size_t i = 0; i < tr->nflows; i++) {
        const struct tr_flow *f = &tr->flows[i];
        fprintf(out, ",\n{\"name\":\"panic %d recovered\",\"cat\":\"panic\",\"ph\":\"s\","
                     "\"id\":%d,\"ts\":%.3f,\"pid\":%d,\"tid\":%u}",
                f->id, f->id, f->from, pid, f->from_goid);
        fprintf(out, ",\n{\"name\":\"panic %d recovered\",\"cat\":\"panic\",\"ph\":\"f\","
                     "\"bp\":\"e\",\"id\":%d,\"ts\":%.3f,\"pid\":%d,\"tid\":%u}",
                f->id, f->id, f->to, pid, f->to_goid);
    }
    fputs("\n]}\n", out);
}

/* ---- Mermaid ------------------------------------------------------------------------------ */

struct actors {
    const char *name[64];
    int n;
};

/* Mermaid text: no ';' (a statement separator) or '#' (an entity), one line. */
static void mtext(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc(*s == ';' ? ',' : *s == '#' ? '?' : *s == '\n' ? ' ' : *s, out);
}

static int actor(struct actors *a, FILE *out, const char *name)
{
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->name[i], name) == 0)
            return i;
    if (a->n == 64)
        return 63;
    a->name[a->n] = name;
    fprintf(out, "    participant F%d as ", a->n);
    mtext(out, name);
    fputc('\n', out);
    return a->n++;
}

static void when(const struct trace *tr, FILE *out, const struct tr_panic *p, const struct tr_event *e)
{
    if (!tr->stable)
        fprintf(out, " (+%.3f µs)", gort__tr_time(tr, e) - p->start);
    fputc('\n', out);
}

static int write_mermaid(struct trace *tr, FILE *out, int which)
{
    int want = which > 0 ? which : 1;
    if (tr->npanics == 0) {
        snprintf(tr->err, sizeof tr->err, "the trace has no panic");
        return -1;
    }
    if (want > (int)tr->npanics) {
        snprintf(tr->err, sizeof tr->err, "no panic %d: the trace has %zu (panics and Goexits, "
                 "numbered in order of start)", want, tr->npanics);
        return -1;
    }
    const struct tr_panic *p = &tr->panics[want - 1];
    struct actors a = {{0}, 0};
    /* Pre-declare participants in order of appearance, so the diagram reads left to right. */
    fputs("sequenceDiagram\n", out);
    fprintf(out, "    title %s %d on goroutine %u: ", p->goexit ? "Goexit" : "panic", p->index,
            p->goid);
    mtext(out, p->goexit ? "runtime.Goexit()" : p->value);
    fputc('\n', out);
    fprintf(out, "    participant G as goroutine %u\n    participant R as runtime (panic loop)\n",
            p->goid);
    int running[256], nrun = 0; /* participants of the deferred calls running now */
    for (size_t i = p->first_event; i <= p->last_event && i < tr->nev; i++) {
        const struct tr_event *e = &tr->ev[i];
        if (e->e.goid != p->goid)
            continue;
        const uint64_t *w = e->e.w;
        char who[16] = "G";
        if (nrun > 0)
            snprintf(who, sizeof who, "F%d", running[nrun - 1]);
        int f;
        switch (e->e.type) {
        case GT_PANIC:
        case GT_GOEXIT:
            fprintf(out, "    %s->>R: ", who);
            if (e->e.type == GT_GOEXIT)
                fprintf(out, "runtime.Goexit() [Goexit %d]", e->panic);
            else {
                fprintf(out, "panic(");
                mtext(out, e->text ? e->text : "");
                fprintf(out, ") [panic %d]", e->panic);
            }
            when(tr, out, p, e);
            break;
        case GT_CALL_START:
            f = actor(&a, out, gort__tr_str(tr, w[3]));
            if (nrun < 256)
                running[nrun++] = f;
            fprintf(out, "    R->>F%d: deferred call %s", f, gort__tr_sym(tr, w[1]));
            if (e->panic && e->panic != p->index)
                fprintf(out, " (run by %s %d)", rec(tr, e->panic), e->panic);
            else if (!e->panic)
                fprintf(out, " (function returns)");
            when(tr, out, p, e);
            break;
        case GT_CALL_END:
            f = nrun > 0 ? running[--nrun] : actor(&a, out, "?");
            fprintf(out, "    F%d-->>R: %s returned", f, gort__tr_sym(tr, w[1]));
            when(tr, out, p, e);
            break;
        case GT_DEFER:
            f = actor(&a, out, gort__tr_str(tr, w[3]));
            fprintf(out, "    Note right of F%d: defer %s", f, gort__tr_sym(tr, w[1]));
            when(tr, out, p, e);
            break;
        case GT_RECOVER:
            fprintf(out, "    %s->>R: recover() stops panic %d", who, e->panic);
            when(tr, out, p, e);
            break;
        case GT_RECOVERY:
            nrun = 0;
            if (e->e.flags & 1) {
                fprintf(out, "    R->>R: recovery: back to the pending Goexit");
            } else {
                f = actor(&a, out, gort__tr_str(tr, w[4]));
                fprintf(out, "    R->>F%d: recovery: resume %s, which returns normally", f,
                        gort__tr_str(tr, w[4]));
            }
            when(tr, out, p, e);
            break;
        case GT_FATAL:
            fprintf(out, "    Note over R: ");
            mtext(out, e->e.flags & 1 ? "unrecovered panic: the program dies (exit 2)"
                                      : e->text ? e->text : "fatal error");
            when(tr, out, p, e);
            break;
        case GT_GO_EXIT:
            fprintf(out, "    Note over G: goroutine %u exits", p->goid);
            when(tr, out, p, e);
            break;
        }
    }
    fprintf(out, "    Note over G: %s %d: %s", p->goexit ? "Goexit" : "panic", p->index,
            p->outcome ? p->outcome : "unfinished");
    if (p->recovered_by)
        fprintf(out, " (recover() in %s)", p->recovered_by);
    if (p->resumed && !p->goexit)
        fprintf(out, ", %s resumed", p->resumed);
    fputc('\n', out);
    return 0;
}

/* ---- text --------------------------------------------------------------------------------- */

static void write_events(struct trace *tr, FILE *out)
{
    for (size_t i = 0; i < tr->nev; i++) {
        const struct tr_event *e = &tr->ev[i];
        const uint64_t *w = e->e.w;
        if (tr->stable)
            fprintf(out, "%6zu g%u %-11s", i, e->e.goid, gort__tr_type_name(e->e.type));
        else
            fprintf(out, "%12.3f t%llu g%u %-11s", gort__tr_time(tr, e),
                    (unsigned long long)tr->tids[e->thread], e->e.goid,
                    gort__tr_type_name(e->e.type));
        switch (e->e.type) {
        case GT_FRAME_ENTER:
        case GT_FRAME_EXIT:
            fprintf(out, " %s", gort__tr_str(tr, w[1]));
            break;
        case GT_DEFER:
            fprintf(out, " %s in %s", gort__tr_sym(tr, w[1]), gort__tr_str(tr, w[3]));
            break;
        case GT_CALL_START:
        case GT_CALL_END:
            fprintf(out, " %s", gort__tr_sym(tr, w[1]));
            if (e->e.type == GT_CALL_START)
                fprintf(out, " of %s", gort__tr_str(tr, w[3]));
            if (e->panic)
                fprintf(out, " [%s %d]", rec(tr, e->panic), e->panic);
            break;
        case GT_PANIC:
            fprintf(out, " [panic %d] %s: %s", e->panic, gort__tr_str(tr, w[1]), e->text ? e->text : "");
            break;
        case GT_RECOVER:
            fprintf(out, " [panic %d] by %s", e->panic, gort__tr_sym(tr, w[2]));
            break;
        case GT_RECOVERY:
            fprintf(out, " [panic %d] -> %s", e->panic,
                    e->e.flags & 1 ? "Goexit" : gort__tr_str(tr, w[4]));
            break;
        case GT_GOEXIT:
            fprintf(out, " [Goexit %d]", e->panic);
            break;
        case GT_FATAL:
        case GT_GO_PARK:
            fprintf(out, " %s", e->text ? e->text : "");
            break;
        case GT_GO_CREATE:
        case GT_GO_START:
        case GT_GO_EXIT:
            fprintf(out, " goroutine %llu", (unsigned long long)w[0]);
            break;
        }
        fputc('\n', out);
    }
}

/* ---- the entry points ------------------------------------------------------------------ */

int go_trace_export_opts(const char *in, const char *out, go_trace_format format,
                         const go_trace_options *options)
{
    go_trace_options o = options ? *options : (go_trace_options){0, false};
    export_error[0] = 0;
    if (in == NULL || out == NULL || format < GO_TRACE_JSON || format > GO_TRACE_EVENTS) {
        snprintf(export_error, sizeof export_error, "go_trace_export: bad arguments");
        errno = EINVAL;
        return -1;
    }
    struct trace *tr = gort__tr_new();
    if (tr == NULL) {
        snprintf(export_error, sizeof export_error, "out of memory");
        return -1;
    }
    int r = gort__tr_load(tr, in, o.stable);
    FILE *f = NULL;
    if (r == 0) {
        f = strcmp(out, "-") == 0 ? stdout : fopen(out, "w");
        if (f == NULL) {
            snprintf(tr->err, sizeof tr->err, "%s: %s", out, strerror(errno));
            r = -1;
        }
    }
    if (r == 0) {
        switch (format) {
        case GO_TRACE_JSON: write_json(tr, f); break;
        case GO_TRACE_MERMAID: r = write_mermaid(tr, f, o.panic); break;
        case GO_TRACE_HTML: r = gort__tr_write_html(tr, f); break;
        case GO_TRACE_EVENTS: write_events(tr, f); break;
        }
        if ((f == stdout ? fflush(f) : fclose(f)) != 0 && r == 0) {
            snprintf(tr->err, sizeof tr->err, "%s: %s", out, strerror(errno));
            r = -1;
        }
    }
    if (r != 0)
        snprintf(export_error, sizeof export_error, "%s", tr->err);
    gort__tr_free(tr);
    return r;
}

int go_trace_export(const char *in, const char *out, go_trace_format format)
{
    return go_trace_export_opts(in, out, format, NULL);
}
