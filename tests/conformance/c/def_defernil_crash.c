/* conformance: an unrecovered panic from a deferred nil function, raised at the function's
 *   return: the report is the nil-dereference run-time error with its [signal SIGSEGV ...] line;
 *   the earlier deferred call still runs first
 * rules: D5 P1 C1 C5
 * from: test/defernil.go (without the recovering deferred call)
 */
#include <gort.h>
#include <stdio.h>

static int x = 0;

static void earlier(void *unused)
{
    (void)unused;
    printf("earlier deferred call: x = %d\n", x);
}

static void f(void)
{
    go_frame_void();
    go_defer(earlier, NULL);
    void (*nilf)(void *) = NULL;
    go_defer(nilf, NULL);
    x = 1;
    printf("f: x = %d\n", x);
}

int main(void)
{
    f();
    printf("f returned\n");
    return 0;
}
