/* conformance: a deferred call recovers the first panic, the next one panics again, the caller recovers that; a third panic then prints alone
 * rules: D1 R3 R5 R7 C1 C5
 * from: src/runtime/crash_test.go TestRecursivePanic2 (testprog RecursivePanic2)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <string.h>

struct big { unsigned char b[8192]; };

static void print_recover(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("%s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void second(void *unused)
{
    (void)unused;
    go_panic("second panic");
}

static void inner(struct big x)
{
    go_frame_void();
    go_defer(second, NULL);
    go_defer(print_recover, NULL);
    __asm__ volatile("" : : "r"(x.b) : "memory");
    go_panic("first panic");
}

static void outer(void)
{
    go_frame_void();
    go_defer(print_recover, NULL);
    struct big x;
    memset(&x, 0, sizeof x);
    inner(x);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    outer();
    go_panic("third panic");
}
