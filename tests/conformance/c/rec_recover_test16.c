/* conformance: a deferred call that receives a function and calls it: the callee's recover is a
 *   helper's and gets nil; the panic stays for the next deferred call, which recovers it
 * rules: R2 R3 D2
 * from: test/recover.go test16 (reflectFunc2 calling reflectFunc3)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void die(const char *why)
{
    printf("die: %s\n", why);
    go_panic("die");
}

static void must_not_recover(void)
{
    if (!go_is_nil(go_recover()))
        die("spurious recover");
    printf("mustNotRecover: nil\n");
}

static void must_recover(long x)
{
    must_not_recover(); /* a sub-call */
    go_any v = go_recover();
    if (go_is_nil(v))
        die("missing recover");
    if (!go_any_is(v, &go_type_int) || v.v.i != x)
        die("wrong value");
    if (!go_is_nil(go_recover()))
        die("recover didn't recover");
    printf("mustRecover: recovered %ld\n", x);
}

/* f3: recover from a function called by the deferred call */
static void f3(void)
{
    go_any v = go_recover();
    if (!go_is_nil(v))
        die("spurious recover");
    printf("f3: nil\n");
}

/* f2(f3): the deferred call */
static void f2(void (*f)(void))
{
    f();
    printf("f2: done\n");
}

static void test16(void)
{
    go_frame_void();
    go_defer_args(must_recover, 16);
    go_defer_args(f2, f3);
    go_panic(16);
}

int main(void)
{
    test16();
    printf("test16 returned\n");
    return 0;
}
