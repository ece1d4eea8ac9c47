/* compile-fail: go_frame's result must be a variable (it is what a recovered function returns) */
#include <gort.h>
int g(void) { go_frame(0); return 0; }
