/* conformance: an error value (go_panic_error, Go's errors.New) is recovered as an error with its text; unrecovered it prints its message with newlines indented ("panic: boom\n\tsecond line")
 * rules: P5 R3 C5
 * from: src/runtime/panic.go preprintpanics (SEMANTICS.md P5)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void check(void *u)
{
    (void)u;
    go_any r = go_recover();
    char buf[64];
    printf("recovered error: %s %s\n", go_any_is(r, &go_type_error) ? "true" : "false",
           go_is_nil(r) ? "<nil>" : go_any_format(r, buf, sizeof buf));
}

static void recovered(void)
{
    go_frame_void();
    go_defer(check, NULL);
    go_panic_error("recovered error value");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    recovered();
    go_panic_error("boom\nsecond line");
}
