/* conformance: deferred method calls whose receivers (a pointer, a word, an empty struct, two
 *   strings, 8 KB, 8 KB plus an 8 KB frame) are copied at the defer: each method recovers its
 *   panic's value directly, while a helper it calls gets nil
 * rules: R2 R3 D2
 * from: test/recover.go test9, test10, test11, test12, test13, test14
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <string.h>

static void die(const char *why)
{
    printf("die: %s\n", why);
    go_panic("die");
}

static void must_recover_body(go_any v1, go_any v2, go_any v3, long x)
{
    if (!go_is_nil(v1))
        die("spurious recover");
    if (go_is_nil(v2)) {
        printf("missing recover %ld\n", x);
        die("missing recover");
    }
    if (!go_any_is(v2, &go_type_int) || v2.v.i != x)
        die("wrong value");
    if (!go_is_nil(v3))
        die("recover didn't recover");
    printf("recovered %ld\n", x);
}

static go_any double_recover(void)
{
    return go_recover();
}

/* The methods: the receiver is what was copied when the call was deferred. */
struct T1 { int unused; };
static void T1_M(struct T1 *t)
{
    (void)t;
    go_any v1 = double_recover();
    go_any v2 = go_recover();
    go_any v3 = go_recover();
    must_recover_body(v1, v2, v3, 9);
}

typedef uintptr_t T2;
static void T2_M(T2 t)
{
    (void)t;
    go_any v1 = double_recover();
    go_any v2 = go_recover();
    go_any v3 = go_recover();
    must_recover_body(v1, v2, v3, 10);
}

struct T3 { char unused[1]; };
static void T3_M(struct T3 *t)
{
    struct T3 recv = *t;
    (void)recv;
    go_any v1 = double_recover();
    go_any v2 = go_recover();
    go_any v3 = go_recover();
    must_recover_body(v1, v2, v3, 11);
}

struct T4 { const char *s[2]; };
static void T4_M(struct T4 *t)
{
    struct T4 recv = *t;
    (void)recv;
    go_any v1 = double_recover();
    go_any v2 = go_recover();
    go_any v3 = go_recover();
    must_recover_body(v1, v2, v3, 12);
}

struct T5 { unsigned char b[8192]; };
static void T5_M(struct T5 *t)
{
    volatile struct T5 recv;
    memcpy((void *)&recv, t, sizeof recv);
    go_any v1 = double_recover();
    go_any v2 = go_recover();
    go_any v3 = go_recover();
    must_recover_body(v1, v2, v3, 13);
}

struct T6 { unsigned char b[8192]; };
static volatile unsigned char global;
static void T6_M(struct T6 *t)
{
    volatile struct T6 recv;
    memcpy((void *)&recv, t, sizeof recv);
    volatile unsigned char x[8192];
    memset((void *)x, 0, sizeof x);
    x[0] = 1;
    x[1] = 2;
    for (size_t i = 0; i < sizeof x; i++)
        global += x[i];
    go_any v1 = double_recover();
    go_any v2 = go_recover();
    go_any v3 = go_recover();
    must_recover_body(v1, v2, v3, 14);
}

static void test9(void)
{
    go_frame_void();
    static struct T1 t1;
    go_defer_args(T1_M, &t1);
    go_panic(9);
}

static void test10(void)
{
    go_frame_void();
    T2 i = 0;
    go_defer_args(T2_M, i);
    go_panic(10);
}

static void test11(void)
{
    go_frame_void();
    struct T3 i = {{0}};
    go_defer_args(T3_M, &i);
    go_panic(11);
}

static void test12(void)
{
    go_frame_void();
    struct T4 i = {{"", ""}};
    go_defer_args(T4_M, &i);
    go_panic(12);
}

static void test13(void)
{
    go_frame_void();
    struct T5 i;
    memset(&i, 0, sizeof i);
    go_defer_args(T5_M, &i);
    go_panic(13);
}

static void test14(void)
{
    go_frame_void();
    struct T6 i;
    memset(&i, 0, sizeof i);
    go_defer_args(T6_M, &i);
    go_panic(14);
}

int main(void)
{
    test9();
    test10();
    test11();
    test12();
    test13();
    test14();
    printf("global = %d\n", global);
    return 0;
}
