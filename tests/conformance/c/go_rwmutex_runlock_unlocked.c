/* conformance: RUnlock of an RWMutex with no reader is the fatal error "sync: RUnlock of unlocked RWMutex"; readers and writers before it work (two readers share, the writer waits for them)
 * rules: E4 C5
 * frames: compare
 * from: src/sync/rwmutex_test.go TestRWMutexMisuse (RWMutex.RUnlock)
 */
#include <gort.h>
#include <stdio.h>

static go_rwmutex rw;
static go_waitgroup wg;
static int value;

static void reader(void *unused)
{
    (void)unused;
    go_rwmutex_rlock(&rw);
    go_yield();
    (void)value;
    go_rwmutex_runlock(&rw);
    go_wg_done(&wg);
}

static void writer(void *unused)
{
    (void)unused;
    go_rwmutex_lock(&rw);
    value++;
    go_rwmutex_unlock(&rw);
    go_wg_done(&wg);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int i = 0; i < 10; i++) {
        go_wg_add(&wg, 2);
        go_go(reader, NULL);
        go_go(writer, NULL);
    }
    go_wg_wait(&wg);
    printf("value %d\n", value);
    go_rwmutex_runlock(&rw);
    printf("not reached\n");
}
