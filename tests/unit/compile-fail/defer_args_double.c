/* compile-fail: go_defer_args with a floating-point argument (it would be converted, not passed) */
#include <gort.h>
static void f(double d) { (void)d; }
void g(void) { go_frame_void(); go_defer_args(f, 1.5); }
