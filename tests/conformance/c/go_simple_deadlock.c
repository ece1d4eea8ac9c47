/* conformance: main locks a mutex twice: every goroutine is blocked with no timer pending, "fatal error: all goroutines are asleep - deadlock!" and goroutine 1 [sync.Mutex.Lock]
 * rules: E4 C2 C5
 * frames: compare
 * from: src/runtime/crash_test.go TestSimpleDeadlock (testprog SimpleDeadlock, with a Mutex for select{})
 */
#include <gort.h>
#include <stdio.h>

static go_mutex mu;

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    go_mutex_lock(&mu);
    printf("locked once\n");
    go_mutex_lock(&mu);
    printf("not reached\n");
}
