/*
 * consumer.c — a program built against an installed gort (tests/package/run.sh builds it with
 * pkg-config, pkg-config --static and CMake). It defers two calls in a function that panics;
 * the older deferred call recovers, so the function returns the value its result variable holds.
 * It also longjmps and siglongjmps once each (over no frame): a program linking gort gets gort's
 * checked jumps (src/longjmp.c), which must still jump, in a static executable too, where they
 * cannot look up the C library's. Prints one line, which run.sh compares.
 */
#define _POSIX_C_SOURCE 200809L /* sigsetjmp under -std=c11 */

#include <gort.h>

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static char trace[64];     /* the order deferred calls ran in */
static char recovered[64]; /* the recovered panic value, as text */

static void note(void *tag)
{
    strncat(trace, tag, sizeof trace - strlen(trace) - 1);
}

static void add_to(int *counter, int n)
{
    *counter += n;
    note("+");
}

static void rescue(void *result)
{
    go_any v = go_recover();
    char buf[64];
    if (go_is_nil(v)) {
        snprintf(recovered, sizeof recovered, "nothing");
        return;
    }
    snprintf(recovered, sizeof recovered, "%s", go_any_format(v, buf, sizeof buf));
    *(int *)result = -7; /* a recovering deferred call may set the result (Go's named results) */
    note("r");
}

static int deferred_adds;

static int risky(int x)
{
    int result = 0;
    go_frame(result);
    go_defer(rescue, &result);
    go_defer_args(add_to, &deferred_adds, x);
    go_defer(note, "1");
    if (x > 0)
        go_panicf("boom %d", x);
    result = x;
    return result;
}

static jmp_buf env;
static sigjmp_buf senv;
static __attribute__((noinline)) void jump(int v) { longjmp(env, v); }
static __attribute__((noinline)) void sigjump(int v) { siglongjmp(senv, v); }

int main(void)
{
    int r = risky(42);
    static int j, s;
    switch (setjmp(env)) {
    case 0:
        jump(0); /* setjmp then returns 1 */
        break;
    default:
        j++;
    }
    switch (sigsetjmp(senv, 1)) {
    case 0:
        sigjump(5);
        break;
    case 5:
        s = 5;
        break;
    default:
        s = -1;
    }
    printf("gort %d.%d.%d goroutine %lld: risky(42) = %d, recovered \"%s\", deferred \"%s\", adds %d, "
           "jumps %d %d\n",
           GORT_VERSION_MAJOR, GORT_VERSION_MINOR, GORT_VERSION_PATCH, (long long)go_goid(), r,
           recovered, trace, deferred_adds, j, s);
    return r == -7 ? 0 : 1;
}
