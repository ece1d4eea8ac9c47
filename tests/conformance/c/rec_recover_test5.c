/* conformance: a deferred closure that recovers sets the named result, and the function returns
 *   it; when nothing panics the function returns its default. try() uses `return deflt` (C's
 *   plain return: a panic recovered during that return's deferred calls makes the function
 *   return its result variable), try1() sets the result and uses go_return
 * rules: D4 R5 R3 D1
 * from: test/recover.go test5 (try, try1)
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

/* func() { if v := recover(); v != nil { x = v } } */
static void set_from_recover(void *px)
{
    go_any v = go_recover();
    if (!go_is_nil(v))
        *(go_any *)px = v;
}

static void panic5(void *unused)
{
    (void)unused;
    go_panic(5);
}

static void nothing(void *unused)
{
    (void)unused;
}

/* Run g. If it panics, return the value; else return deflt. */
static go_any try_(void (*g)(void *), go_any deflt)
{
    go_any x = go_nil();
    go_frame(x);
    go_defer(set_from_recover, &x);
    go_defer(g, NULL);
    return deflt;
}

static go_any try1(void (*g)(void *), go_any deflt)
{
    go_any x = go_nil();
    go_frame(x);
    go_defer(set_from_recover, &x);
    go_defer(g, NULL);
    x = deflt;
    go_return(x);
}

static void show(const char *what, go_any v)
{
    char buf[32];
    printf("%s = %s\n", what, go_is_nil(v) ? "<nil>" : go_any_format(v, buf, sizeof buf));
}

static void test5(void)
{
    go_any v = try_(panic5, go_any_int(55));
    show("try(panic(5), 55)", v);
    if (!go_any_is(v, &go_type_int) || v.v.i != 5)
        die("wrong value");

    go_any s = try_(nothing, go_any_str("hi"));
    show("try(nothing, \"hi\")", s);
    if (!go_any_is(s, &go_type_string) || strcmp(s.v.s, "hi") != 0)
        die("wrong value");

    v = try1(panic5, go_any_int(55));
    show("try1(panic(5), 55)", v);
    if (!go_any_is(v, &go_type_int) || v.v.i != 5)
        die("try1 wrong value");

    s = try1(nothing, go_any_str("hi"));
    show("try1(nothing, \"hi\")", s);
    if (!go_any_is(s, &go_type_string) || strcmp(s.v.s, "hi") != 0)
        die("try1 wrong value");
}

int main(void)
{
    test5();
    printf("test5 returned\n");
    return 0;
}
