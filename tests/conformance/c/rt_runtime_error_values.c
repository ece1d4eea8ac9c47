/* conformance: the run-time errors gort raises (nil panic value, NULL deferred function) are recovered as run-time errors with Go's texts; user values are not; the recovered value reaches the caller through the result variable the deferred call set
 * rules: P4 D5 R3 R5 D4
 * from: src/runtime/crash_test.go TestRuntimePanicWithRuntimeError (the cases gort can raise)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void set_recovered(go_any *res) { *res = go_recover(); }

static go_any panic_value(void (*fn)(void))
{
    go_any recovered = go_nil();
    go_frame(recovered);
    go_defer_args(set_recovered, &recovered);
    fn();
    return recovered;
}

static void describe(const char *name, go_any v)
{
    char buf[128];
    printf("%s: runtime.Error=%s value=%s\n", name, go_is_runtime_error(v) ? "true" : "false",
           go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
}

static void nil_panic(void) { go_panic_value(go_nil()); }

static void nil_deferred(void)
{
    go_frame_void();
    void (*f)(void *) = NULL;
    go_defer(f, NULL);
}

static void string_panic(void) { go_panic("a string"); }
static void error_panic(void) { go_panic_error("an error"); }
static void no_panic(void) {}

int main(void)
{
    describe("panic(nil)", panic_value(nil_panic));
    describe("nil deferred func", panic_value(nil_deferred));
    describe("string", panic_value(string_panic));
    describe("errors.New", panic_value(error_panic));
    describe("no panic", panic_value(no_panic));
    return 0;
}
