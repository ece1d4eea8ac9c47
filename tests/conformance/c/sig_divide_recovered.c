/* conformance: an integer division by zero (SIGFPE) is the run-time error "integer divide by zero", recovered by a deferred call; the function returns its result variable
 * rules: E2 E3 R3 R5
 * from: src/runtime/signal_unix.go sigpanic (panicdivide); test/divmod.go
 */
#include <gort.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

static void report(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[128];
    if (!go_is_nil(r))
        printf("recovered: %s runtime.Error: %s\n", go_any_format(r, buf, sizeof buf),
               go_is_runtime_error(r) ? "true" : "false");
    else
        printf("recovered: <nil> runtime.Error: false\n");
}

static FAULTS long divide(volatile long a, volatile long b)
{
    long q = -1;
    go_frame(q);
    go_defer(report, NULL);
    volatile long r = a / b; /* the division before the deferred calls: docs/signals.md */
    return r;
}

static FAULTS long modulo(volatile long a, volatile long b)
{
    long q = -1;
    go_frame(q);
    go_defer(report, NULL);
    volatile long r = a % b;
    return r;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    printf("7 / 2 = %ld\n", divide(7, 2));
    printf("7 / 0 = %ld\n", divide(7, 0));
    printf("7 %% 0 = %ld\n", modulo(7, 0));
    return 0;
}
