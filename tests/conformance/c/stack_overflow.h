/*
 * stack_overflow.h — the unbounded recursion of the stack-overflow scenarios
 * (sig_stack_overflow, sig_stack_overflow_goroutine, sig_stack_overflow_main): recurse, which
 * their Go twins' recurse mirrors frame for frame in the crash report's trace (same name, one
 * frame per call, a 64-byte local array so each frame has a size of its own).
 *
 * stop is never set; read through volatile, it keeps the compiler from proving the recursion
 * endless (and replacing it with a trap) or turning it into a loop. noinline and the use of the
 * callee's result after the call keep one physical frame per call.
 *
 * Not a scenario itself (run.py builds c/NAME.c for each scenario; this file is included).
 */
#ifndef CONFORMANCE_STACK_OVERFLOW_H
#define CONFORMANCE_STACK_OVERFLOW_H

static volatile int stop = 0;

static __attribute__((noinline)) int recurse(int n)
{
    volatile char buf[64];
    if (stop)
        return 0;
    buf[n % 64] = (char)n;
    return recurse(n + 1) + buf[3];
}

#endif /* CONFORMANCE_STACK_OVERFLOW_H */
