/* conformance: a format function that panics and recovers its own panic (setting its result through its deferred call) while the report prints it: the report shows what it wrote, "panic: recovered inside Error: inner", not a fatal error
 * rules: P5 P6 R3 R5 D4
 * from: src/runtime/panic.go preprintpanics (SEMANTICS.md P5, P6)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

struct out { char *buf; size_t size; int n; };

static void fix_result(struct out *o)
{
    go_any r = go_recover();
    if (!go_is_nil(r)) {
        char tmp[64];
        o->n = snprintf(o->buf, o->size, "recovered inside Error: %s", go_any_format(r, tmp, sizeof tmp));
    }
}

static __attribute__((noinline)) void fail(void) { go_panic("inner"); }

static int format_t(void *v, char *buf, size_t size)
{
    (void)v;
    struct out o = {buf, size, -1};
    go_frame(o.n);
    go_defer_args(fix_result, &o);
    fail();
    return o.n;
}

static const go_type t_type = {"main.T", GO_KIND_POINTER, format_t};
static char value;

int main(void) { go_panic_ptr(&value, &t_type); }
