/* conformance: floats print as Go's print does (+1.500000e+000, -0.000000e+000, NaN, +Inf, -Inf, rounding that carries, 3-digit exponents, denormals, float32 values, a named float32 type); a chain of panics shows each one
 * rules: P5 P2 C1 C5
 * from: src/runtime/panic_test.go TestPanicWithDirectlyPrintableCustomTypes (panicCustomFloat32), runtime/print.go printfloat
 * frames: compare
 */
#include <gort.h>
#include <math.h>
#include <stdio.h>

static const go_type my_float32 = {"main.MyFloat32", GO_KIND_FLOAT, NULL};

static void p_myfloat32(void *u) { (void)u; go_panic_value(go_any_typed(&my_float32, .f = (double)-93.7f)); }
static void p_float32(void *u) { (void)u; go_panic(0.1f); }
static void p_denormal(void *u) { (void)u; go_panic(5e-324); }
static void p_big(void *u) { (void)u; go_panic(1e300); }
static void p_rounded(void *u) { (void)u; go_panic(123456789.0); }
static void p_neg_inf(void *u) { (void)u; go_panic(-INFINITY); }
static void p_inf(void *u) { (void)u; go_panic(INFINITY); }
static void p_nan(void *u) { (void)u; go_panic((double)NAN); }
static void p_neg_zero(void *u) { (void)u; go_panic(copysign(0.0, -1.0)); }
static void p_zero(void *u) { (void)u; go_panic(0.0); }
static void p_neg(void *u) { (void)u; go_panic(-93.7); }
static void p_carry(void *u) { (void)u; go_panic(0.9999999999); }

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(p_myfloat32, NULL);
    go_defer(p_float32, NULL);
    go_defer(p_denormal, NULL);
    go_defer(p_big, NULL);
    go_defer(p_rounded, NULL);
    go_defer(p_neg_inf, NULL);
    go_defer(p_inf, NULL);
    go_defer(p_nan, NULL);
    go_defer(p_neg_zero, NULL);
    go_defer(p_zero, NULL);
    go_defer(p_neg, NULL);
    go_defer(p_carry, NULL);
    printf("panicking with 1.5\n");
    go_panic(1.5);
}
