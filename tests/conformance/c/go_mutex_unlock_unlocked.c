/* conformance: unlocking an unlocked mutex is the fatal error "sync: unlock of unlocked mutex": no deferred call runs, no recover can stop it, exit 2
 * rules: E4 C5
 * frames: compare
 * from: src/sync/mutex_test.go TestMutexMisuse (Mutex.Unlock, Mutex.Unlock2)
 */
#include <gort.h>
#include <stdio.h>

static go_mutex mu;

static void try_recover(void *unused)
{
    (void)unused;
    (void)go_recover();
    printf("deferred call must not run\n");
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0);
    go_defer(try_recover, NULL);
    go_mutex_lock(&mu);
    go_mutex_unlock(&mu);
    printf("unlocking again\n");
    go_mutex_unlock(&mu);
    printf("not reached\n");
    return rc;
}
