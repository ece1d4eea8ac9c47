/* conformance: a deferred closure's recover squelches the panic; the deferred call that runs
 *   after it, once the panic is over, gets nil from recover
 * rules: R1 R5 D1
 * from: test/recover.go test3 (recover1.go test4 is the same)
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

static void squelch(void *unused)
{
    (void)unused;
    go_any v = go_recover();
    char buf[32];
    printf("squelch: recovered %s\n", go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
}

static void test3(void)
{
    go_frame_void();
    go_defer_args(must_not_recover);
    go_defer(squelch, NULL);
    go_panic(3);
}

int main(void)
{
    test3();
    printf("test3 returned\n");
    return 0;
}
