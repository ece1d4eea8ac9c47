/* conformance: main calls go_goexit while a goroutine sleeps; main's deferred call runs at once, and when the sleeper ends the program dies with the Goexit deadlock fatal error
 * rules: G5 G1 C5
 * frames: compare
 * from: src/runtime/crash_test.go TestGoexitCrash (testprog GoexitExit)
 */
#include <gort.h>
#include <stdio.h>

static void say(void *s) { printf("%s\n", (const char *)s); }

static void sleeper(void *unused)
{
    (void)unused;
    go_sleep(20 * 1000 * 1000);
    printf("sleeper done\n");
}

int main(void)
{
    int rc = 0;
    go_frame(rc);
    setvbuf(stdout, NULL, _IONBF, 0);
    go_defer(say, "main's deferred call runs");
    printf("t1\n");
    go_go(sleeper, NULL);
    printf("t2\n");
    go_goexit();
    return rc;
}
