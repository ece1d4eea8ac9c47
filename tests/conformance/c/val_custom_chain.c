/* conformance: named basic types of each size print as main.T(v) (ints, uints, uintptr, strings printed quoted but unescaped, empty string, bool), one per panic of a chain
 * rules: P5 P2 C1 C5
 * from: src/runtime/panic_test.go TestPanicWithDirectlyPrintableCustomTypes (panicCustomInt8 ... panicCustomUintptr)
 * frames: compare
 */
#include <gort.h>
#include <stdint.h>
#include <stdio.h>

static const go_type my_int8 = {"main.MyInt8", GO_KIND_INT, NULL};
static const go_type my_int16 = {"main.MyInt16", GO_KIND_INT, NULL};
static const go_type my_int32 = {"main.MyInt32", GO_KIND_INT, NULL};
static const go_type my_int64 = {"main.MyInt64", GO_KIND_INT, NULL};
static const go_type my_uint = {"main.MyUint", GO_KIND_UINT, NULL};
static const go_type my_uint8 = {"main.MyUint8", GO_KIND_UINT, NULL};
static const go_type my_uint16 = {"main.MyUint16", GO_KIND_UINT, NULL};
static const go_type my_uint32 = {"main.MyUint32", GO_KIND_UINT, NULL};
static const go_type my_uintptr = {"main.MyUintptr", GO_KIND_UINT, NULL};
static const go_type my_string = {"main.MyString", GO_KIND_STRING, NULL};
static const go_type my_bool = {"main.MyBool", GO_KIND_BOOL, NULL};

static void p_bool(void *u) { (void)u; go_panic_value(go_any_typed(&my_bool, .b = false)); }
static void p_empty(void *u) { (void)u; go_panic_value(go_any_typed(&my_string, .s = "")); }
static void p_string(void *u) { (void)u; go_panic_value(go_any_typed(&my_string, .s = "tab\tand \"quotes\"")); }
static void p_uintptr(void *u) { (void)u; go_panic_value(go_any_typed(&my_uintptr, .u = 93)); }
static void p_uint32(void *u) { (void)u; go_panic_value(go_any_typed(&my_uint32, .u = UINT32_MAX)); }
static void p_uint16(void *u) { (void)u; go_panic_value(go_any_typed(&my_uint16, .u = 93)); }
static void p_uint8(void *u) { (void)u; go_panic_value(go_any_typed(&my_uint8, .u = 255)); }
static void p_uint(void *u) { (void)u; go_panic_value(go_any_typed(&my_uint, .u = 93)); }
static void p_int64(void *u) { (void)u; go_panic_value(go_any_typed(&my_int64, .i = INT64_MIN)); }
static void p_int32(void *u) { (void)u; go_panic_value(go_any_typed(&my_int32, .i = -93)); }
static void p_int16(void *u) { (void)u; go_panic_value(go_any_typed(&my_int16, .i = 93)); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(p_bool, NULL);
    go_defer(p_empty, NULL);
    go_defer(p_string, NULL);
    go_defer(p_uintptr, NULL);
    go_defer(p_uint32, NULL);
    go_defer(p_uint16, NULL);
    go_defer(p_uint8, NULL);
    go_defer(p_uint, NULL);
    go_defer(p_int64, NULL);
    go_defer(p_int32, NULL);
    go_defer(p_int16, NULL);
    printf("panicking with MyInt8(93)\n");
    go_panic_value(go_any_typed(&my_int8, .i = 93));
}
