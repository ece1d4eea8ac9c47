/*
 * fatal_oom.c — running out of memory for deferred calls is a fatal error (E4), never a crash by
 * a signal: with the address space limited (RLIMIT_AS) a function defers in a loop until the
 * defer stack cannot grow; the process must exit with status 2 and a "fatal error: " line that
 * mentions running out of memory. Once with go_defer, once with go_defer_args and four words,
 * once on a thread other than main. Each case runs in a forked child.
 *
 * Skipped under ASan/TSan: they reserve terabytes of shadow memory, so an address-space limit
 * would kill them first.
 */
#include "check.h"

#include <gort.h>
#include <pthread.h>
#include <sys/resource.h>

#ifndef UNIT_SANITIZER

static void nop(void *p) { (void)p; }
static void nop4(go_word a, go_word b, go_word c, go_word d) { (void)a, (void)b, (void)c, (void)d; }

static long vm_bytes(void)
{
    long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    return pages * sysconf(_SC_PAGESIZE);
}

static void limit_address_space(void)
{
    rlim_t lim = (rlim_t)vm_bytes() + (64 << 20);
    struct rlimit rl = {lim, lim};
    CHECK(setrlimit(RLIMIT_AS, &rl) == 0, "setrlimit: %s", strerror(errno));
}

static __attribute__((noinline)) int defer_forever(int four)
{
    int result = 0;
    go_frame(result);
    for (long i = 0; i < 1000000000L; i++) {
        if (four)
            go_defer_args(nop4, i, i, i, i);
        else
            go_defer(nop, NULL);
    }
    return result;
}

static void child(void *arg)
{
    limit_address_space();
    printf("returned %d\n", defer_forever(*(int *)arg));
}

static void *thread_main(void *arg)
{
    printf("returned %d\n", defer_forever(*(int *)arg));
    return NULL;
}

static void child_thread(void *arg)
{
    pthread_t t;
    CHECK(pthread_create(&t, NULL, thread_main, arg) == 0, "pthread_create");
    limit_address_space();
    pthread_join(t, NULL);
}

int main(void)
{
    static const char *const names[] = {"out of memory for go_defer records",
                                        "out of memory for go_defer_args records",
                                        "out of memory for deferred calls on another thread"};
    for (int c = 0; c < 3; c++) {
        struct death d;
        int four = c == 1;
        run_death(c == 2 ? child_thread : child, &four, &d);
        check_fatal(names[c], &d, "out of memory", (const char *)NULL);
        CHECK(strstr(d.out, "returned") == NULL, "%s: the function returned", names[c]);
        ok(names[c]);
    }
    return 0;
}

#else

int main(void)
{
    printf("ok - out of memory for deferred calls # SKIP under a sanitizer\n");
    return 0;
}

#endif
