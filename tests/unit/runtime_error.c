/*
 * runtime_error.c — go_is_runtime_error and go_any_is: run-time errors raised by gort are told
 * apart from user values (Go's `_, ok := r.(runtime.Error)`), and a type assertion compares the
 * dynamic type, never the name or the value.
 *   - panic(nil) recovers as a non-nil run-time error "panic called with nil argument" (P4);
 *   - a deferred nil function panics when it would run, with the nil-dereference run-time
 *     error (D5): "runtime error: invalid memory address or nil pointer dereference".
 * Texts checked with Go 1.23: recover() of those panics printed with %v.
 */
#include "check.h"

#include <gort.h>

static const go_type my_int = {"main.MyInt", GO_KIND_INT, NULL};
static const go_type my_int_twin = {"main.MyInt", GO_KIND_INT, NULL}; /* same name, other type */
static const go_type fake_rt = {"runtime.Error", GO_KIND_ERROR, NULL};

static void recover_into(void *out) { *(go_any *)out = go_recover(); }


static int ran_after_nil;
static void after_nil(void *p)
{
    (void)p;
    ran_after_nil++;
}

/* The nil function is deferred last, so it "runs" first, at the return; recover_into, deferred
 * before it, recovers; after_nil, deferred first, still runs. */
static __attribute__((noinline)) int defer_nil(go_any *out, int args)
{
    int result = 1;
    go_frame(result);
    go_defer(after_nil, NULL);
    go_defer(recover_into, out);
    if (args)
        go_defer_args((void (*)(go_word, go_word))0, 1, 2);
    else
        go_defer((void (*)(void *))0, NULL);
    result = 2;
    return 3;
}

static __attribute__((noinline)) void panic_value(go_any v, go_any *out)
{
    go_frame_void();
    go_defer(recover_into, out);
    go_panic_value(v);
}

/* Panics with v and returns what a deferred call recovered. */
static go_any user_value(go_any v)
{
    go_any r = go_nil();
    panic_value(v, &r);
    return r;
}

int main(void)
{
    char buf[128];

    /* panic(nil) */
    go_any r = user_value(go_nil());
    CHECK(!go_is_nil(r), "recover() of panic(nil) returned nil");
    CHECK(go_is_runtime_error(r), "panic(nil) value is not a runtime error");
    /* Its dynamic type is Go's *runtime.PanicNilError: a runtime error, not errors.New's type. */
    CHECK(!go_any_is(r, &go_type_error) && !go_any_is(r, &go_type_string), "type assertion too loose");
    CHECK_STR(go_any_format(r, buf, sizeof buf), "panic called with nil argument");
    ok("panic(nil) recovers as a runtime error");

    /* deferred nil function, go_defer and go_defer_args */
    go_any nilderef = go_nil();
    for (int args = 0; args < 2; args++) {
        r = go_nil();
        ran_after_nil = 0;
        int ret = defer_nil(&r, args);
        CHECK(go_is_runtime_error(r), "nil deferred function (args=%d): not a runtime error", args);
        CHECK_STR(go_any_format(r, buf, sizeof buf),
                  "runtime error: invalid memory address or nil pointer dereference");
        CHECK(ran_after_nil == 1, "deferred call after the nil one ran %d times", ran_after_nil);
        CHECK(ret == 2, "recovered frame returned %d, want its result variable (2)", ret);
        nilderef = r;
    }
    CHECK(go_any_is(nilderef, &go_type_runtime_error), "nil dereference: not go_type_runtime_error");
    ok("deferred nil function panics with the nil-dereference runtime error");

    /* User values are not runtime errors, whatever they say. */
    go_any users[] = {
        go_any_str("runtime error: index out of range"),
        go_any_error("runtime error: invalid memory address or nil pointer dereference"),
        go_any_error("panic called with nil argument"),
        go_any_int(0),
        go_any_typed(&fake_rt, .s = "runtime error: fake"),
        go_any_bool(false),
    };
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
        CHECK(!go_is_runtime_error(users[i]), "user value %zu taken for a runtime error", i);
        go_any back = user_value(users[i]);
        CHECK(!go_is_runtime_error(back), "recovered user value %zu is a runtime error", i);
        CHECK(back.type == users[i].type && memcmp(&back.v, &users[i].v, sizeof back.v) == 0,
              "recovered user value %zu differs from the one panicked", i);
    }
    CHECK(!go_is_runtime_error(go_nil()), "nil is a runtime error");
    ok("user values are not runtime errors");

    /* go_any_is: each constructor's type, and only it. */
    const go_type *types[] = {&go_type_string, &go_type_int,   &go_type_uint,
                              &go_type_float64, &go_type_bool, &go_type_error,
                              &go_type_runtime_error, &my_int, &my_int_twin};
    go_any vals[] = {go_any_str("s"), go_any_int(1),     go_any_uint(1),
                     go_any_float(1), go_any_bool(true), go_any_error("e"),
                     nilderef,        go_any_typed(&my_int, .i = 1),
                     go_any_typed(&my_int_twin, .i = 1)};
    const size_t nt = sizeof types / sizeof types[0];
    for (size_t i = 0; i < nt; i++)
        for (size_t j = 0; j < nt; j++)
            CHECK(go_any_is(vals[i], types[j]) == (i == j), "go_any_is(value %zu, type %zu) = %d",
                  i, j, go_any_is(vals[i], types[j]));
    for (size_t j = 0; j < nt; j++)
        CHECK(!go_any_is(go_nil(), types[j]), "nil is of type %zu", j);
    CHECK(go_is_nil(go_nil()) && !go_is_nil(go_any_int(0)) && !go_is_nil(go_any_str(NULL)),
          "go_is_nil");
    ok("go_any_is compares dynamic types (same name, different type: different)");
    return 0;
}
