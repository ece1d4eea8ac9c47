/* conformance: unbounded recursion on a thread created with a 1 MiB stack is the fatal error "stack overflow", reported from the alternate signal stack with Go's lines ("runtime: goroutine stack exceeds 1048576-byte limit", "runtime: sp=... stack=[..., ...]"); no deferred call runs; exit 2
 * rules: E4 C5
 * frames: compare
 * from: src/runtime/stack.go newstack; src/runtime/crash_test.go TestStackOverflow
 * env: TSAN_OPTIONS=halt_on_error=1:report_thread_leaks=0:report_signal_unsafe=0
 */
#include <gort.h>
#include <pthread.h>
#include <stdio.h>

static volatile int stop = 0;

static __attribute__((noinline)) int recurse(int n)
{
    volatile char buf[64];
    if (stop)
        return 0;
    buf[n % 64] = (char)n;
    return recurse(n + 1) + buf[3];
}

static void say(void *s) { printf("%s\n", (const char *)s); }

static void *goroutine(void *unused)
{
    void *result = NULL;
    go_frame(result);
    (void)unused;
    go_defer(say, "the goroutine's deferred call must not run");
    printf("%d\n", recurse(0));
    return result;
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0); /* Go writes stdout unbuffered */
    go_defer(say, "main's deferred call must not run");
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 1 << 20);
    pthread_t t;
    pthread_create(&t, &attr, goroutine, NULL);
    pthread_join(t, NULL);
    return rc;
}
