/* conformance: recover outside a deferred call is nil; in nested deferred calls run by a normal
 *   return, a panic recovered by its own deferred call; `defer panic(3)` run by panic 2 starts a
 *   newer panic that a later deferred call of the same function recovers; finally a deferred
 *   function that itself defers panic(5) turns panic 4 into panic 5, which main recovers
 * rules: R1 R4 P2 P3 D6 R8
 * from: test/fixedbugs/issue43942.go
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <stdlib.h>

/* expect(want, have): want < 0 means nil */
static void expect(long want, go_any have)
{
    char buf[32];
    const char *h = go_is_nil(have) ? "<nil>" : go_any_format(have, buf, sizeof buf);
    int ok = want < 0 ? go_is_nil(have) : (go_any_is(have, &go_type_int) && have.v.i == want);
    if (!ok) {
        if (want < 0)
            printf("want <nil>, have %s\n", h);
        else
            printf("want %ld, have %s\n", want, h);
        exit(1);
    }
    printf("expect %s: ok\n", h);
}

static void expect5(void *unused)
{
    (void)unused;
    expect(5, go_recover());
}

static void expect3(void *unused)
{
    (void)unused;
    expect(3, go_recover());
}

static void expect1(void *unused)
{
    (void)unused;
    expect(1, go_recover());
}

/* defer func() { expect(3, recover()) }(); defer panic(3); panic(2) */
static void level3(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer(expect3, NULL);
    go_defer_args(go_panic_int, 3);
    go_panic(2);
}

/* defer level3(); defer func() { expect(1, recover()) }(); panic(1) */
static void level2(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer(level3, NULL);
    go_defer(expect1, NULL);
    go_panic(1);
}

static void level1(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer(level2, NULL);
}

static void first(void)
{
    go_frame_void();
    expect(-1, go_recover());
    go_defer(level1, NULL);
}

/* func() { defer panic(5) } */
static void defers_panic5(void *unused)
{
    go_frame_void();
    (void)unused;
    go_defer_args(go_panic_int, 5);
}

static void second(void)
{
    go_frame_void();
    for (;;) {
        go_defer(defers_panic5, NULL);
        break;
    }
    go_panic(4);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    go_defer(expect5, NULL);
    first();
    printf("first returned\n");
    second();
    printf("second returned (must not happen)\n");
    return rc;
}
