/* Calls into lib.c (a shared library), which calls back and panics: the crash trace crosses the
 * library twice. run.sh checks the frames: shlib_panics (lib.c), callback (main.c), shlib_calls
 * (lib.c), main (main.c). */
#include <gort.h>

void shlib_panics(int n);
void shlib_calls(void (*fn)(void));

static __attribute__((noinline)) void callback(void)
{
    shlib_panics(7);
    __asm__ volatile("" ::: "memory");
}

int main(void)
{
    shlib_calls(callback);
    return 0;
}
