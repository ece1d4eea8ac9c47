/* conformance: a fault inside gort's own code (here: a panic value whose type pointer is corrupted, 8, handed to go_any_format) is the fatal error "unexpected signal during runtime execution" with the [signal ...] line, never a panic; no deferred call runs; exit 2
 * rules: E4 C5
 * frames: compare
 * from: src/runtime/signal_unix.go sigpanic (!canpanic: throw); the Go program corrupts a channel
 * env: TSAN_OPTIONS=halt_on_error=1:report_thread_leaks=0:report_signal_unsafe=0
 * skip: lto — with LTO the library's code is merged into the program's, so a fault in it cannot be told from one in the program (src/signal.c)
 */
#include <gort.h>
#include <stdint.h>
#include <stdio.h>

static void corrupt(go_any *v) { v->type = (const go_type *)(uintptr_t)8; }

static void say(void *s) { printf("%s\n", (const char *)s); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(say, "main's deferred call must not run");
    go_any v = go_any_int(1);
    corrupt(&v);
    char buf[32];
    printf("%s\n", go_any_format(v, buf, sizeof buf));
    return rc;
}
