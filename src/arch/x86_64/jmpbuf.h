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

static inline uintptr_t gort__jmpbuf_sp(const struct __jmp_buf_tag *env)
{
    uintptr_t v = (uintptr_t)env->__jmpbuf[6], guard;
    __asm__("movq %%fs:0x30, %0" : "=r"(guard));
    v = (v >> 17) | (v << (64 - 17));
    return v ^ guard;
}

/* The jump itself, for a program where the C library's cannot be looked up (a static
 * executable: dlsym(RTLD_NEXT) finds nothing there). Restores rbx, r12-r15 (kept plain), rbp,
 * rsp and the resume address (mangled), and returns val (1 for 0) from the setjmp. The signal
 * mask, if the buffer saved one, is the caller's (src/longjmp.c). */
static inline __attribute__((always_inline, noreturn)) void
gort__jmpbuf_jump(const struct __jmp_buf_tag *env, int val)
{
    __asm__ volatile("movq %%fs:0x30, %%rdx\n\t"
                     "movq 8(%%rdi), %%r8\n\t"
                     "rorq $17, %%r8\n\t"
                     "xorq %%rdx, %%r8\n\t"
                     "movq 48(%%rdi), %%r9\n\t"
                     "rorq $17, %%r9\n\t"
                     "xorq %%rdx, %%r9\n\t"
                     "movq 56(%%rdi), %%rcx\n\t"
                     "rorq $17, %%rcx\n\t"
                     "xorq %%rdx, %%rcx\n\t"
                     "movq 0(%%rdi), %%rbx\n\t"
                     "movq 16(%%rdi), %%r12\n\t"
                     "movq 24(%%rdi), %%r13\n\t"
                     "movq 32(%%rdi), %%r14\n\t"
                     "movq 40(%%rdi), %%r15\n\t"
                     "movl %%esi, %%eax\n\t"
                     "testl %%eax, %%eax\n\t"
                     "jnz 1f\n\t"
                     "incl %%eax\n"
                     "1:\n\t"
                     "movq %%r8, %%rbp\n\t"
                     "movq %%r9, %%rsp\n\t"
                     "jmpq *%%rcx"
                     :
                     : "D"(env), "S"(val)
                     : "rax", "rcx", "rdx", "r8", "r9", "memory");
    __builtin_unreachable();
}

#endif
