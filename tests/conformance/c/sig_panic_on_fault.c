/* conformance: after go_set_panic_on_fault(true) a fault at any address panics with the nil-dereference text, a run-time error, and is recovered; go_set_panic_on_fault returns the previous setting
 * rules: E1 E3 R3
 * from: src/runtime/debug/garbage.go SetPanicOnFault; test/recover4.go
 */
#include <gort.h>
#include <stdint.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

static FAULTS int64_t read(uintptr_t addr) { return *(volatile int64_t *)addr; }

static void report(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[128];
    printf("recovered: %s runtime.Error: %s\n", go_any_format(r, buf, sizeof buf),
           go_is_runtime_error(r) ? "true" : "false");
}

static __attribute__((noinline)) int64_t try(void)
{
    int64_t v = -1;
    go_frame(v);
    go_defer(report, NULL);
    return read(0xdeadbee0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    printf("previous setting: %s\n", go_set_panic_on_fault(true) ? "true" : "false");
    printf("try returns %lld\n", (long long)try());
    printf("previous setting: %s\n", go_set_panic_on_fault(false) ? "true" : "false");
    return 0;
}
