/* conformance: user pointer types with a format function print through it (Go's String() / Error() methods); newlines in the text are indented like a string's
 * rules: P5 C1 C5
 * from: src/runtime/panic.go preprintpanics (SEMANTICS.md P5)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

struct s { int n; };
struct e { const char *msg; };

static int format_s(void *v, char *buf, size_t size) { return snprintf(buf, size, "S(%d)", ((struct s *)v)->n); }
static int format_e(void *v, char *buf, size_t size) { return snprintf(buf, size, "E: %s", ((struct e *)v)->msg); }

static const go_type s_type = {"*main.S", GO_KIND_POINTER, format_s};
static const go_type e_type = {"*main.E", GO_KIND_POINTER, format_e};

static struct s s_val = {42};
static struct e e_val = {"bad\nvalue"};

static void second(void *u)
{
    (void)u;
    go_panic_ptr(&e_val, &e_type);
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    go_defer(second, NULL);
    go_panic_ptr(&s_val, &s_type);
}
