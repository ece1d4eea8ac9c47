/*
 * nohooks.c — the core cases of bench/core_gort.h built with GORT_NO_TRACE_HOOKS: gort.h's
 * inline paths (frame link, defer, frame exit) without their test of g->tracing. Nothing else
 * differs from cases.c's copy (same flags, same library), so "off" ÷ "nohooks" in the
 * "Tracing on and off" table is what the trace costs a program while it is off. Only the
 * benchmark builds gort.h this way; see the GORT__TRACING comment in include/gort.h.
 */
#define GORT_NO_TRACE_HOOKS 1
#include <gort.h>

#include "harness.h"

void bench_noop(void *p);
int nohooks_selftest(void);

#define MEASURED BENCH_NOINLINE
#define NOT_A_TAIL() __asm__ volatile("" ::: "memory")
#define CORE(name) name##_nohooks
#include "core_gort.h"

/* The copy works like the one with hooks: the defers run, the panics are recovered. */
int nohooks_selftest(void)
{
    int rec = 0;
    if (defer1_nohooks(&rec) != 0 || defer8_nohooks(&rec) != 0 || deferloop_nohooks(&rec, 3) != 0 ||
        frame_cond_nohooks(&rec) != 0) {
        fprintf(stderr, "selftest: nohooks defers returned a wrong result\n");
        return 1;
    }
    if (panic_nohooks(&rec, 1) != 1 || panic_nohooks(&rec, 10) != 1 || rec != 2) {
        fprintf(stderr, "selftest: nohooks panics: recovered %d of 2\n", rec);
        return 1;
    }
    return 0;
}
