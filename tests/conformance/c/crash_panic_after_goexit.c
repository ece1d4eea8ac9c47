/* conformance: a deferred call run by go_goexit on the main thread panics; unrecovered, it crashes normally with "panic: hello" (the Goexit is not printed), exit status 2
 * rules: G3 C1 C5
 * from: src/runtime/crash_test.go TestPanicAfterGoexit (testprog PanicAfterGoexit)
 * frames: compare
 */
#include <gort.h>
#include <stdio.h>

static void deferred(void *unused)
{
    (void)unused;
    printf("deferred call panics\n");
    go_panic("hello");
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(deferred, NULL);
    printf("main calls Goexit\n");
    go_goexit();
}
