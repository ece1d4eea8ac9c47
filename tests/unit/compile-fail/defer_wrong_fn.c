/* compile-fail: go_defer's function must take one void * (an error with -Werror; GCC 14 and Clang 16 make it an error by default) */
#include <gort.h>
static void f(int a, int b) { (void)a; (void)b; }
void g(void) { go_frame_void(); go_defer(f, 0); }
