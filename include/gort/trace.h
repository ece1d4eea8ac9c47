/*
 * gort/trace.h — the event trace: what gort did, when, on which goroutine; and its exports.
 *
 * Off by default. Set GORT_TRACE=path in the environment (or call go_trace_start(path)) and
 * gort records, per thread, into a fixed-size lock-free ring buffer: frames linked and left,
 * deferred calls registered, started and finished (and which panic ran them), panics (with their
 * value's text), recovers, recovery jumps, Goexits, fatal errors, and goroutines created,
 * started, parked and ended, each with a CLOCK_MONOTONIC nanosecond timestamp. The trace is
 * written to `path` in gort's binary trace format when the program exits normally, when it dies
 * of a panic or a fatal error (the last events of each thread, written async-signal-safely),
 * and whenever go_trace_dump() is called.
 *
 * The `gort-trace` tool (or go_trace_export() below) turns that file into
 *   - Chrome Trace Event JSON, which Perfetto (ui.perfetto.dev) and chrome://tracing load,
 *   - a Mermaid sequence diagram of one panic's life,
 *   - a self-contained HTML page with a zoomable timeline per goroutine.
 * See docs/trace.md.
 *
 * Environment (read once, when the library loads):
 *   GORT_TRACE=path             start tracing at load time, dumping to path
 *   GORT_TRACE_EVENTS=N         events kept per thread (rounded up to a power of two; default
 *                               16384, 64 bytes each): older events are overwritten
 *   GORT_TRACE_CRASH_EVENTS=N   events per thread written by a crash dump (default: all kept)
 *
 * go_trace_export() needs libelf (to read symbol tables): libgort.so links it; a program
 * linked with libgort.a that calls go_trace_export adds -lelf.
 */
#ifndef GORT_TRACE_H
#define GORT_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#pragma GCC visibility push(default)

/*
 * Starts recording on every goroutine. `path` is where go_trace_dump(), go_trace_stop(), the
 * exit of the program and a crash write the trace; NULL records in memory only (nothing is ever
 * written). Events recorded by an earlier session are discarded. Returns 0, or -1 with errno
 * set: EBUSY if tracing is already on, ENOMEM if the first buffer cannot be allocated.
 * Threads other than the caller see the change at their next traced operation.
 */
int go_trace_start(const char *path);

/* Stops recording and writes the trace to the path given to go_trace_start (if any).
 * Returns 0, or -1 with errno set (EINVAL if tracing is off, or the error of open/write). */
int go_trace_stop(void);

/* Writes what is recorded so far to the path given to go_trace_start, and goes on recording.
 * Returns 0, or -1 with errno set (EINVAL if tracing is off or has no path). */
int go_trace_dump(void);

/* True while tracing is on. */
bool go_trace_enabled(void);

/* The export formats. */
typedef enum go_trace_format {
    GO_TRACE_JSON = 1, /* Chrome Trace Event Format (Perfetto, chrome://tracing)              */
    GO_TRACE_MERMAID,  /* Mermaid sequenceDiagram of one panic (options.panic, default the 1st) */
    GO_TRACE_HTML,     /* a self-contained page: SVG timeline per goroutine, zoomable          */
    GO_TRACE_EVENTS,   /* the raw events as text, one a line (for debugging gort itself)       */
} go_trace_format;

/* Options of go_trace_export_opts; zero-initialised means the defaults. */
typedef struct go_trace_options {
    int panic;   /* GO_TRACE_MERMAID: which panic, 1-based in order of start (0: the first)   */
    bool stable; /* output independent of timing and load addresses: times become event
                    ordinals, pointers are left out (golden tests, diffs)                      */
} go_trace_options;

/*
 * Reads the trace file `in` (written by a traced program) and writes it to `out` ("-" is
 * standard output) in `format`, symbolizing function addresses with the symbol tables of the
 * traced program and its libraries (named in the trace). Returns 0, or -1 with a message that
 * go_trace_error() returns (file missing or not a gort trace, no such panic, write error).
 */
int go_trace_export(const char *in, const char *out, go_trace_format format);
int go_trace_export_opts(const char *in, const char *out, go_trace_format format,
                         const go_trace_options *options);

/* The calling thread's last go_trace_export error message ("" if none). */
const char *go_trace_error(void);

#pragma GCC visibility pop

#endif /* GORT_TRACE_H */
