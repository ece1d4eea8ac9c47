/* conformance: an unrecovered go_index failure prints "panic: runtime error: index out of range [5] with length 3" (no [signal ...] line) after the deferred calls ran, exit 2
 * rules: E2 C1 C5
 * frames: compare
 * from: src/runtime/error.go boundsError; runtime/panic.go goPanicIndex
 */
#include <gort.h>
#include <stdio.h>

static volatile int five = 5;

static __attribute__((noinline)) int get(const int *s, int len, int i) { return s[go_index(i, len)]; }

static void say(void *p) { printf("%s\n", (const char *)p); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(say, "main's deferred call runs");
    int s[3] = {0};
    printf("%d\n", get(s, 3, five));
    return rc;
}
