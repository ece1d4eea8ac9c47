/* conformance: main starts two short goroutines and calls go_goexit; once they have ended the program dies with "no goroutines (main called runtime.Goexit) - deadlock!", exit 2
 * rules: G5 C5
 * frames: compare
 * from: src/runtime/crash_test.go TestGoexitDeadlock (testprog GoexitDeadlock)
 */
#include <gort.h>
#include <stdio.h>

static void f(void *unused)
{
    (void)unused;
    for (volatile int i = 0; i < 10; i++) {
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_go(f, NULL);
    go_go(f, NULL);
    printf("main calls Goexit\n");
    go_goexit();
    printf("not reached\n");
}
