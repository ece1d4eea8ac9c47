/*
 * gdb_prog.c — a program for the gdb extension's test (tests/trace/run.sh, TRACE_GDB=1): a
 * second goroutine (thread) parked in a pipe read, and goroutine 1 stopped at stop_here(),
 * inside the deferred call `stopper` run by panic 2 ("second"), itself started by the deferred
 * call `repanicker` run by panic 1 ("first"), which panic 2 has aborted. outer's two deferred
 * calls are still pending.
 */
#include <gort.h>

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int ready[2], block[2];

__attribute__((noinline)) void stop_here(void);
__attribute__((noinline)) void stop_here(void) { __asm__ volatile("" ::: "memory"); }

static void *parked(void *arg)
{
    (void)arg;
    (void)go_goid(); /* becomes goroutine 2 */
    char c;
    if (write(ready[1], "r", 1) != 1 || read(block[0], &c, 1) < 0) /* waits forever */
        return NULL;
    return NULL;
}

static void stopper(void *p) { (void)p; stop_here(); }
static void repanicker(void *p) { go_panic_str((const char *)p); }
static void plain(void *p) { (void)p; }
static void recover_all(void *p)
{
    (void)p;
    go_any r = go_recover();
    printf("recovered %s\n", go_is_nil(r) ? "nil" : r.v.s);
}

static __attribute__((noinline)) void inner(void)
{
    go_frame_void();
    go_defer(stopper, NULL);
    go_defer(repanicker, "second");
    go_panic("first");
}

static __attribute__((noinline)) int outer(void)
{
    int r = 0;
    go_frame(r);
    go_defer(recover_all, NULL);
    go_defer(plain, (void *)0x1234);
    inner();
    return r;
}

int main(void)
{
    pthread_t t;
    char c;
    if (pipe(ready) != 0 || pipe(block) != 0 || pthread_create(&t, NULL, parked, NULL) != 0 ||
        read(ready[0], &c, 1) != 1)
        return 1;
    return outer();
}
