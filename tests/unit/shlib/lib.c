/* A shared library whose function panics: the trace must name it with its own source file. */
#include <gort.h>

__attribute__((noinline)) void shlib_panics(int n)
{
    if (n > 0)
        go_panicf("from the library: %d", n);
}

__attribute__((noinline)) void shlib_calls(void (*fn)(void))
{
    fn();
    __asm__ volatile("" ::: "memory");
}
