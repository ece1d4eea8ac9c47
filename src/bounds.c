/*
 * bounds.c — the out-of-line half of gort.h's checked indexing (go_index, go_slice,
 * go_slice_len, go_slice3): the panic with Go's boundsError text.
 *
 * The checks themselves are inline in the caller (one unsigned comparison each, as Go's
 * compiler emits them: a negative index compares as a huge unsigned one). Only a failing check
 * calls here, and the call is cold, so the fast path carries no formatting code.
 *
 * Texts are runtime/error.go's boundsError: "index out of range [5] with length 3",
 * "slice bounds out of range [:7] with capacity 5", "slice bounds out of range [3:2]", ...;
 * a negative x (from a signed operand) prints the short form without y ("index out of range
 * [-1]"), and an unsigned x prints as unsigned, as Go prints a uint index. The value's type is
 * runtime.boundsError: go_is_runtime_error() is true for it. The text is heap-allocated and
 * owned by the goroutine, with go_panicf's lifetime (gort.h).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const fmts[] = {
    [GORT__BOUNDS_INDEX] = "index out of range [%x] with length %y",
    [GORT__BOUNDS_SLICE_ALEN] = "slice bounds out of range [:%x] with length %y",
    [GORT__BOUNDS_SLICE_ACAP] = "slice bounds out of range [:%x] with capacity %y",
    [GORT__BOUNDS_SLICE_B] = "slice bounds out of range [%x:%y]",
    [GORT__BOUNDS_SLICE3_ACAP] = "slice bounds out of range [::%x] with capacity %y",
    [GORT__BOUNDS_SLICE3_B] = "slice bounds out of range [:%x:%y]",
    [GORT__BOUNDS_SLICE3_C] = "slice bounds out of range [%x:%y:]",
};

/* With a negative x there is no need to report y (Go's boundsNegErrorFmts). */
static const char *const neg_fmts[] = {
    [GORT__BOUNDS_INDEX] = "index out of range [%x]",
    [GORT__BOUNDS_SLICE_ALEN] = "slice bounds out of range [:%x]",
    [GORT__BOUNDS_SLICE_ACAP] = "slice bounds out of range [:%x]",
    [GORT__BOUNDS_SLICE_B] = "slice bounds out of range [%x:]",
    [GORT__BOUNDS_SLICE3_ACAP] = "slice bounds out of range [::%x]",
    [GORT__BOUNDS_SLICE3_B] = "slice bounds out of range [:%x:]",
    [GORT__BOUNDS_SLICE3_C] = "slice bounds out of range [%x::]",
};

void gort__panic_bounds(int code, int64_t x, bool x_signed, int64_t y)
{
    if (code < 0 || code >= (int)(sizeof fmts / sizeof fmts[0]) || fmts[code] == NULL)
        gort__throw("gort: bad bounds check code");
    const char *f = x_signed && x < 0 ? neg_fmts[code] : fmts[code];
    char buf[128];
    gort__w w = {buf, sizeof buf - 1, 0, -1};
    gort__wputs(&w, "runtime error: ");
    for (; *f; f++) {
        if (*f != '%') {
            gort__wputc(&w, *f);
            continue;
        }
        f++;
        if (*f == 'x' && !x_signed)
            gort__wuint(&w, (uint64_t)x);
        else
            gort__wint(&w, *f == 'x' ? x : y);
    }
    buf[w.len] = 0;
    G *g = gort__getg();
    char *text = strdup(buf);
    if (text == NULL)
        gort__throw("out of memory: cannot format a run-time error");
    if (g->panic == NULL)
        gort__release_owned(g);
    go_panic_value((go_any){&gort__type_bounds_error, {.s = gort__own_text(g, text)}});
}
