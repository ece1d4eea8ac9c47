/* compile-fail: go_defer_args with an argument wider than a word */
#include <gort.h>
struct big { long a, b; };
static void f(struct big b) { (void)b; }
void g(void) { struct big b = {1, 2}; go_frame_void(); go_defer_args(f, b); }
