/* conformance: the values of fault-raised and check-raised run-time errors (nil dereference, divide by zero, index) satisfy go_is_runtime_error; user panics with the same texts (string, error) or an int do not
 * rules: E3 E1 E2
 * from: src/runtime/error.go (runtime.Error); src/runtime/crash_test.go TestRuntimePanicWithRuntimeError
 */
#include <gort.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

typedef struct T { int x; } T;

static T *volatile nil_t;
static volatile int zero = 0, four = 4;
static const char *current;

static void report(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[128];
    printf("%s: runtime.Error=%s value=%s\n", current, go_is_runtime_error(r) ? "true" : "false",
           go_any_format(r, buf, sizeof buf));
}

static __attribute__((noinline)) void classify(const char *name, void (*f)(void))
{
    go_frame_void();
    current = name;
    go_defer(report, NULL);
    f();
}

static FAULTS void nil_dereference(void) { (void)*(volatile int *)&nil_t->x; }
static FAULTS void divide_by_zero(void) { volatile int q = 100 / zero; (void)q; }
static void index_error(void) { int s[2]; (void)s[go_index(four, 2)]; }
static void user_string(void) { go_panic("runtime error: invalid memory address or nil pointer dereference"); }
static void user_error(void) { go_panic_error("runtime error: integer divide by zero"); }
static void user_int(void) { go_panic(7); }

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    classify("nil dereference", nil_dereference);
    classify("divide by zero", divide_by_zero);
    classify("index", index_error);
    classify("user string", user_string);
    classify("user error", user_error);
    classify("user int", user_int);
    return 0;
}
