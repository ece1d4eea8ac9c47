/* conformance: a fault at an address at or above 0x1000 is the fatal error "unexpected fault address 0xdeadbee0" / "fatal error: fault" with the [signal ...] line; deferred calls do not run; exit 2
 * rules: E1 E4 C5
 * frames: compare
 * from: src/runtime/signal_unix.go sigpanic (throw("fault")); test/recover4.go
 * env: TSAN_OPTIONS=halt_on_error=1:report_thread_leaks=0:report_signal_unsafe=0
 */
#include <gort.h>
#include <stdint.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

static FAULTS void write(uintptr_t addr) { *(volatile int64_t *)addr = 1; }

static void say(void *s) { printf("%s\n", (const char *)s); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(say, "main's deferred call must not run");
    write(0xdeadbee0);
    return rc;
}
