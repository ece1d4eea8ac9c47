/* conformance: a NULL dereference in the program is the run-time error "invalid memory address or nil pointer dereference", raised on the faulting stack: deferred calls run, a deferred go_recover() stops it, go_is_runtime_error() is true, the function returns its result variable
 * rules: E1 E3 R3 R5
 * from: src/runtime/signal_unix.go sigpanic (panicmem); test/recover3.go (nil dereference)
 */
#include <gort.h>
#include <stdio.h>

/* UBSan would report the undefined behaviour itself before the fault: the scenario is about
 * the fault, so the faulting function is not instrumented by it. */
#define FAULTS __attribute__((noinline, no_sanitize("undefined")))

typedef struct T { int x; } T;

static FAULTS int read(T *volatile p) { return p->x; }

static void report(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[128];
    printf("recovered: %s runtime.Error: %s\n", go_any_format(r, buf, sizeof buf),
           go_is_runtime_error(r) ? "true" : "false");
}

static void say(void *s) { printf("%s\n", (const char *)s); }

static __attribute__((noinline)) int try(void)
{
    int result = -1;
    go_frame(result);
    go_defer(report, NULL);
    go_defer(say, "try's deferred call runs");
    return read(NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    printf("try returns %d\n", try());
    return 0;
}
