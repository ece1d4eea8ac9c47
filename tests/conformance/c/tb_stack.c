/* conformance: a recovering deferred call prints go_stack() (Go's debug.Stack: go_stack, the handler, the panic entry, the panicking frames, main) to stderr; the program ends normally
 * rules: R3 C2
 * from: src/runtime/debug/stack_test.go TestStack (called from a recovering handler)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <unistd.h>

static void handler(void *u)
{
    (void)u;
    go_any r = go_recover();
    char buf[8192];
    printf("recovered: %s\n", go_any_format(r, buf, sizeof buf));
    size_t n = go_stack(buf, sizeof buf);
    if (write(2, buf, n) < 0)
        return;
}

static __attribute__((noinline)) void g2(void) { go_panic_str("p"); }
static __attribute__((noinline)) void g1(void)
{
    g2();
    __asm__ volatile("" ::: "memory");
}

static __attribute__((noinline)) void run(void)
{
    go_frame_void();
    go_defer(handler, NULL);
    g1();
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    run();
    printf("done\n");
    return 0;
}
