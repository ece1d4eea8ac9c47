/* conformance: the named result set just before each call that panics (val = 2, inside an
 *   endless loop) is what the function returns after its deferred closure recovers; the
 *   closure checks the recovered value's type (a user struct type, main.terr)
 * rules: R5 R3
 * from: test/fixedbugs/issue4066.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static const go_type terr_type = {"main.terr", GO_KIND_POINTER, NULL};
static char terr_value;

static void check_terr(void *unused)
{
    (void)unused;
    go_any x = go_recover();
    if (!go_is_nil(x)) {
        if (!go_any_is(x, &terr_type))
            go_panic("interface conversion: interface {} is not main.terr");
        printf("recovered a main.terr\n");
    }
}

__attribute__((noinline)) static void foo1(void)
{
    go_panic_ptr(&terr_value, &terr_type);
}

static int foo(void)
{
    int val = 0;
    go_frame(val);
    val = 0;
    go_defer(check_terr, NULL);
    for (;;) {
        val = 2;
        foo1();
    }
}

int main(void)
{
    int n = foo();
    printf("foo() = %d\n", n);
    if (n != 2)
        go_panic("wrong return value");
    return 0;
}
