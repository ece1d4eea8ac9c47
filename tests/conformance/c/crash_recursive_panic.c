/* conformance: a recovered panic re-panicked with a wrapped value is recovered by the caller; a later panic prints alone (finished panics are not printed) and exits with status 2
 * rules: R3 R5 R7 C1 C5
 * from: src/runtime/crash_test.go TestRecursivePanic (testprog RecursivePanic)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <string.h>

struct big { unsigned char b[8192]; };

static void wrap(void *unused)
{
    (void)unused;
    go_any err = go_recover();
    if (!go_is_nil(err))
        go_panicf("wrap: %s", err.v.s);
}

static void inner(struct big x)
{
    go_frame_void();
    go_defer(wrap, NULL);
    __asm__ volatile("" : : "r"(x.b) : "memory");
    go_panic("bad");
}

static void print_recover(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("%s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
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
    go_panic("again");
}
