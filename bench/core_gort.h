/*
 * core_gort.h — the gort side of the core cases (defer1, frame_cond, defer8, deferloop8,
 * panic_d1/d10), written once and compiled twice:
 *
 *   cases.c    with the trace hooks, as every program gets them: CORE(defer1) is defer1_gort;
 *   nohooks.c  with GORT_NO_TRACE_HOOKS, which compiles the inline paths' `g->tracing` tests
 *              out of gort.h: CORE(defer1) is defer1_nohooks.
 *
 * The "Tracing on and off" table compares the two copies (and the first with tracing on), so
 * the cost of tracing off is measured on exactly the code of the main table. The includer
 * defines CORE(name), MEASURED and NOT_A_TAIL and declares bench_noop; loops are named
 * CORE(loop_defer1) etc. and listed in CORE(core_loops).
 */

MEASURED int CORE(defer1)(void *p);
MEASURED int CORE(defer1)(void *p)
{
    int r = 0;
    go_frame(r);
    go_defer(bench_noop, p);
    return r;
}

/* A go_defer that this call does not reach (p is never NULL): what a function pays for being
 * able to defer, on the path where it does not. */
MEASURED int CORE(frame_cond)(void *p);
MEASURED int CORE(frame_cond)(void *p)
{
    int r = 0;
    go_frame(r);
    if (__builtin_expect(p == NULL, 0))
        go_defer(bench_noop, p);
    bench_noop(p);
    return r;
}

MEASURED int CORE(defer8)(void *p);
MEASURED int CORE(defer8)(void *p)
{
    int r = 0;
    go_frame(r);
    go_defer(bench_noop, p);
    go_defer(bench_noop, p);
    go_defer(bench_noop, p);
    go_defer(bench_noop, p);
    go_defer(bench_noop, p);
    go_defer(bench_noop, p);
    go_defer(bench_noop, p);
    go_defer(bench_noop, p);
    return r;
}

MEASURED int CORE(deferloop)(void *p, int n);
MEASURED int CORE(deferloop)(void *p, int n)
{
    int r = 0;
    go_frame(r);
    for (int i = 0; i < n; i++)
        go_defer(bench_noop, p);
    return r;
}

MEASURED void CORE(recover_count)(void *p);
MEASURED void CORE(recover_count)(void *p)
{
    go_any v = go_recover();
    if (!go_is_nil(v))
        ++*(int *)p;
}

MEASURED void CORE(descend)(int d);
MEASURED void CORE(descend)(int d)
{
    if (d <= 0)
        return;
    if (d == 1)
        go_panic_str("boom");
    CORE(descend)(d - 1);
    NOT_A_TAIL();
}

/* Returns 1 after a recovered panic (the result variable's value), 0 if no panic came. */
MEASURED int CORE(panic)(void *p, int d);
MEASURED int CORE(panic)(void *p, int d)
{
    int r = 1;
    go_frame(r);
    go_defer(CORE(recover_count), p);
    CORE(descend)(d);
    r = 0;
    return r;
}

extern int core_obj;    /* the pointer every deferred call gets (cases.c) */
extern int loop_count;  /* deferloop's count; a variable so no loop is unrolled (cases.c) */

BENCH_LOOP(CORE(loop_defer1), CORE(defer1)(&core_obj))
BENCH_LOOP(CORE(loop_frame_cond), CORE(frame_cond)(&core_obj))
BENCH_LOOP(CORE(loop_defer8), CORE(defer8)(&core_obj))
BENCH_LOOP(CORE(loop_deferloop), CORE(deferloop)(&core_obj, loop_count))
BENCH_LOOP(CORE(loop_panic_d1), CORE(panic)(&core_obj, 1))
BENCH_LOOP(CORE(loop_panic_d10), CORE(panic)(&core_obj, 10))

/* The loops in the order of cases.c's TRACE_GROUPS, for the "Tracing on and off" groups. */
extern const bench_loop CORE(core_loops)[6];
const bench_loop CORE(core_loops)[6] = {
    CORE(loop_defer1), CORE(loop_frame_cond), CORE(loop_defer8),
    CORE(loop_deferloop), CORE(loop_panic_d1), CORE(loop_panic_d10),
};
