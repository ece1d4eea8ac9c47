/* conformance: RWMutex misuse: Unlock of a read-locked (not write-locked) RWMutex is the fatal error "sync: Unlock of unlocked RWMutex", from a goroutine
 * rules: E4 C5
 * from: src/sync/rwmutex_test.go TestRWMutexMisuse (RWMutex.Unlock)
 */
#include <gort.h>
#include <stdio.h>

static go_rwmutex rw;

static void misuse(void *unused)
{
    (void)unused;
    go_rwmutex_rlock(&rw);
    go_rwmutex_runlock(&rw);
    printf("goroutine unlocks a write lock it does not hold\n");
    go_rwmutex_unlock(&rw);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    go_rwmutex_lock(&rw);
    go_rwmutex_unlock(&rw);
    go_go(misuse, NULL);
    go_sleep(10LL * 1000 * 1000 * 1000);
    printf("not reached\n");
}
