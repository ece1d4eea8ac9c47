/*
 * format.c — go_any_format prints every kind of value exactly as Go 1.23 prints a panic value
 * (runtime.printpanicval). Each expected text below was taken from real Go 1.23: a program
 * panicking with the same value, the text after "panic: ".
 */
#include "check.h"

#include <gort.h>
#include <math.h>
#include <stdint.h>

static const go_type my_int = {"main.MyInt", GO_KIND_INT, NULL};
static const go_type my_uint = {"main.MyUint", GO_KIND_UINT, NULL};
static const go_type my_string = {"main.MyString", GO_KIND_STRING, NULL};
static const go_type my_float = {"main.MyFloat", GO_KIND_FLOAT, NULL};
static const go_type my_bool = {"main.MyBool", GO_KIND_BOOL, NULL};
static const go_type my_err = {"main.MyErr", GO_KIND_ERROR, NULL};
static const go_type ptr_t = {"*main.T", GO_KIND_POINTER, NULL};

/* *main.E has an Error method: Go prints what it returns. */
static int e_format(void *v, char *buf, size_t size)
{
    return snprintf(buf, size, "custom error %d", *(int *)v);
}
static const go_type ptr_e = {"*main.E", GO_KIND_POINTER, e_format};

/* A Stringer whose text is longer than any buffer below. */
static int long_format(void *v, char *buf, size_t size)
{
    (void)v;
    return snprintf(buf, size, "%0300d", 7);
}
static const go_type ptr_long = {"*main.Long", GO_KIND_POINTER, long_format};

static struct {
    int a, b;
} t_value;
static int e_value = 17;

static void recover_into(void *out)
{
    *(go_any *)out = go_recover();
}

static __attribute__((noinline)) void panicf_into(go_any *out, int error)
{
    go_frame_void();
    go_defer(recover_into, out);
    if (error)
        go_panic_errorf("open %s: %d", "f", 2);
    go_panicf("x=%d y=%s", 5, "z");
}

/* The recovered value is formatted right away: go_panicf's text lives until the next panic. */
static go_any panicf_value(int error)
{
    go_any r = go_nil();
    panicf_into(&r, error);
    return r;
}

static void check_format(go_any v, const char *want, const char *what)
{
    char buf[512];
    memset(buf, 'X', sizeof buf);
    const char *got = go_any_format(v, buf, sizeof buf);
    CHECK(got == buf, "%s: go_any_format did not return its buffer", what);
    CHECK(strcmp(got, want) == 0, "%s: got \"%s\", want \"%s\"", what, got, want);
}

int main(void)
{
    /* Strings: as themselves; a newline stays a bare newline (the crash report adds the tab). */
    check_format(go_any_str("hello"), "hello", "string");
    check_format(go_any_str(""), "", "empty string");
    check_format(go_any_str("a\nb"), "a\nb", "string with newline");
    ok("string");

    /* Integers: Go's print of int64 and uint64. */
    check_format(go_any_int(0), "0", "int 0");
    check_format(go_any_int(-42), "-42", "int -42");
    check_format(go_any_int(INT64_MIN), "-9223372036854775808", "int64 min");
    check_format(go_any_int(INT64_MAX), "9223372036854775807", "int64 max");
    check_format(go_any_uint(0), "0", "uint 0");
    check_format(go_any_uint(UINT64_MAX), "18446744073709551615", "uint64 max");
    ok("integers");

    /* Floats: Go's printfloat, 7 significant digits, sign always, 3-digit exponent. */
    check_format(go_any_float(1.5), "+1.500000e+000", "1.5");
    check_format(go_any_float(-1.5), "-1.500000e+000", "-1.5");
    check_format(go_any_float(0.0), "+0.000000e+000", "+0");
    check_format(go_any_float(-0.0), "-0.000000e+000", "-0");
    check_format(go_any_float(NAN), "NaN", "NaN");
    check_format(go_any_float(-NAN), "NaN", "-NaN");
    check_format(go_any_float(INFINITY), "+Inf", "+Inf");
    check_format(go_any_float(-INFINITY), "-Inf", "-Inf");
    check_format(go_any_float(0.1), "+1.000000e-001", "0.1");
    check_format(go_any_float(100.0), "+1.000000e+002", "100");
    check_format(go_any_float(123456789.0), "+1.234568e+008", "123456789");
    check_format(go_any_float(-123.456), "-1.234560e+002", "-123.456");
    check_format(go_any_float(1e-300), "+1.000000e-300", "1e-300");
    check_format(go_any_float(1e300), "+1.000000e+300", "1e300");
    check_format(go_any_float(1.7976931348623157e308), "+1.797693e+308", "max float64");
    check_format(go_any_float(2.2250738585072014e-308), "+2.225074e-308", "min normal");
    check_format(go_any_float(5e-324), "+4.940656e-324", "min subnormal");
    /* Go's own rounding, which differs from C's correctly rounded %e on these two: */
    check_format(go_any_float(9.9999995), "+1.000000e+001", "9.9999995 (C: +9.999999e+00)");
    check_format(go_any_float(1234567.5), "+1.234567e+006", "1234567.5 (C: +1.234568e+06)");
    ok("floats as Go's print");

    check_format(go_any_bool(true), "true", "true");
    check_format(go_any_bool(false), "false", "false");
    ok("bool");

    /* Errors print their message (Go prints Error()). */
    check_format(go_any_error("boom"), "boom", "errors.New");
    check_format(go_any_typed(&my_err, .s = "my error text"), "my error text", "named error");
    check_format(go_any_ptr(&e_value, &ptr_e), "custom error 17", "pointer type with Error");
    ok("error");

    /* Named basic types: type name, then the value in parentheses (strings quoted). */
    check_format(go_any_typed(&my_int, .i = 42), "main.MyInt(42)", "main.MyInt(42)");
    check_format(go_any_typed(&my_int, .i = -5), "main.MyInt(-5)", "main.MyInt(-5)");
    check_format(go_any_typed(&my_uint, .u = 7), "main.MyUint(7)", "main.MyUint(7)");
    check_format(go_any_typed(&my_string, .s = "hi"), "main.MyString(\"hi\")", "main.MyString");
    check_format(go_any_typed(&my_float, .f = 2.25), "main.MyFloat(+2.250000e+000)",
                 "main.MyFloat");
    check_format(go_any_typed(&my_bool, .b = true), "main.MyBool(true)", "main.MyBool");
    ok("named basic types (go_any_typed)");

    /* Pointer types without a format: "(T) 0xADDR", lower-case hex, nil as 0x0. */
    char want[128];
    snprintf(want, sizeof want, "(*main.T) 0x%lx", (unsigned long)(uintptr_t)&t_value);
    check_format(go_any_ptr(&t_value, &ptr_t), want, "(*main.T) 0x...");
    check_format(go_any_ptr(NULL, &ptr_t), "(*main.T) 0x0", "nil *main.T");
    ok("pointer types with and without format");

    /* Go's printpanicval(nil) prints "nil" (GODEBUG=panicnil=1 shows it as "panic: nil"). */
    check_format(go_nil(), "nil", "nil");
    ok("nil");

    /* Small buffers: always NUL-terminated, a prefix of the full text, nothing written past
     * size; size 0 writes nothing. */
    {
        char buf[16];
        memset(buf, 'X', sizeof buf);
        CHECK(go_any_format(go_any_str("hello world"), buf, 6) == buf, "returns buf");
        CHECK_STR(buf, "hello");
        CHECK(buf[6] == 'X', "wrote past size");
        memset(buf, 'X', sizeof buf);
        go_any_format(go_any_typed(&my_int, .i = 42), buf, 8);
        CHECK_STR(buf, "main.My");
        CHECK(buf[8] == 'X', "wrote past size");
        memset(buf, 'X', sizeof buf);
        go_any_format(go_any_float(1.5), buf, 5);
        CHECK_STR(buf, "+1.5");
        memset(buf, 'X', sizeof buf);
        go_any_format(go_any_int(INT64_MIN), buf, 1);
        CHECK(buf[0] == 0 && buf[1] == 'X', "size 1: just the NUL");
        memset(buf, 'X', sizeof buf);
        CHECK(go_any_format(go_any_str("abc"), buf, 0) == buf, "size 0 returns buf");
        CHECK(buf[0] == 'X', "size 0 wrote");
        memset(buf, 'X', sizeof buf);
        go_any_format(go_any_ptr(NULL, &ptr_long), buf, sizeof buf);
        CHECK(strlen(buf) == sizeof buf - 1 && strspn(buf, "0") == sizeof buf - 1,
              "long format text truncated: \"%s\"", buf);
        char big[400];
        go_any_format(go_any_ptr(NULL, &ptr_long), big, sizeof big);
        CHECK(strlen(big) == 300, "long format text: %zu characters, want 300", strlen(big));
    }
    ok("truncation to the buffer");

    /* go_panicf / go_panic_errorf: a string and an error holding the formatted text. */
    {
        go_any r = panicf_value(0);
        CHECK(go_any_is(r, &go_type_string), "go_panicf: not a string");
        check_format(r, "x=5 y=z", "go_panicf");
        r = panicf_value(1);
        CHECK(go_any_is(r, &go_type_error), "go_panic_errorf: not an error");
        check_format(r, "open f: 2", "go_panic_errorf");
    }
    ok("formatted strings");
    return 0;
}
