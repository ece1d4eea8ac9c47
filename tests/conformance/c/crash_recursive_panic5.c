/* conformance: one deferred call recovers and panics again, the next recovers that panic, the frame's remaining deferred call and the caller's still run; a later panic prints alone
 * rules: D1 R3 R5 R6 R7 C1 C5
 * from: src/runtime/crash_test.go TestRecursivePanic5 (testprog RecursivePanic5)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void say(void *s) { printf("%s\n", (const char *)s); }

static void print_recover(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("%s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void recover_and_panic(void *unused)
{
    (void)unused;
    go_any r = go_recover();
    char buf[64];
    printf("%s\n", go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
    go_panic("second panic");
}

static __attribute__((noinline)) void three(void)
{
    go_frame_void();
    go_defer(say, "three's first deferred call");
    go_defer(print_recover, NULL);
    go_defer(recover_and_panic, NULL);
    go_panic("first panic");
}

static __attribute__((noinline)) void two(void)
{
    go_frame_void();
    go_defer(say, "two's deferred call");
    three();
}

static __attribute__((noinline)) void one(void) { two(); }

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    one();
    go_panic("third panic");
}
