/*
 * trace_read.c — reads a trace file (trace_format.h), names what it recorded as addresses, and
 * builds the model every export draws (trace_model.h).
 *
 * Symbolization happens here, after the program has ended, from the ELF files the trace header
 * lists with their load addresses: a function address minus its module's load bias is an ELF
 * address, looked up in the module's .symtab (static functions included; .dynsym when the file
 * is stripped); a __func__ string or a type name is read from the allocated section holding it.
 * libelf reads the files; nothing of the traced process is needed any more.
 *
 * The model. Each goroutine has a stack of open slices — deferred calls, panics, Goexits —
 * mirroring its real stack: a deferred call runs on top of whatever was running, a panic's
 * calls run on top of the panic. Every slice carries the stack position it runs at, and a
 * recovery jump closes exactly the slices deeper than the frame it resumes (the same test the
 * runtime uses to end the panics it jumps past): the recovered panic, panics it aborted, the
 * deferred calls that were running. What is still open when a goroutine ends or the trace ends
 * is closed there, marked unfinished. Slices therefore always nest, which Perfetto requires.
 * Panics are matched to the events that name them by address, among the panics still live on
 * the same goroutine (an address is reused only after its panic has ended).
 */
#define _GNU_SOURCE
#include "trace_model.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tr_sym {
    uint64_t addr, size;
    const char *name;
};

struct tr_module {
    uint64_t base, lo, hi;
    char *path;
    bool opened;
    int fd;
    Elf *elf;
    struct tr_sym *syms;
    size_t nsyms;
};

/* Everything allocated for the model, freed by gort__tr_free. */
struct tr_heap {
    void **p;
    size_t n, cap;
};
static struct tr_heap *heap_of(struct trace *tr);

/* ---- small helpers ----------------------------------------------------------------------- */

static void *grow(void *p, size_t *cap, size_t need, size_t size)
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

static char *keep(struct trace *tr, char *s)
{
    struct tr_heap *h = heap_of(tr);
    h->p = grow(h->p, &h->cap, h->n + 1, sizeof *h->p);
    h->p[h->n++] = s;
    return s;
}

static __attribute__((format(printf, 2, 3))) char *fmt(struct trace *tr, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char *s = NULL;
    if (vasprintf(&s, f, ap) < 0)
        s = NULL;
    va_end(ap);
    return s ? keep(tr, s) : (char *)"?";
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

/* ---- symbols ------------------------------------------------------------------------------ */

static int by_addr(const void *a, const void *b)
{
    const struct tr_sym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void mod_open(struct tr_module *m)
{
    m->opened = true;
    m->fd = open(m->path, O_RDONLY | O_CLOEXEC);
    if (m->fd < 0)
        return;
    elf_version(EV_CURRENT);
    m->elf = elf_begin(m->fd, ELF_C_READ_MMAP, NULL);
    if (m->elf == NULL)
        return;
    Elf_Scn *scn = NULL, *best = NULL;
    GElf_Shdr sh, bsh = {0};
    while ((scn = elf_nextscn(m->elf, scn)) != NULL) {
        if (gelf_getshdr(scn, &sh) == NULL)
            continue;
        if (sh.sh_type == SHT_SYMTAB || (sh.sh_type == SHT_DYNSYM && best == NULL)) {
            best = scn;
            bsh = sh;
        }
    }
    Elf_Data *d = best ? elf_getdata(best, NULL) : NULL;
    if (d == NULL || bsh.sh_entsize == 0)
        return;
    size_t n = bsh.sh_size / bsh.sh_entsize, cap = 0;
    for (size_t i = 0; i < n; i++) {
        GElf_Sym s;
        if (gelf_getsym(d, (int)i, &s) == NULL || s.st_value == 0 || s.st_shndx == SHN_UNDEF)
            continue;
        int t = GELF_ST_TYPE(s.st_info);
        if (t != STT_FUNC && t != STT_GNU_IFUNC)
            continue;
        const char *name = elf_strptr(m->elf, bsh.sh_link, s.st_name);
        if (name == NULL || *name == 0)
            continue;
        m->syms = grow(m->syms, &cap, m->nsyms + 1, sizeof *m->syms);
        m->syms[m->nsyms++] = (struct tr_sym){s.st_value, s.st_size, name};
    }
    qsort(m->syms, m->nsyms, sizeof *m->syms, by_addr);
}

static struct tr_module *module_of(struct trace *tr, uint64_t addr)
{
    for (size_t i = 0; i < tr->nmods; i++) {
        struct tr_module *m = &tr->mods[i];
        if (addr >= m->lo && addr < m->hi) {
            if (!m->opened)
                mod_open(m);
            return m;
        }
    }
    return NULL;
}

const char *gort__tr_sym(struct trace *tr, uint64_t addr)
{
    if (addr == 0)
        return "nil";
    struct tr_module *m = module_of(tr, addr);
    if (m == NULL)
        return tr->stable ? "?" : fmt(tr, "0x%llx", (unsigned long long)addr);
    uint64_t rel = addr - m->base;
    size_t lo = 0, hi = m->nsyms;
    while (lo < hi) { /* the last symbol at or below rel */
        size_t mid = (lo + hi) / 2;
        if (m->syms[mid].addr <= rel)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0) {
        const struct tr_sym *s = &m->syms[lo - 1];
        if (rel == s->addr)
            return s->name;
        if (rel < s->addr + s->size)
            return fmt(tr, "%s+0x%llx", s->name, (unsigned long long)(rel - s->addr));
    }
    const char *base = strrchr(m->path, '/');
    return tr->stable ? "?" : fmt(tr, "%s+0x%llx", base ? base + 1 : m->path,
                                  (unsigned long long)rel);
}

const char *gort__tr_str(struct trace *tr, uint64_t addr)
{
    struct tr_module *m = addr ? module_of(tr, addr) : NULL;
    if (m == NULL || m->elf == NULL)
        return "?";
    uint64_t rel = addr - m->base;
    Elf_Scn *scn = NULL;
    GElf_Shdr sh;
    while ((scn = elf_nextscn(m->elf, scn)) != NULL) {
        if (gelf_getshdr(scn, &sh) == NULL || !(sh.sh_flags & SHF_ALLOC) ||
            sh.sh_type == SHT_NOBITS || rel < sh.sh_addr || rel >= sh.sh_addr + sh.sh_size)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (d == NULL || d->d_buf == NULL)
            return "?";
        const char *s = (const char *)d->d_buf + (rel - sh.sh_addr);
        size_t room = d->d_size - (rel - sh.sh_addr);
        return memchr(s, 0, room) ? s : "?";
    }
    return "?";
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
        keep(tr, s);
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
    size_t cap = 0, mcap = 0, tcap = 0;
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
        keep(tr, p);
        tr->mods = grow(tr->mods, &mcap, tr->nmods + 1, sizeof *tr->mods);
        tr->mods[tr->nmods++] = (struct tr_module){m.base, m.lo, m.hi, p, false, -1, NULL, NULL, 0};
        if (i == 0)
            tr->exe = p;
    }
    struct gort__trace_thread th;
    uint64_t seq = 0;
    while (fread(&th, sizeof th, 1, f) == 1) {
        int t = (int)tr->nthreads;
        tr->tids = grow(tr->tids, &tcap, tr->nthreads + 1, sizeof *tr->tids);
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
            tr->ev = grow(tr->ev, &cap, tr->nev + 1, sizeof *tr->ev);
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

/* ---- the model -------------------------------------------------------------------------- */

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
        tr->goids = grow(tr->goids, &cap, tr->ngoids + 1, sizeof *tr->goids);
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
    tr->inst = grow(tr->inst, &b->icap, tr->ninst + 1, sizeof *tr->inst);
    tr->inst[tr->ninst++] = (struct tr_instant){goid, ts, (int)g->nopen, cat, name, detail};
}

static struct tr_slice *push(struct builder *b, struct gstate *g, uint32_t goid, int kind,
                             uint64_t sp, double ts, char *name)
{
    struct trace *tr = b->tr;
    tr->slices = grow(tr->slices, &b->scap, tr->nslices + 1, sizeof *tr->slices);
    g->open = grow(g->open, &g->cap, g->nopen + 1, sizeof *g->open);
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
    tr->panics = grow(tr->panics, &b->pcap, tr->npanics + 1, sizeof *tr->panics);
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
                              goexit ? (char *)"Goexit" : fmt(tr, "panic: %s", p->value));
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
        instant(b, g, goid, ts, "frame", fmt(tr, "frame %s", gort__tr_str(tr, w[1])), NULL);
        break;
    case GT_FRAME_EXIT:
        instant(b, g, goid, ts, "frame", fmt(tr, "frame %s done", gort__tr_str(tr, w[1])), NULL);
        break;
    case GT_DEFER:
        instant(b, g, goid, ts, "defer", fmt(tr, "defer %s", gort__tr_sym(tr, w[1])),
                fmt(tr, "registered by %s", gort__tr_str(tr, w[3])));
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
        instant(b, g, goid, ts, "recover", fmt(tr, "recover() = %s", p->value),
                fmt(tr, "%s stops panic %d; %s will return normally", p->recovered_by, p->index,
                    gort__tr_str(tr, w[3])));
        tr->flows = grow(tr->flows, &b->fcap, tr->nflows + 1, sizeof *tr->flows);
        tr->flows[tr->nflows++] = (struct tr_flow){p->index, p->goid, goid, p->start, ts};
        break;
    case GT_RECOVERY:
        if ((p = panic_at(b, g, w[0])) == NULL)
            break;
        e->panic = p->index;
        p->resumed = e->e.flags & 1 ? (char *)"Goexit" : (char *)gort__tr_str(tr, w[4]);
        instant(b, g, goid, ts, "recovery",
                e->e.flags & 1 ? fmt(tr, "recovery: back to the pending Goexit")
                               : fmt(tr, "recovery: resume %s", p->resumed),
                fmt(tr, "panic %d recovered", p->index));
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
        instant(b, g, goid, ts, "fatal",
                fmt(tr, "%s%s", e->e.flags & 1 ? "" : "fatal error: ", e->text ? e->text : ""),
                NULL);
        break;
    case GT_GO_CREATE:
        instant(b, g, goid, ts, "goroutine", fmt(tr, "go: created goroutine %llu",
                                                 (unsigned long long)w[0]), NULL);
        break;
    case GT_GO_START:
        instant(b, g, goid, ts, "goroutine", fmt(tr, "goroutine %u starts", goid), NULL);
        break;
    case GT_GO_PARK:
        instant(b, g, goid, ts, "goroutine", fmt(tr, "park: %s", e->text ? e->text : "?"), NULL);
        break;
    case GT_GO_EXIT:
        pop_all(b, g, ts, i, false);
        instant(b, g, goid, ts, "goroutine", fmt(tr, "goroutine %u exits", goid), NULL);
        break;
    }
    if (ts > tr->tmax)
        tr->tmax = ts;
}

static void build(struct trace *tr)
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
    build(tr);
    return 0;
}

void gort__tr_free(struct trace *tr)
{
    for (size_t i = 0; i < tr->nmods; i++) {
        if (tr->mods[i].elf)
            elf_end(tr->mods[i].elf);
        if (tr->mods[i].fd >= 0)
            close(tr->mods[i].fd);
        free(tr->mods[i].syms);
    }
    struct tr_heap *h = heap_of(tr);
    for (size_t i = 0; i < h->n; i++)
        free(h->p[i]);
    free(h->p);
    free(tr->mods);
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
