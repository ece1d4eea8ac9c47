/* compile-fail: a go_defer in a function that did not declare a frame */
#include <gort.h>
static void f(void *p) { (void)p; }
void g(void) { go_defer(f, 0); }
