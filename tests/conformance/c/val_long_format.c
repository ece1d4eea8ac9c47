/* conformance: a format function whose text is longer than any fixed buffer (3004 bytes; it returns the length it wanted, per the snprintf contract) prints in full
 * rules: P5 C5
 * from: src/runtime/panic.go preprintpanics (SEMANTICS.md P5)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>
#include <string.h>

static int format_l(void *v, char *buf, size_t size)
{
    (void)v;
    static char text[3005];
    memset(text, 'x', 3000);
    memcpy(text + 3000, "|end", 5);
    return snprintf(buf, size, "%s", text);
}

static const go_type l_type = {"main.L", GO_KIND_POINTER, format_l};
static char value;

int main(void) { go_panic_ptr(&value, &l_type); }
