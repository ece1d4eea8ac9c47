/* conformance: with go_set_panic_on_fault(true), an unrecovered fault at 0xdeadbee0 runs the deferred calls and prints "panic: runtime error: invalid memory address or nil pointer dereference" with "[signal SIGSEGV: ... addr=0xdeadbee0 ...]", exit 2
 * rules: E1 C1 C5
 * frames: compare
 * from: src/runtime/signal_unix.go sigpanic (panicmemAddr)
 */
#include <gort.h>
#include <stdint.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

static FAULTS int64_t read(uintptr_t addr) { return *(volatile int64_t *)addr; }

static void say(void *s) { printf("%s\n", (const char *)s); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_set_panic_on_fault(true);
    go_defer(say, "main's deferred call runs");
    printf("%lld\n", (long long)read(0xdeadbee0));
    return rc;
}
