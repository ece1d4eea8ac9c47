/*
 * traceback.h — what the five files of the traceback machinery share, and nothing else sees:
 *
 *   unwind.c     capturing a stack's program counters (libgcc's unwinder, a signal context);
 *   symbolize.c  turning one pc into its logical frames with libdw (function, file:line,
 *                inlined calls) and classifying gort's own frames;
 *   symchild.c   the crash printer's symbolizer: a forked child that symbolizes for a process
 *                that may be too broken to do it itself;
 *   symheap.c    that child's own heap, in place of the parent's allocator;
 *   traceback.c  Go's layout: which frames print at a GOTRACEBACK level, elision, the raw
 *                fallback, go_stack / go_panic_stack.
 *
 * The interface between them and the rest of the runtime is in internal.h (gort__trace,
 * gort__lframe, gort__traceback_*).
 */
#ifndef GORT_TRACEBACK_H
#define GORT_TRACEBACK_H

#include "internal.h"

/* unwind.c: the i-th captured physical frame, in stack order, or NULL if it was not kept
 * (between the head and the ring of the tail); the sp of frame i's caller (its CFA), 0 when
 * that frame was not kept. */
GORT_HIDDEN const struct gort__pcsp *gort__trace_at(const gort__trace *t, long i);
GORT_HIDDEN uintptr_t gort__trace_cfa(const gort__trace *t, long i);

/* symbolize.c: a libdw session over the process's modules, with a cache of symbolized pcs. */
typedef struct gort__sym gort__sym;
/* A fresh session (the symbolizing child's: one static instance, opened on each call). */
GORT_HIDDEN gort__sym *gort__sym_fresh(void);
/* The process's shared session (go_stack), opened on first use, re-reported when one of the
 * trace's pcs lies outside every known module (a dlopen since). Returned locked. */
GORT_HIDDEN gort__sym *gort__sym_shared_lock(const gort__trace *t);
GORT_HIDDEN void gort__sym_shared_unlock(void);
/* Appends the logical frames of the physical frame at pc (innermost inlined call first) to
 * out[0..max); exact: pc is a faulting pc, not a return address. Returns how many. */
GORT_HIDDEN int gort__sym_frames(gort__sym *s, uintptr_t pc, uintptr_t sp, uintptr_t cfa, bool exact,
                                 gort__lframe *out, int max);

/* symheap.c: points every loaded module's allocating functions (malloc, free, strdup, ...) at
 * a private heap. For the symbolizing child only, before it allocates: the allocator of the
 * process it was forked from may be locked by a thread that the child does not have, or
 * corrupt. owns: p lies in that heap. */
GORT_HIDDEN void gort__symheap_install(void);
GORT_HIDDEN bool gort__symheap_owns(const void *p);

/* symchild.c: in a child forked with the raw system call, releases the locks besides the
 * allocator's that the symbolizer takes and another thread may have held at the fork (stdio's),
 * and hides debuginfod from libdw. */
GORT_HIDDEN void gort__symchild_unlock(void);

/* traceback.c: a trace symbolized with s, filtered for level and printed in Go's layout; and the
 * raw form (dladdr: symbol and module+offset), which allocates nothing. */
GORT_HIDDEN void gort__tb_format(gort__sym *s, gort__w *w, const gort__trace *t, int level,
                                 bool cut_panic);
GORT_HIDDEN void gort__tb_format_raw(gort__w *w, const gort__trace *t, bool system);
/* The innermost logical frame at the return address pc, whatever its kind (a `created by`
 * site): "name(...)\n\tfile:line +0xOFF\n". */
GORT_HIDDEN void gort__tb_format_first(gort__sym *s, gort__w *w, uintptr_t pc);

#endif /* GORT_TRACEBACK_H */
