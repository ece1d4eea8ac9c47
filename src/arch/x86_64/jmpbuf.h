/*
 * jmpbuf.h (x86-64, glibc) — the stack pointer a C library jmp_buf will restore.
 *
 * glibc keeps rsp in __jmpbuf[6] (sysdeps/x86_64/jmpbuf-offsets.h: JB_RSP), mangled with
 * PTR_MANGLE: xor with the thread's pointer guard (tcbhead_t.pointer_guard, %fs:0x30), then
 * rotate left by 17. Unwinders that step through setjmp buffers (libunwind) read it the same
 * way. src/longjmp.c checks the result against a setjmp of its own before trusting it, so a C
 * library that keeps the buffer differently turns the check off rather than misjudging; it
 * jumps by itself only where the C library's jump cannot be found, and only after that check.
 */
#ifndef GORT_ARCH_JMPBUF_H
#define GORT_ARCH_JMPBUF_H

#include <setjmp.h>
#include <stdint.h>

/* Word i of the buffer as saved; rbp (1), rsp (6) and the resume address (7) come back
 * unmangled, the callee-saved registers rbx, r12-r15 are kept plain. */
static inline uintptr_t gort__jmpbuf_word(const struct __jmp_buf_tag *env, int i)
{
    uintptr_t v = (uintptr_t)env->__jmpbuf[i], guard;
    if (i != 1 && i != 6 && i != 7)
        return v;
    __asm__("movq %%fs:0x30, %0" : "=r"(guard));
    v = (v >> 17) | (v << (64 - 17));
    return v ^ guard;
}

static inline uintptr_t gort__jmpbuf_sp(const struct __jmp_buf_tag *env)
{
    return gort__jmpbuf_word(env, 6);
}

/* The jump itself, for a program where the C library's cannot be looked up (a static
 * executable: dlsym(RTLD_NEXT) finds nothing there). Restores rbx, r12-r15, rbp, rsp and the
 * resume address, and returns val (1 for 0) from the setjmp. The signal mask, if the buffer
 * saved one, is the caller's (src/longjmp.c). */
static inline __attribute__((always_inline, noreturn)) void
gort__jmpbuf_jump(const struct __jmp_buf_tag *env, int val)
{
    register uintptr_t bp __asm__("r8") = gort__jmpbuf_word(env, 1);
    register uintptr_t sp __asm__("r9") = gort__jmpbuf_word(env, 6);
    register uintptr_t pc __asm__("rcx") = gort__jmpbuf_word(env, 7);
    __asm__ volatile("movq 0(%[env]), %%rbx\n\t"
                     "movq 16(%[env]), %%r12\n\t"
                     "movq 24(%[env]), %%r13\n\t"
                     "movq 32(%[env]), %%r14\n\t"
                     "movq 40(%[env]), %%r15\n\t"
                     "movq %[bp], %%rbp\n\t"
                     "movq %[sp], %%rsp\n\t"
                     "jmpq *%[pc]"
                     :
                     : [env] "D"(env), "a"(val ? val : 1), [bp] "r"(bp), [sp] "r"(sp),
                       [pc] "r"(pc)
                     : "memory");
    __builtin_unreachable();
}

#endif
