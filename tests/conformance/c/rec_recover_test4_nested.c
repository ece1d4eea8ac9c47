/* conformance: test4 with `defer recover()` written as a deferred closure inside the deferred
 *   closure (C cannot defer the recover builtin itself): that inner closure runs when the outer
 *   one returns, not from the panic, so its recover gets nil and the panic goes on; the next
 *   deferred call (mustNotRecover) therefore does recover it and dies with a new panic before
 *   returning: the report is `panic: 4 [recovered]` / `panic: die`
 * rules: R8 R6 C1
 * from: test/recover.go test4 (and recover1.go test5)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void must_not_recover(void)
{
    go_any v = go_recover();
    if (!go_is_nil(v)) {
        printf("spurious recover\n");
        go_panic("die");
    }
    printf("mustNotRecover: nil\n");
}

static void inner(void *unused)
{
    (void)unused;
    go_any v = go_recover();
    char buf[32];
    printf("inner: recover() = %s\n", go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
}

static void outer(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer(inner, NULL);
    printf("outer: returning\n");
}

static void test4(void)
{
    go_frame_void();
    go_defer_args(must_not_recover);
    go_defer(outer, NULL);
    go_panic(4);
}

int main(void)
{
    test4();
    printf("test4 returned\n");
    return 0;
}
