/*
 * trace_format.h — gort's binary trace file, shared by the recorder (trace.c) and the reader
 * (trace_read.c). Little-endian, native word size (x86-64); a version bump for any change.
 *
 *   header      struct gort__trace_header
 *   modules     nmodules × { struct gort__trace_module; path bytes, NUL-padded to 8 }
 *   threads     until EOF: { struct gort__trace_thread; count × struct gort__trace_event }
 *
 * Events are fixed-size (64 bytes) so a thread's ring buffer is an array written by one
 * thread and copied out by write(2) as it lies, even from a crashing thread. Strings (a panic
 * value's text, a fatal error's message, a park reason) follow their event as TEXT events of
 * 48 bytes each. Names the program already holds as constants (a frame's __func__, a panic
 * value's type name) are recorded as addresses: the reader finds them in the module's ELF file.
 */
#ifndef GORT_TRACE_FORMAT_H
#define GORT_TRACE_FORMAT_H

#include <stdint.h>

#define GORT_TRACE_MAGIC "GORTTRC1"
enum { GORT_TRACE_VERSION = 1 };

/* Event types and what their words a..f hold. "frame" is the address of a struct gort__frame,
 * "panic" of a struct gort__panic (unique while it is live: the reader pairs them by address),
 * "func" the address of a frame's __func__ string, or its landing address | GT_FUNC_PC (a frame
 * linked before the trace started), "sp" a stack address ordering frames. */
#define GT_FUNC_PC (1ull << 63)
enum gort__trace_type {
    GT_FRAME_ENTER = 1, /* a frame, b func, c sp                    — its first defer linked it */
    GT_FRAME_EXIT,      /* a frame, b func                          — its deferred calls ran    */
    GT_DEFER,           /* a frame, b fn, c arg0, d func            — go_defer                  */
    GT_CALL_START,      /* a frame, b fn, c panic|0, d func, e sp, f arg0                        */
    GT_CALL_END,        /* a frame, b fn, c panic|0, e sp                                         */
    GT_PANIC,           /* a panic, b type name, c start sp, d kind; flags 1: run-time error;
                           TEXT: the value                                                       */
    GT_RECOVER,         /* a panic, b frame, c fn, d func           — recover() stopped it      */
    GT_RECOVERY,        /* a panic, b frame|0, c rest of chain, d target sp, e func;
                           flags 1: into a pending Goexit           — the jump                  */
    GT_GOEXIT,          /* a panic (the Goexit record), b start sp                               */
    GT_FATAL,           /* flags 1: an unrecovered panic; TEXT: the message                      */
    GT_GO_CREATE,       /* a new goid, b parent goid                                              */
    GT_GO_START,        /* a goid                                                                 */
    GT_GO_PARK,         /* a goid; TEXT: the wait reason                                          */
    GT_GO_EXIT,         /* a goid                                                                 */
    GT_TEXT,            /* text: up to 48 bytes in a..f (extra = bytes used); continues the
                           previous event; flags 1: more TEXT follows                            */
    GT_NTYPES
};

struct gort__trace_event {
    uint64_t ts;      /* CLOCK_MONOTONIC, ns */
    uint8_t type;     /* enum gort__trace_type */
    uint8_t flags;
    uint16_t extra;
    uint32_t goid;    /* the goroutine running when it was recorded (0: none yet) */
    uint64_t w[6];    /* a..f */
};

/* Event timestamps are CLOCK_MONOTONIC nanoseconds, or (stamp_tsc) x86 time-stamp counter
 * ticks, which cost a fraction of a clock_gettime where the counter is invariant: the reader
 * turns ticks into CLOCK_MONOTONIC ns by the two pairs (start_stamp, start_ns) and
 * (dump_stamp, dump_ns), each read together when tracing started and when the file was written. */
struct gort__trace_header {
    char magic[8];
    uint32_t version;
    uint32_t event_size;   /* sizeof(struct gort__trace_event) */
    uint64_t start_ns;     /* CLOCK_MONOTONIC when tracing started */
    uint64_t dump_ns;      /* CLOCK_MONOTONIC when this file was written */
    uint64_t start_stamp;  /* the event clock at start_ns */
    uint64_t dump_stamp;   /* the event clock at dump_ns */
    int32_t pid;
    uint32_t nmodules;
    uint32_t crash;        /* 1: written by a crash (the last events only) */
    uint32_t stamp_tsc;    /* 1: event timestamps are TSC ticks; 0: CLOCK_MONOTONIC ns */
};

/* A loaded module: the program, a shared library. base is its load bias (ELF addresses + base
 * = run-time addresses); [lo, hi) the run-time range of its PT_LOAD segments. */
struct gort__trace_module {
    uint64_t base, lo, hi;
    uint32_t pathlen; /* bytes of path that follow, NUL included, padded to a multiple of 8 */
    uint32_t pad;
};

struct gort__trace_thread {
    uint64_t tid;      /* kernel thread id */
    uint64_t written;  /* events ever recorded by this thread */
    uint64_t count;    /* events that follow (the newest; written - count were overwritten) */
};

#endif /* GORT_TRACE_FORMAT_H */
