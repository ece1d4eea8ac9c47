/* compile-fail: go_frame twice in one function */
#include <gort.h>
int g(void) { int r = 0; go_frame(r); go_frame(r); return r; }
