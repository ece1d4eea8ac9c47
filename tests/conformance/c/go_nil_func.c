/* conformance: starting a goroutine with a nil function is the fatal error "go of nil func value", exit 2
 * rules: E4 C5
 * frames: compare
 * from: src/runtime/crash_test.go TestGoNil (testprog GoNil)
 */
#include <gort.h>
#include <stdio.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    void (*f)(void *) = NULL;
    printf("go of nil\n");
    go_go(f, NULL);
    go_sleep(10LL * 1000 * 1000 * 1000);
    printf("not reached\n");
}
