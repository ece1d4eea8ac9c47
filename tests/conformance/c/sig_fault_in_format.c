/* conformance: a NULL dereference inside a panic value's format function (Go's Error method) while the crash report prints it is caught as a run-time error panic: "fatal error: panic while printing panic value: type runtime.errorString" and the [signal ...] line, exit 2
 * rules: P6 E1 C5
 * from: src/runtime/panic.go preprintpanics; SEMANTICS.md P6
 */
#include <gort.h>
#include <stdio.h>

#define FAULTS __attribute__((noinline, no_sanitize("undefined"))) /* see sig_nil_recovered.c */

typedef struct T { int *p; } T;

static FAULTS int t_error(void *value, char *buf, size_t size)
{
    T *t = value;
    return snprintf(buf, size, "%c", (char)*(int *volatile)t->p);
}

static const go_type t_type = {"main.T", GO_KIND_POINTER, t_error};

int main(void)
{
    static T t = {NULL};
    go_panic_ptr(&t, &t_type);
}
