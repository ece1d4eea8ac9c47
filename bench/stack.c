/*
 * stack.c — the stack-trace benchmarks (BENCHMARKS.md case 6): a 20-frame recursion whose
 * innermost call
 *   stack20.gort     go_stack(): captures and symbolizes (libdw, file:line, inlined frames)
 *                    into a buffer — Go's debug.Stack();
 *   stack20.glibc    backtrace() + backtrace_symbols() (dynamic symbol names only, malloc'd);
 *   callers20.gort   only captures the pcs (gort__traceback_capture, libgcc's unwinder) — Go's
 *                    runtime.Callers;
 *   callers20.glibc  backtrace() alone.
 * The Go peers are bench/go (BenchmarkStack20, BenchmarkCallers20). The crash printer's
 * forked symbolizer is not measured here: it runs once per process death.
 */
#include "harness.h"

#include "../src/internal.h"

#include <execinfo.h>

enum { DEPTH = 20 };

static char text[1 << 15];
static gort__trace trace;

static BENCH_NOINLINE long stack_gort(int d)
{
    if (d > 1)
        return stack_gort(d - 1) + 1;
    return (long)go_stack(text, sizeof text);
}

static BENCH_NOINLINE long stack_glibc(int d)
{
    if (d > 1)
        return stack_glibc(d - 1) + 1;
    void *pcs[64];
    int n = backtrace(pcs, 64);
    char **names = backtrace_symbols(pcs, n);
    long len = names ? (long)strlen(names[n - 1]) : 0;
    free(names);
    return len;
}

static BENCH_NOINLINE long callers_gort(int d)
{
    if (d > 1)
        return callers_gort(d - 1) + 1;
    gort__traceback_capture(&trace, NULL, true);
    return trace.total;
}

static BENCH_NOINLINE long callers_glibc(int d)
{
    if (d > 1)
        return callers_glibc(d - 1) + 1;
    void *pcs[64];
    return backtrace(pcs, 64);
}

BENCH_LOOP(loop_stack_gort, stack_gort(DEPTH))
BENCH_LOOP(loop_stack_glibc, stack_glibc(DEPTH))
BENCH_LOOP(loop_callers_gort, callers_gort(DEPTH))
BENCH_LOOP(loop_callers_glibc, callers_glibc(DEPTH))

extern const struct bench_case st_cases[];
extern const int st_ncases;
int st_selftest(void);

const struct bench_case st_cases[] = {
    {"stack20", "gort", loop_stack_gort, 1},
    {"stack20", "glibc", loop_stack_glibc, 1},
    {"callers20", "gort", loop_callers_gort, 0},
    {"callers20", "glibc", loop_callers_glibc, 0},
};
const int st_ncases = sizeof st_cases / sizeof st_cases[0];

/* The benchmark measures something real: the formatted stack names the recursion. */
int st_selftest(void)
{
    stack_gort(DEPTH);
    if (strstr(text, "stack_gort(...)") == NULL || strstr(text, "go_stack(...)") == NULL) {
        fprintf(stderr, "selftest: go_stack gave:\n%s\n", text);
        return 1;
    }
    if (callers_gort(DEPTH) < DEPTH + 2)
        return 1;
    return 0;
}
