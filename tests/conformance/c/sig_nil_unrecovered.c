/* conformance: an unrecovered NULL dereference runs the deferred calls, then prints "panic: runtime error: invalid memory address or nil pointer dereference" and "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x...]", exit 2
 * rules: E1 C1 C5
 * frames: compare
 * from: src/runtime/signal_unix.go sigpanic; runtime/panic.go printpanics (the signal line)
 */
#include <gort.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

typedef struct T { int x; } T;

static FAULTS int read(T *volatile p) { return p->x; }

static void say(void *s) { printf("%s\n", (const char *)s); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(say, "main's deferred call runs");
    printf("%d\n", read(NULL));
    return rc;
}
