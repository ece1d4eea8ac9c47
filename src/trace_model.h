/*
 * trace_model.h — a trace file read back and turned into what every export draws: per
 * goroutine, nested slices (deferred calls, panics, Goexits), instants (frames, defers,
 * recovers, recovery jumps, fatal errors, goroutine events) and flows (panic -> recover).
 * Read by trace_read.c, symbolized by trace_sym.c, built by trace_model.c, written by
 * trace_export.c (JSON, Mermaid, events) and trace_html.c.
 */
#ifndef GORT_TRACE_MODEL_H
#define GORT_TRACE_MODEL_H

#include "trace_format.h"

#include <gort/trace.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define TR_HIDDEN __attribute__((visibility("hidden")))

/* One event as read: the record, its thread, its text (TEXT events merged into it). */
struct tr_event {
    struct gort__trace_event e;
    int thread;       /* index into tr->threads */
    uint64_t seq;     /* position in the merged order */
    char *text;       /* for PANIC, FATAL, GO_PARK; NULL otherwise */
    int panic;        /* PANIC, CALL_*, RECOVER, RECOVERY, GOEXIT: the panic's index (1-based)
                         or 0 (a normal return) */
};

enum tr_kind { TR_CALL = 1, TR_PANIC, TR_GOEXIT };

/* A slice: [start, end] on a goroutine's track, depth levels below its outermost. */
struct tr_slice {
    uint32_t goid;
    int kind;          /* enum tr_kind */
    int depth;
    int panic;         /* TR_PANIC/TR_GOEXIT: its index; TR_CALL: the panic running it, or 0 */
    uint64_t sp;       /* stack position ordering it against a recovery's target */
    double start, end; /* µs from the trace's start (event ordinals in stable mode) */
    bool unfinished;   /* still open when the trace ended (a crash, a goroutine cut short) */
    char *name;        /* "close_file", "panic: boom", "Goexit" */
    char *frame;       /* TR_CALL: the deferring function's name */
    char *outcome;     /* TR_PANIC: "recovered", "aborted", "crashed", "dropped by Goexit" */
};

struct tr_instant {
    uint32_t goid;
    double ts;
    int depth;
    const char *cat;   /* "frame", "defer", "panic", "recover", "recovery", "goexit", "fatal",
                          "goroutine" */
    char *name;
    char *detail;      /* a line of explanation, or NULL */
};

/* A panic (or Goexit) record's life, in order of start. */
struct tr_panic {
    int index;
    bool goexit;
    uint32_t goid;
    uint64_t addr;           /* the record's address (unique while it lives) */
    uint64_t sp;
    size_t first_event;      /* index of its PANIC/GOEXIT event in tr->ev */
    size_t last_event;       /* the event that ended it (or the last of its goroutine) */
    char *value;             /* its value's text */
    char *type;              /* its value's type name */
    const char *outcome;     /* "recovered", "aborted", "crashed", "dropped by Goexit",
                                "unfinished", "ended its goroutine" */
    char *recovered_by;      /* the deferred function whose recover() stopped it */
    char *resumed;           /* the function a recovery resumed */
    double start, end;
};

struct tr_flow {
    int id;            /* the panic's index */
    uint32_t from_goid, to_goid;
    double from, to;
};

struct tr_module;

struct trace {
    struct gort__trace_header h;
    struct tr_module *mods;    /* trace_sym.c's */
    size_t nmods, modcap;
    uint64_t *tids;
    size_t nthreads;
    struct tr_event *ev;
    size_t nev;
    uint64_t t0;               /* the earliest event's timestamp */
    bool stable;
    /* the model */
    struct tr_slice *slices;
    size_t nslices;
    struct tr_instant *inst;
    size_t ninst;
    struct tr_flow *flows;
    size_t nflows;
    struct tr_panic *panics;
    size_t npanics;
    uint32_t *goids;           /* goroutines with events, ascending */
    size_t ngoids;
    double tmax;
    char *exe;                 /* the traced program's path */
    char err[512];
};

/* trace_read.c. A trace is allocated by gort__tr_new (NULL: out of memory), filled by
 * gort__tr_load (-1: tr->err says why) and freed, with everything it points to, by gort__tr_free. */
TR_HIDDEN struct trace *gort__tr_new(void);
TR_HIDDEN int gort__tr_load(struct trace *tr, const char *path, bool stable);
TR_HIDDEN void gort__tr_free(struct trace *tr);
/* An event's time on the exports' axis: µs from the first event (its ordinal in stable mode). */
TR_HIDDEN double gort__tr_time(const struct trace *tr, const struct tr_event *e);
TR_HIDDEN const char *gort__tr_type_name(int type);
/* p grown (realloc) to hold at least `need` items of `size` bytes, *cap updated; exits on out
 * of memory. */
TR_HIDDEN void *gort__tr_grow(void *p, size_t *cap, size_t need, size_t size);
/* s (malloc'd) handed to tr, freed by gort__tr_free; returns s. */
TR_HIDDEN char *gort__tr_keep(struct trace *tr, char *s);
/* A formatted string owned by tr ("?" if it cannot be made). */
TR_HIDDEN char *gort__tr_fmt(struct trace *tr, const char *f, ...)
    __attribute__((format(printf, 2, 3)));

/* trace_sym.c. A module of the trace header (path owned by tr); all of them closed and freed by
 * gort__tr_free_modules. */
TR_HIDDEN void gort__tr_add_module(struct trace *tr, uint64_t base, uint64_t lo, uint64_t hi,
                                   char *path);
TR_HIDDEN void gort__tr_free_modules(struct trace *tr);
/* "fn" for a function address, a module+offset form if no symbol names it. Owned by tr. */
TR_HIDDEN const char *gort__tr_sym(struct trace *tr, uint64_t addr);
/* The NUL-terminated string at run-time address addr (a __func__ or a type name), or "?". */
TR_HIDDEN const char *gort__tr_str(struct trace *tr, uint64_t addr);

/* trace_model.c: the slices, instants, flows and panics of tr's events. */
TR_HIDDEN void gort__tr_build(struct trace *tr);

/* trace_export.c: JSON string contents (no quotes); trace_html.c: the page. */
TR_HIDDEN void gort__tr_json_str(FILE *out, const char *s);
TR_HIDDEN int gort__tr_write_html(struct trace *tr, FILE *out);
TR_HIDDEN void gort__tr_write_model_json(struct trace *tr, FILE *out);

#endif /* GORT_TRACE_MODEL_H */
